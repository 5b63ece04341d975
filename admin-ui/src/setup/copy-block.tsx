// A command or file snippet shown as code with a Copy button beside it (the same copy path as Health's
// "Copy report": the Clipboard API, else a selected textarea).
import { Button } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { copyText } from '../health/report';

export function CopyBlock( {
	text,
	label,
	multiline = false,
}: {
	text: string;
	/** What is copied, for screen readers ("Copy the setup command"). */
	label: string;
	multiline?: boolean;
} ) {
	const [ state, setState ] = useState< 'idle' | 'copied' | 'refused' >(
		'idle'
	);
	useEffect( () => {
		if ( state === 'idle' ) {
			return undefined;
		}
		const timer = setTimeout( () => setState( 'idle' ), 3000 );
		return () => clearTimeout( timer );
	}, [ state ] );

	return (
		<div className="wpmc-copy">
			{ multiline ? (
				<pre className="wpmc-copy__text">
					<code>{ text }</code>
				</pre>
			) : (
				<code className="wpmc-copy__text">{ text }</code>
			) }
			<Button
				variant="secondary"
				size="compact"
				label={ label }
				showTooltip={ false }
				onClick={ () =>
					copyText( text ).then(
						() => setState( 'copied' ),
						() => setState( 'refused' )
					)
				}
			>
				{ state === 'copied'
					? __( 'Copied', 'wp-media-cloud' )
					: __( 'Copy', 'wp-media-cloud' ) }
			</Button>
			{ state === 'refused' && (
				<span className="wpmc-copy__refused" role="alert">
					{ __(
						'The browser refused to copy: select the text and copy it.',
						'wp-media-cloud'
					) }
				</span>
			) }
		</div>
	);
}

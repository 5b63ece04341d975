// The save's warning that pages could not load files with the new settings (PUT /settings answers 409
// wp_media_cloud_urls_unreachable and saves nothing): what the check found, its fix, and a confirm step.
import { Button, Flex } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { AdminNotice } from '../components/admin-notice';
import type { ApiErrorBody } from '../types';

export const URLS_UNREACHABLE = 'wp_media_cloud_urls_unreachable';

export const isUrlWarning = ( error: ApiErrorBody | null | undefined ) =>
	error?.code === URLS_UNREACHABLE;

export function SaveWarning( {
	warning,
	confirmLabel,
	busy,
	onConfirm,
	onCancel,
}: {
	warning: ApiErrorBody;
	confirmLabel: string;
	busy: boolean;
	onConfirm: () => void;
	onCancel: () => void;
} ) {
	const ref = useRef< HTMLDivElement >( null );
	// What the check found (the upload check's description), beside the message.
	const found = ( warning.data as { found?: string } | null )?.found;
	useEffect( () => {
		ref.current?.scrollIntoView?.( { block: 'center' } );
	}, [ warning ] );
	return (
		<div ref={ ref } className="wpmc-save-warning">
			<AdminNotice status="warning">
				<p>
					<strong>{ warning.message }</strong>
				</p>
				{ found && (
					<p className="wpmc-save-warning__found">{ found }</p>
				) }
				{ warning.data?.remedy && (
					<p className="wpmc-save-warning__fix">
						<strong>{ __( 'Fix:', 'wp-media-cloud' ) }</strong>{ ' ' }
						{ warning.data.remedy }
					</p>
				) }
				<Flex justify="flex-start" gap={ 2 }>
					<Button
						variant="primary"
						onClick={ onCancel }
						disabled={ busy }
						accessibleWhenDisabled
					>
						{ __( 'Keep editing', 'wp-media-cloud' ) }
					</Button>
					<Button
						variant="secondary"
						isDestructive
						onClick={ onConfirm }
						isBusy={ busy }
						disabled={ busy }
						accessibleWhenDisabled
					>
						{ confirmLabel }
					</Button>
				</Flex>
			</AdminNotice>
		</div>
	);
}

// Tools › Audit missing files: attachments whose files are neither on this server nor in the bucket
// (the docs' "Check 8"), which only a backup can restore.
import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { isMissingRoute, normaliseError, request } from '../api';
import { formatNumber } from '../components/format';
import { NotAvailable } from '../components/not-available';
import type { ApiErrorBody } from '../types';

interface MissingItem {
	id?: number;
	attachment_id?: number;
	title?: string;
	file?: string;
	files?: string[];
	missing?: string[];
}

/**
 * The route answers a list, or an object holding it.
 * @param answer
 */
function itemsOf( answer: unknown ): MissingItem[] {
	if ( Array.isArray( answer ) ) {
		return answer as MissingItem[];
	}
	const record = ( answer ?? {} ) as Record< string, unknown >;
	const list = record.items ?? record.missing ?? record.attachments;
	return Array.isArray( list ) ? ( list as MissingItem[] ) : [];
}

export function AuditMissing() {
	const [ items, setItems ] = useState< MissingItem[] | null >( null );
	const [ checked, setChecked ] = useState< number | null >( null );
	const [ running, setRunning ] = useState( false );
	const [ error, setError ] = useState< ApiErrorBody | null >( null );

	const run = async () => {
		setRunning( true );
		setError( null );
		try {
			const answer = await request< unknown >( 'GET', '/audit' );
			setItems( itemsOf( answer ) );
			const count = ( answer as { checked?: unknown } )?.checked;
			setChecked( typeof count === 'number' ? count : null );
		} catch ( caught ) {
			setError( normaliseError( caught ) );
		} finally {
			setRunning( false );
		}
	};

	return (
		<>
			<p>
				{ __(
					'Finds attachments whose files are missing both on this server and in the bucket. Restore those files from a backup, then run the migration again.',
					'wp-media-cloud'
				) }
			</p>
			<Button
				variant="secondary"
				onClick={ run }
				isBusy={ running }
				disabled={ running }
			>
				{ __( 'Audit missing files', 'wp-media-cloud' ) }
			</Button>
			{ isMissingRoute( error ) && (
				<NotAvailable
					feature={ __(
						'The missing files audit',
						'wp-media-cloud'
					) }
					route="GET /media-cloud/v1/audit"
				/>
			) }
			{ error && ! isMissingRoute( error ) && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }
				</Notice>
			) }
			{ items && (
				<Notice
					status={ items.length ? 'warning' : 'success' }
					isDismissible={ false }
					className="wpmc-audit-summary"
				>
					{ items.length
						? sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment has missing files.',
									'%s attachments have missing files.',
									items.length,
									'wp-media-cloud'
								),
								formatNumber( items.length )
							)
						: __(
								'No missing files: every attachment is on this server or in the bucket.',
								'wp-media-cloud'
							) }
					{ checked !== null &&
						' ' +
							sprintf(
								/* translators: %s: number of attachments. */
								_n(
									'%s attachment checked.',
									'%s attachments checked.',
									checked,
									'wp-media-cloud'
								),
								formatNumber( checked )
							) }
				</Notice>
			) }
			{ items && items.length > 0 && (
				<table className="widefat striped wpmc-table wpmc-audit">
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Attachment', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Missing files', 'wp-media-cloud' ) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ items.map( ( item, index ) => {
							const id = item.id ?? item.attachment_id;
							const files =
								item.missing ??
								item.files ??
								( item.file ? [ item.file ] : [] );
							return (
								<tr key={ id ?? index }>
									<td>
										{ id ? (
											<a
												href={ `post.php?post=${ id }&action=edit` }
											>
												{ item.title || `#${ id }` }
											</a>
										) : (
											item.title
										) }
									</td>
									<td>{ files.join( ', ' ) }</td>
								</tr>
							);
						} ) }
					</tbody>
				</table>
			) }
		</>
	);
}

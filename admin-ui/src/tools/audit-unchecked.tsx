// The attachments the audit could not check: their record names an older storage (another bucket or provider)
// that did not answer — a bucket deleted after a move, keys that no longer reach it, an endpoint gone. They are
// not missing, only unknown: one notice per storage with the reason and what to do, then one table of them.
import { __, _n, sprintf } from '@wordpress/i18n';
import { AdminNotice } from '../components/admin-notice';
import { attachmentColumn, DataTable } from '../components/data-table';
import { formatNumber } from '../components/format';

/** An item of `GET /audit`'s `unchecked` (Unchecked_Storage::item() in PHP): reason and fix in the site's language. */
export interface UncheckedItem {
	attachment_id: number;
	title: string;
	files: string[];
	/** The provider's name as people know it ("Cloudflare R2"). */
	provider: string;
	bucket: string;
	code: string;
	reason: string;
	fix: string;
}

interface StorageGroup {
	provider: string;
	bucket: string;
	reason: string;
	fix: string;
	count: number;
}

function byStorage( items: UncheckedItem[] ): StorageGroup[] {
	const groups = new Map< string, StorageGroup >();
	for ( const item of items ) {
		const key = `${ item.provider }\n${ item.bucket }`;
		const group = groups.get( key ) ?? {
			provider: item.provider,
			bucket: item.bucket,
			reason: item.reason,
			fix: item.fix,
			count: 0,
		};
		group.count++;
		groups.set( key, group );
	}
	return [ ...groups.values() ];
}

export function AuditUnchecked( { items }: { items: UncheckedItem[] } ) {
	if ( ! items.length ) {
		return null;
	}
	return (
		<div className="wpmc-audit-unchecked">
			<h3>{ __( 'Could not be checked', 'wp-media-cloud' ) }</h3>
			{ byStorage( items ).map( ( group ) => (
				<AdminNotice
					key={ `${ group.provider }\n${ group.bucket }` }
					status="warning"
					className="wpmc-audit-unchecked__storage"
				>
					<p>
						{ sprintf(
							/* translators: 1: number of attachments, 2: bucket name, 3: storage provider name, 4: why (a sentence from the storage). */
							_n(
								'%1$s attachment stored in the bucket "%2$s" (%3$s) could not be checked: %4$s',
								'%1$s attachments stored in the bucket "%2$s" (%3$s) could not be checked: %4$s',
								group.count,
								'wp-media-cloud'
							),
							formatNumber( group.count ),
							group.bucket,
							group.provider,
							group.reason
						) }
					</p>
					<p>
						<strong>
							{ __( 'What to do:', 'wp-media-cloud' ) }
						</strong>{ ' ' }
						{ group.fix }
					</p>
				</AdminNotice>
			) ) }
			<DataTable
				className="wpmc-audit-unchecked__table"
				rows={ items }
				rowKey={ ( item ) => item.attachment_id }
				columns={ [
					attachmentColumn(),
					{
						label: __(
							'Files not on this server',
							'wp-media-cloud'
						),
						cell: ( item ) => item.files.join( ', ' ),
					},
					{
						label: __( 'Stored in', 'wp-media-cloud' ),
						cell: ( item ) =>
							sprintf(
								/* translators: 1: bucket name, 2: storage provider name. */
								__( '%1$s (%2$s)', 'wp-media-cloud' ),
								item.bucket,
								item.provider
							),
					},
				] }
			/>
		</div>
	);
}

// Uploads kept local because the sidecar or the storage was failing; they are retried automatically.
import { __ } from '@wordpress/i18n';
import { DataTable, EditLink } from '../components/data-table';
import { formatDate } from '../components/format';
import type { StatusResponse } from '../types';

export function PendingTable( {
	pending,
}: {
	pending: StatusResponse[ 'pending' ];
} ) {
	if ( ! pending.length ) {
		return (
			<p className="wpmc-empty">
				{ __(
					'No uploads are waiting to be offloaded.',
					'wp-media-cloud'
				) }
			</p>
		);
	}
	return (
		<>
			<p>
				{ __(
					'These uploads are kept on this server until the storage answers again; they are retried every few minutes. Fix the reason shown to speed this up.',
					'wp-media-cloud'
				) }
			</p>
			<DataTable
				className="wpmc-pending"
				rows={ pending }
				rowKey={ ( item ) => item.id }
				columns={ [
					{
						label: __( 'File', 'wp-media-cloud' ),
						cell: ( item ) => (
							<EditLink id={ item.id } title={ item.title } />
						),
					},
					{
						label: __( 'Reason', 'wp-media-cloud' ),
						cell: ( item ) => item.reason,
					},
					{
						label: __( 'Waiting since', 'wp-media-cloud' ),
						cell: ( item ) => formatDate( item.since ),
					},
				] }
			/>
		</>
	);
}

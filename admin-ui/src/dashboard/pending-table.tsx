// Uploads kept local because the sidecar or the storage was failing; they are retried automatically.
import { __ } from '@wordpress/i18n';
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
			<div className="wpmc-table-scroll">
				<table className="widefat striped wpmc-table wpmc-pending">
					<thead>
						<tr>
							<th scope="col">
								{ __( 'File', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Reason', 'wp-media-cloud' ) }
							</th>
							<th scope="col">
								{ __( 'Waiting since', 'wp-media-cloud' ) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ pending.map( ( item ) => (
							<tr key={ item.id }>
								<td>
									<a
										href={ `post.php?post=${ item.id }&action=edit` }
									>
										{ item.title || `#${ item.id }` }
									</a>
								</td>
								<td>{ item.reason }</td>
								<td>{ formatDate( item.since ) }</td>
							</tr>
						) ) }
					</tbody>
				</table>
			</div>
		</>
	);
}

// Which storage and CDN media is served from, with a link to change it.
import { __ } from '@wordpress/i18n';
import type { StatusResponse } from '../types';

export function StorageSummary( {
	storage,
	settingsUrl,
}: {
	storage: StatusResponse[ 'storage' ];
	settingsUrl: string;
} ) {
	const none = __( 'not set', 'wp-media-cloud' );
	return (
		<>
			<table className="form-table wpmc-storage" role="presentation">
				<tbody>
					<tr>
						<th scope="row">
							{ __( 'Provider', 'wp-media-cloud' ) }
						</th>
						<td>{ storage.provider || none }</td>
					</tr>
					<tr>
						<th scope="row">
							{ __( 'Bucket', 'wp-media-cloud' ) }
						</th>
						<td>
							{ storage.bucket ? (
								<code>{ storage.bucket }</code>
							) : (
								none
							) }
						</td>
					</tr>
					<tr>
						<th scope="row">
							{ __( 'Files are served from', 'wp-media-cloud' ) }
						</th>
						<td>
							{ storage.public_base ? (
								<code>{ storage.public_base }</code>
							) : (
								none
							) }
						</td>
					</tr>
					<tr>
						<th scope="row">{ __( 'CDN', 'wp-media-cloud' ) }</th>
						<td>
							{ storage.cdn_host ? (
								<code>{ storage.cdn_host }</code>
							) : (
								__(
									'none: files are served from the bucket',
									'wp-media-cloud'
								)
							) }
						</td>
					</tr>
				</tbody>
			</table>
			<p>
				<a href={ settingsUrl }>
					{ __( 'Change storage settings', 'wp-media-cloud' ) }
				</a>
			</p>
		</>
	);
}

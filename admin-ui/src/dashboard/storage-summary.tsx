// Which storage and CDN media is served from, with a link to change it. The provider is named as Settings names
// it ("S3-compatible storage"), never by its id ("s3-compatible").
import { __ } from '@wordpress/i18n';
import type { StatusResponse } from '../types';

export function StorageSummary( {
	storage,
	providerLabels,
	settingsUrl,
}: {
	storage: StatusResponse[ 'storage' ];
	/** Provider id => name, printed with the page (AdminConfig.providerLabels): known before any request. */
	providerLabels: Record< string, string >;
	settingsUrl: string;
} ) {
	const none = __( 'not set', 'wp-media-cloud' );
	// A provider this version does not know (a newer plugin's settings) is shown by its id rather than not at all.
	const provider = storage.provider
		? ( providerLabels[ storage.provider ] ?? storage.provider )
		: none;
	return (
		<>
			<table className="form-table wpmc-storage" role="presentation">
				<tbody>
					<tr>
						<th scope="row">
							{ __( 'Provider', 'wp-media-cloud' ) }
						</th>
						<td className="wpmc-storage__provider">{ provider }</td>
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

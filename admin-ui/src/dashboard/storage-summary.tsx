// Which storage and CDN media is served from, with a link to change it. The provider is named as Settings names
// it ("S3-compatible storage"), never by its id ("s3-compatible").
import { __ } from '@wordpress/i18n';
import type { Provider, StatusResponse } from '../types';

/**
 * The provider's name from the settings' list; '' until that list is known.
 * @param id
 * @param providers
 */
export function providerLabel(
	id: string,
	providers: Provider[] | null
): string {
	return providers?.find( ( provider ) => provider.id === id )?.label ?? '';
}

export function StorageSummary( {
	storage,
	providers,
	settingsUrl,
}: {
	storage: StatusResponse[ 'storage' ];
	/** GET /settings' providers, null while loading. */
	providers: Provider[] | null;
	settingsUrl: string;
} ) {
	const none = __( 'not set', 'wp-media-cloud' );
	const provider = storage.provider
		? providerLabel( storage.provider, providers ) || '…'
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

// The settings every provider shares, with the help the product docs give for each.
import { __ } from '@wordpress/i18n';
import type { ProviderField } from '../types';

export function deliveryFields(): ProviderField[] {
	return [
		{
			key: 'rewrite_urls',
			type: 'boolean',
			label: __( 'Rewrite URLs', 'wp-media-cloud' ),
			help: __(
				'Serve offloaded media from the bucket or CDN. When off, WordPress uses local URLs for every attachment, offloaded or not.',
				'wp-media-cloud'
			),
		},
		{
			key: 'cdn_host',
			type: 'text',
			label: __( 'CDN hostname', 'wp-media-cloud' ),
			help: __(
				'For example media.example.com. It replaces the bucket hostname in every media URL; the file path stays the same. The CDN must pull from your bucket.',
				'wp-media-cloud'
			),
		},
		{
			key: 'public_url',
			type: 'url',
			label: __( 'Public bucket URL', 'wp-media-cloud' ),
			help: __(
				'The address visitors load files from when no CDN is set. Leave empty to derive it from the provider, endpoint and bucket.',
				'wp-media-cloud'
			),
		},
		{
			key: 'object_prefix',
			type: 'text',
			label: __( 'Object prefix', 'wp-media-cloud' ),
			help: __(
				'The folder in the bucket that files are stored under, for example wp-content/uploads/.',
				'wp-media-cloud'
			),
		},
		{
			key: 'cache_control',
			type: 'text',
			label: __( 'Cache-Control', 'wp-media-cloud' ),
			help: __(
				'Sent with every uploaded file: browsers and CDNs cache by it. The default, public, max-age=31536000, immutable, suits files that never change in place.',
				'wp-media-cloud'
			),
		},
		{
			key: 'versioning',
			type: 'boolean',
			label: __( 'File versioning', 'wp-media-cloud' ),
			help: __(
				'Keeps each offload of an attachment in its own folder of the bucket, named after the time of the offload and the attachment ID and placed before the year and month folders, so a file offloaded again after a change gets a new URL and CDN caches never serve the old version. File names stay the same.',
				'wp-media-cloud'
			),
		},
	];
}

export function localFileFields(): ProviderField[] {
	return [
		{
			key: 'remove_local',
			type: 'boolean',
			label: __( 'Remove local files', 'wp-media-cloud' ),
			help: __(
				'Delete the copies in wp-content/uploads once each file is confirmed in the bucket. If the plugin is later deactivated, those URLs return 404 until the files are downloaded back (Tools › Download back).',
				'wp-media-cloud'
			),
		},
		{
			key: 'mirror_delete',
			type: 'boolean',
			label: __( 'Mirror deletion', 'wp-media-cloud' ),
			help: __(
				'Deleting a file from the media library also deletes it from the bucket.',
				'wp-media-cloud'
			),
		},
	];
}

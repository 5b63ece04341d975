// Endpoint and public base URL of each provider for a few settings: the sidecar's provider presets compute them
// (test/unit/provider-declarations.test.ts) and WordPress's URL rewriting builds the same URLs without asking the
// sidecar (test/providers/conformance.test.ts).
import type { StorageSettings } from '../../sidecar/src/storage/types';

/** [provider id, settings besides the defaults, endpoint, public base URL] */
export const PROVIDER_URL_CASES: Array<[string, Partial<StorageSettings>, string, string]> = [
	['s3', { region: 'eu-west-1' }, 'https://s3.eu-west-1.amazonaws.com', 'https://media.s3.eu-west-1.amazonaws.com'],
	[
		'r2',
		{ account_id: 'abcdefabcdefabcdefabcdefabcdef12', public_url: 'https://pub-123.r2.dev' },
		'https://abcdefabcdefabcdefabcdefabcdef12.r2.cloudflarestorage.com',
		'https://pub-123.r2.dev',
	],
	['r2', { account_id: 'abcdefabcdefabcdefabcdefabcdef12' }, 'https://abcdefabcdefabcdefabcdefabcdef12.r2.cloudflarestorage.com', ''],
	['wasabi', { region: 'eu-central-1' }, 'https://s3.eu-central-1.wasabisys.com', 'https://s3.eu-central-1.wasabisys.com/media'],
	['b2', { region: 'us-west-004' }, 'https://s3.us-west-004.backblazeb2.com', 'https://media.s3.us-west-004.backblazeb2.com'],
	['spaces', { region: 'ams3' }, 'https://ams3.digitaloceanspaces.com', 'https://media.ams3.digitaloceanspaces.com'],
	['hetzner', { region: 'hel1' }, 'https://hel1.your-objectstorage.com', 'https://media.hel1.your-objectstorage.com'],
	['gcs', {}, 'https://storage.googleapis.com', 'https://storage.googleapis.com/media'],
	['bunny', { region: 'ny', pull_zone_host: 'media.b-cdn.net' }, 'https://ny.storage.bunnycdn.com', 'https://media.b-cdn.net'],
	['bunny', { region: 'de' }, 'https://storage.bunnycdn.com', ''],
	[
		's3-compatible',
		{ endpoint: 'https://minio.example.com:9000', path_style: true },
		'https://minio.example.com:9000',
		'https://minio.example.com:9000/media',
	],
	['s3-compatible', { endpoint: 'https://objects.example.com' }, 'https://objects.example.com', 'https://media.objects.example.com'],
];

/** Settings of a bucket named "media" with the case's extra fields. */
export function urlCaseSettings(id: string, extra: Partial<StorageSettings>): StorageSettings {
	return { provider: id, endpoint: '', region: '', bucket: 'media', access_key: 'k', secret_key: 's', path_style: false, ...extra } as StorageSettings;
}

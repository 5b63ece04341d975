// What the settings tests share: the REST route, the option as stored (secrets included, read inside WordPress,
// never through REST) and its raw bytes in the database, and a known baseline per provider.
import { rest as pluginRest } from '../support/rest';
import { getSite, wpEval, type TestSite } from '../support/stack';

export type Settings = Record<string, unknown>;

const HEX32 = '0123456789abcdef0123456789abcdef';
export { HEX32 };

export function baselines(site: TestSite): Record<string, Settings> {
	return {
		's3-compatible': {
			provider: 's3-compatible',
			endpoint: site.s3.endpoint,
			region: 'us-east-1',
			bucket: site.s3.bucket,
			access_key: 'S3RVER',
			secret_key: 'S3RVER',
			path_style: true,
		},
		s3: {
			provider: 's3',
			endpoint: '',
			region: 'eu-west-1',
			bucket: 'media-bucket',
			access_key: 'AKIAABCDEFGHIJKLMNOP',
			secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			path_style: false,
		},
		r2: {
			provider: 'r2',
			endpoint: '',
			region: 'auto',
			account_id: HEX32,
			bucket: 'media',
			access_key: HEX32,
			secret_key: HEX32 + HEX32,
			public_url: 'https://pub-1.r2.dev',
		},
		spaces: { provider: 'spaces', endpoint: '', region: 'ams3', bucket: 'media', access_key: 'DO00ABCDEFGHIJKLMNOP', secret_key: 'abc' },
		hetzner: { provider: 'hetzner', endpoint: '', region: 'fsn1', bucket: 'media', access_key: 'HZ123', secret_key: 'abc' },
		wasabi: { provider: 'wasabi', endpoint: '', region: 'eu-central-1', bucket: 'media', access_key: 'WS123', secret_key: 'abc' },
		b2: {
			provider: 'b2',
			endpoint: '',
			region: 'us-west-004',
			bucket: 'media-b2',
			access_key: '0045c0a6b2b0d2a0000000003',
			secret_key: 'K004abcdefghijklmnopqrstuvwxyz1',
		},
		gcs: { provider: 'gcs', endpoint: '', region: 'auto', bucket: 'media', access_key: 'GOOG1EABCDEFGHIJ', secret_key: 'gcs-secret' },
		bunny: {
			provider: 'bunny',
			endpoint: '',
			region: 'de',
			bucket: 'media-zone',
			access_key: '',
			secret_key: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d6e7f-8a9b',
			pull_zone_host: 'media.b-cdn.net',
		},
	};
}

/** The settings route through the shared REST helper; `raw` sends malformed bodies as they are. */
export async function rest(site: TestSite, method: string, body?: unknown, raw?: string, query = ''): Promise<{ status: number; json: any }> {
	const answer = await pluginRest(site, method, `/settings${query}`, body, raw);
	return { status: answer.status, json: answer.body };
}

export const stored = (site: TestSite) => wpEval<Settings>(site, "return get_option( 'wp_media_cloud_settings' );");

/** The option row exactly as the database holds it (serialized PHP), or null when there is none. */
export const storedBytes = (site: TestSite) =>
	wpEval<string | null>(
		site,
		'global $wpdb; return $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", \'wp_media_cloud_settings\' ) );',
	);

/** Writes the option (through update_option, so its sanitize callback runs) and answers the stored bytes. */
export const writeStored = (site: TestSite, value: Settings) =>
	wpEval<string>(
		site,
		`update_option( 'wp_media_cloud_settings', json_decode( ${JSON.stringify(JSON.stringify(value))}, true ) );
     global $wpdb; return $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", 'wp_media_cloud_settings' ) );`,
	);

export { getSite };

// PUT /wp-json/media-cloud/v1/settings with one bad value (and one good change) at a time: each answer is a 400
// naming that field with its own message, the good change in the same request is saved, and nothing already
// saved is lost. Runs against the real SQLite site; the settings are restored afterwards.
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
type Settings = Record<string, unknown>;

const UUID2 = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const HEX32 = '0123456789abcdef0123456789abcdef';
const BASELINES: Record<string, Settings> = {
  's3-compatible': { provider: 's3-compatible', endpoint: site.s3.endpoint, region: 'us-east-1', bucket: site.s3.bucket, access_key: 'S3RVER', secret_key: 'S3RVER', path_style: true },
  s3: { provider: 's3', endpoint: '', region: 'eu-west-1', bucket: 'media-bucket', access_key: 'AKIAABCDEFGHIJKLMNOP', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', path_style: false },
  r2: { provider: 'r2', endpoint: '', region: 'auto', account_id: HEX32, bucket: 'media', access_key: HEX32, secret_key: HEX32 + HEX32, public_url: 'https://pub-1.r2.dev' },
  spaces: { provider: 'spaces', endpoint: '', region: 'ams3', bucket: 'media', access_key: 'DO00ABCDEFGHIJKLMNOP', secret_key: 'abc' },
  hetzner: { provider: 'hetzner', endpoint: '', region: 'fsn1', bucket: 'media', access_key: 'HZ123', secret_key: 'abc' },
  wasabi: { provider: 'wasabi', endpoint: '', region: 'eu-central-1', bucket: 'media', access_key: 'WS123', secret_key: 'abc' },
  b2: { provider: 'b2', endpoint: '', region: 'us-west-004', bucket: 'media-b2', access_key: '0045c0a6b2b0d2a0000000003', secret_key: 'K004abcdefghijklmnopqrstuvwxyz1' },
  gcs: { provider: 'gcs', endpoint: '', region: 'auto', bucket: 'media', access_key: 'GOOG1EABCDEFGHIJ', secret_key: 'gcs-secret' },
  bunny: { provider: 'bunny', endpoint: '', region: 'de', bucket: 'media-zone', access_key: '', secret_key: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d6e7f-8a9b', pull_zone_host: 'media.b-cdn.net' },
};

const CASES: Array<[string, string, Settings, string, RegExp]> = [
  ['endpoint without https://', 's3-compatible', { endpoint: 's3.example.com' }, 'endpoint', /must start with https:\/\//],
  ['plain http to a remote host', 's3-compatible', { endpoint: 'http://s3.example.com' }, 'endpoint', /Plain http:\/\/ is only allowed for a storage server on this machine/],
  ['endpoint with a trailing slash', 's3-compatible', { endpoint: 'https://s3.example.com/' }, 'endpoint', /Remove the trailing slash/],
  ['endpoint with a user name and password (they would be published in every image URL)', 's3-compatible', { endpoint: 'http://user:pass@127.0.0.1:9100' }, 'endpoint', /must not contain a user name or password/],
  ['public URL that closes the src attribute (stored XSS on every page)', 'r2', { public_url: 'https://x.example.com/"><img src=x onerror=alert(1)>' }, 'public_url', /must not contain spaces, quotes, angle brackets/],
  ['public URL with credentials', 'r2', { public_url: 'https://user:pass@pub-1.r2.dev' }, 'public_url', /without a user name, password/],
  ['endpoint with the bucket as subdomain', 's3-compatible', { endpoint: `https://${site.s3.bucket}.s3.example.com` }, 'endpoint', /must not contain the bucket name/],
  ['endpoint with the bucket as path', 's3-compatible', { endpoint: `https://s3.example.com/${site.s3.bucket}` }, 'endpoint', /must not contain the bucket name/],
  ['endpoint with another path', 's3-compatible', { endpoint: 'https://s3.example.com/api' }, 'endpoint', /without a path/],
  ['endpoint with a leading space', 's3-compatible', { endpoint: ' https://s3.example.com' }, 'endpoint', /endpoint has leading or trailing spaces/],
  ['S3-compatible without an endpoint', 's3-compatible', { endpoint: '' }, 'endpoint', /needs an endpoint URL/],
  ['access key with a trailing space', 's3-compatible', { access_key: 'S3RVER ' }, 'access_key', /access key has leading or trailing spaces/],
  ['secret key with a leading space', 's3-compatible', { secret_key: ' S3RVER' }, 'secret_key', /secret key has leading or trailing spaces/],
  ['secret key broken in two', 's3-compatible', { secret_key: 'abc def' }, 'secret_key', /contains a space or line break/],
  ['bucket name missing', 's3-compatible', { bucket: '' }, 'bucket', /bucket name is missing/],
  ['uppercase bucket name on S3', 's3', { bucket: 'My-Media' }, 'bucket', /lowercase.*“my-media”/],
  ['bucket name too short', 's3', { bucket: 'ab' }, 'bucket', /3 to 63 characters/],
  ['bucket name with an underscore', 's3', { bucket: 'my_media' }, 'bucket', /only lowercase letters, numbers, dots and hyphens/],
  ['bucket name starting with a hyphen', 's3', { bucket: '-media' }, 'bucket', /begin and end with a letter or a number/],
  ['bucket name with two dots in a row', 's3', { bucket: 'my..media' }, 'bucket', /two dots in a row/],
  ['bucket name that is an IP address', 's3', { bucket: '192.168.1.10' }, 'bucket', /IP address/],
  ['bucket pasted as a URL', 's3', { bucket: 's3://my-media/uploads' }, 'bucket', /not a URL or a path/],
  ['AWS region that does not exist', 's3', { region: 'eu-west-9' }, 'region', /“eu-west-9” is not a region of Amazon S3/],
  ['AWS access key of the wrong shape', 's3', { access_key: 'akia-lower' }, 'access_key', /AWS access key ID is upper-case/],
  ['Spaces region that does not exist', 'spaces', { region: 'nyc1' }, 'region', /not a region of DigitalOcean Spaces. Use one of: nyc3/],
  ['Hetzner region without its number', 'hetzner', { region: 'fsn' }, 'region', /fsn1, nbg1, hel1/],
  ['Wasabi region cut short', 'wasabi', { region: 'us-east' }, 'region', /not a region of Wasabi/],
  ['B2 endpoint pasted as region', 'b2', { region: 's3.us-west-004.backblazeb2.com' }, 'region', /middle of the S3 endpoint/],
  ['B2 region of the wrong shape', 'b2', { region: 'uswest4' }, 'region', /not a valid region code for Backblaze B2/],
  ['B2 applicationKey in the keyID field', 'b2', { access_key: 'K004zyxwvutsrqponmlkjihgfedcba9' }, 'access_key', /looks like the applicationKey/],
  ['R2 with an AWS region', 'r2', { region: 'us-east-1' }, 'region', /Use one of: auto/],
  ['R2 endpoint pasted as account id', 'r2', { account_id: `https://${HEX32}.r2.cloudflarestorage.com` }, 'account_id', /not the endpoint URL/],
  ['R2 account id of the wrong shape', 'r2', { account_id: 'my-account' }, 'account_id', /32 hexadecimal characters/],
  ['Cloudflare API token instead of an R2 key', 'r2', { access_key: 'abcdefghijABCDEFGHIJ0123456789_-abcdefgh' }, 'access_key', /Cloudflare API token/],
  ['R2 secret of the wrong length', 'r2', { secret_key: 'short' }, 'secret_key', /64 hexadecimal characters/],
  ['GCS JSON service-account key', 'gcs', { secret_key: '{"type":"service_account","private_key_id":"abc"}' }, 'secret_key', /JSON service-account key.*HMAC key/],
  ['GCS key that is not HMAC', 'gcs', { access_key: 'AKIAIOSFODNN7EXAMPLE' }, 'access_key', /starts with GOOG/],
  ['Bunny account API key instead of the zone password', 'bunny', { secret_key: UUID2 }, 'secret_key', /account API key.*storage zone password/],
  ['Bunny zone name with uppercase', 'bunny', { bucket: 'Media_Zone' }, 'bucket', /Storage zone names contain only lowercase/],
  ['Bunny storage API host as pull zone', 'bunny', { pull_zone_host: 'storage.bunnycdn.com' }, 'pull_zone_host', /storage API host/],
  ['unknown provider', 's3-compatible', { provider: 'dropbox' }, 'provider', /Unknown provider “dropbox”/],
  ['CDN host with a path', 's3-compatible', { cdn_host: 'https://cdn.example.com/images' }, 'cdn_host', /without a path/],
  ['public URL without scheme', 's3-compatible', { public_url: 'cdn.example.com/media' }, 'public_url', /full URL starting with https/],
  ['public URL over plain http', 's3-compatible', { public_url: 'http://media.example.com' }, 'public_url', /must use https/],
  ['object prefix climbing out', 's3-compatible', { object_prefix: '../etc' }, 'object_prefix', /cannot contain “\.\.”/],
  ['Cache-Control on two lines', 's3-compatible', { cache_control: 'public\nmax-age=1' }, 'cache_control', /one line/],
  ['a toggle that is not a boolean', 's3-compatible', { rewrite_urls: 'maybe' }, 'rewrite_urls', /must be true or false/],
  ['a setting that does not exist', 's3-compatible', { colour: 'blue' }, 'colour', /Unknown setting/],
];

async function rest(method: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${site.restUrl}media-cloud/v1/settings`, {
    method,
    headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** The option as stored, secrets included (read inside WordPress, never through REST). */
const stored = () => wpEval<Settings>(site, "return get_option( 'wp_media_cloud_settings' );");
const writeStored = (value: Settings) => wpEval(site, `update_option( 'wp_media_cloud_settings', json_decode( ${JSON.stringify(JSON.stringify(value))}, true ) ); return true;`);

let original: Settings;
beforeAll(async () => {
  original = await stored();
});
afterAll(() => writeStored(original));

test.each(CASES)('%s → 400 naming the field; the good change is saved, nothing else changes', async (_name, baseline, patch, field, message) => {
  await writeStored({ ...original, public_url: '', pull_zone_host: '', account_id: '', cdn_host: '', ...BASELINES[baseline] });
  const before = await stored();
  // One valid change rides along in the same request (a different field when Cache-Control is the bad one).
  const n = Math.floor(Math.random() * 1e6);
  const good = field === 'cache_control' ? { cdn_host: `cdn-${n}.example.com` } : { cache_control: `public, max-age=${n}` };

  const { status, json } = await rest('PUT', { ...patch, ...good });

  expect(status).toBe(400);
  expect(json.code).toBe('wp_media_cloud_invalid_settings');
  expect(Object.keys(json.data.errors)).toEqual([field]);
  expect(json.data.errors[field]).toMatch(message);
  expect(await stored()).toEqual({ ...before, ...good });
});

test('a valid change is saved; secrets are never returned, only whether they are set', async () => {
  await writeStored({ ...original, ...BASELINES['s3-compatible'] });
  const { status, json } = await rest('PUT', { cdn_host: 'cdn.example.com', rewrite_urls: false });
  expect(status).toBe(200);
  expect(json.settings).toMatchObject({ cdn_host: 'cdn.example.com', rewrite_urls: false, access_key: '', secret_key: '' });
  expect(json.secrets_set).toEqual({ access_key: true, secret_key: true });
  expect(json.providers.map((p: { id: string }) => p.id)).toEqual(['s3', 'r2', 'wasabi', 'b2', 'spaces', 'hetzner', 'gcs', 'bunny', 's3-compatible']);
  expect(JSON.stringify((await rest('GET')).json)).not.toContain('S3RVER');
});

test('an empty secret keeps the stored one; a new one replaces it', async () => {
  await writeStored({ ...original, ...BASELINES['s3-compatible'] });
  expect((await rest('PUT', { access_key: '', secret_key: '', bucket: 'other-bucket' })).status).toBe(200);
  expect(await stored()).toMatchObject({ access_key: 'S3RVER', secret_key: 'S3RVER', bucket: 'other-bucket' });
  expect((await rest('PUT', { secret_key: 'new-secret' })).status).toBe(200);
  expect((await stored()).secret_key).toBe('new-secret');
});

test('several bad values at once: each its own message, the valid ones all saved', async () => {
  await writeStored({ ...original, ...BASELINES.s3 });
  const { status, json } = await rest('PUT', { region: 'mars-1', bucket: 'Bad_Bucket', cdn_host: 'cdn.example.org', object_prefix: 'media/' });
  expect(status).toBe(400);
  expect(Object.keys(json.data.errors).sort()).toEqual(['bucket', 'region']);
  expect(json.data.errors.region).not.toEqual(json.data.errors.bucket);
  expect(await stored()).toMatchObject({ region: 'eu-west-1', bucket: 'media-bucket', cdn_host: 'cdn.example.org', object_prefix: 'media/' });
});

test('settings defined in wp-config.php are locked: shown, marked, and not changeable', async () => {
  const result = await wpEval<{ locked: string[]; bucket: string; errors: Record<string, string> }>(
    site,
    `$d = WP_Media_Cloud\\Settings_Controller::describe();
     $r = WP_Media_Cloud\\Settings_Validator::apply( array( 'bucket' => 'changed' ), get_option( 'wp_media_cloud_settings' ) );
     return array( 'locked' => $d['locked'], 'bucket' => $d['settings']['bucket'], 'errors' => $r['errors'] );`,
    { before: "define( 'WP_MEDIA_CLOUD_BUCKET', 'from-wp-config' );" },
  );
  expect(result.locked).toEqual(['bucket']);
  expect(result.bucket).toBe('from-wp-config');
  expect(result.errors.bucket).toMatch(/defined in wp-config\.php \(WP_MEDIA_CLOUD_BUCKET\)/);
});

test('writes through update_option() are validated too: a bad endpoint keeps the stored one', async () => {
  await writeStored({ ...original, ...BASELINES['s3-compatible'] });
  await wpEval(site, "$o = get_option( 'wp_media_cloud_settings' ); $o['endpoint'] = 'http://s3.example.com/'; $o['cdn_host'] = 'cdn.example.net'; update_option( 'wp_media_cloud_settings', $o ); return true;");
  expect(await stored()).toMatchObject({ endpoint: site.s3.endpoint, cdn_host: 'cdn.example.net' });
});

test('settings need manage_options', async () => {
  expect((await fetch(`${site.restUrl}media-cloud/v1/settings`)).status).toBe(401);
});

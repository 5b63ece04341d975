// PUT /wp-json/media-cloud/v1/settings with one bad value at a time: each answer is a 400 naming that field with its
// own message (the rule broken, the type expected, the bound and why), the stored option is the same byte for byte,
// and a good change sent in the same request beside the bad one is saved (nothing else changes). Runs against the
// real SQLite site; the settings are restored afterwards. docs/bad-input.md lists these cases.
import { wpEval } from '../support/stack';
import {
	baselines,
	getSite,
	HEX32,
	rest as restOn,
	stored as storedOn,
	storedBytes as storedBytesOn,
	writeStored as writeStoredOn,
	type Settings,
} from './settings-support';

const site = getSite('sqlite');
const BASELINES = baselines(site);
const UUID2 = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const KB10 = 10 * 1024;
/** A DNS name of `length` characters whose labels are all valid (59 + dot), so only the length is wrong. */
const longHost = (length: number) => `${'a'.repeat(59)}.`.repeat(Math.ceil(length / 60)).slice(0, length - 12) + '.example.com';
const LABEL64 = 'a'.repeat(64);

const CASES: Array<[string, string, Settings, string, RegExp]> = [
	// Mistakes in the provider's own terms.
	['endpoint without https://', 's3-compatible', { endpoint: 's3.example.com' }, 'endpoint', /must start with https:\/\//],
	[
		'plain http to a remote host',
		's3-compatible',
		{ endpoint: 'http://s3.example.com' },
		'endpoint',
		/Plain http:\/\/ is only allowed for a storage server on this machine/,
	],
	['endpoint with a trailing slash', 's3-compatible', { endpoint: 'https://s3.example.com/' }, 'endpoint', /Remove the trailing slash/],
	[
		'endpoint with a user name and password (they would be published in every image URL)',
		's3-compatible',
		{ endpoint: 'http://user:pass@127.0.0.1:9100' },
		'endpoint',
		/must not contain a user name or password/,
	],
	[
		'public URL that closes the src attribute (stored XSS on every page)',
		'r2',
		{ public_url: 'https://x.example.com/"><img src=x onerror=alert(1)>' },
		'public_url',
		/must not contain spaces, quotes, angle brackets/,
	],
	['public URL with credentials', 'r2', { public_url: 'https://user:pass@pub-1.r2.dev' }, 'public_url', /without a user name, password/],
	[
		'endpoint with the bucket as subdomain',
		's3-compatible',
		{ endpoint: `https://${site.s3.bucket}.s3.example.com` },
		'endpoint',
		/must not contain the bucket name/,
	],
	[
		'endpoint with the bucket as path',
		's3-compatible',
		{ endpoint: `https://s3.example.com/${site.s3.bucket}` },
		'endpoint',
		/must not contain the bucket name/,
	],
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
	[
		'GCS JSON service-account key',
		'gcs',
		{ secret_key: '{"type":"service_account","private_key_id":"abc"}' },
		'secret_key',
		/JSON service-account key.*HMAC key/,
	],
	['GCS key that is not HMAC', 'gcs', { access_key: 'AKIAIOSFODNN7EXAMPLE' }, 'access_key', /starts with GOOG/],
	['Bunny account API key instead of the zone password', 'bunny', { secret_key: UUID2 }, 'secret_key', /account API key.*storage zone password/],
	[
		'Bunny zone name with uppercase and an underscore',
		'bunny',
		{ bucket: 'Media_Zone' },
		'bucket',
		/Storage zone names on Bunny Edge Storage may contain only lowercase letters, numbers and hyphens: “_” is not allowed/,
	],
	['Bunny storage API host as pull zone', 'bunny', { pull_zone_host: 'storage.bunnycdn.com' }, 'pull_zone_host', /storage API host/],
	['unknown provider', 's3-compatible', { provider: 'dropbox' }, 'provider', /Unknown provider “dropbox”/],
	['CDN host with a path', 's3-compatible', { cdn_host: 'https://cdn.example.com/images' }, 'cdn_host', /without a path/],
	// Served on https pages as mixed content: blocked, or upgraded to an https the host may not serve.
	['CDN host over plain http', 's3-compatible', { cdn_host: 'http://cdn.example.com' }, 'cdn_host', /must be served over https: enter it without http:\/\//],
	['pull zone host over plain http', 'bunny', { pull_zone_host: 'http://example.b-cdn.net' }, 'pull_zone_host', /must be served over https/],
	['public URL without scheme', 's3-compatible', { public_url: 'cdn.example.com/media' }, 'public_url', /full URL starting with https/],
	['public URL over plain http', 's3-compatible', { public_url: 'http://media.example.com' }, 'public_url', /must use https/],
	['object prefix climbing out', 's3-compatible', { object_prefix: '../etc' }, 'object_prefix', /cannot contain “\.\.”/],
	['Cache-Control on two lines', 's3-compatible', { cache_control: 'public\nmax-age=1' }, 'cache_control', /control character.*one line/],
	['a toggle that is not a boolean', 's3-compatible', { rewrite_urls: 'maybe' }, 'rewrite_urls', /must be true or false/],
	['a setting that does not exist', 's3-compatible', { colour: 'blue' }, 'colour', /Unknown setting/],
	// Types: a value of the wrong JSON type is refused, never converted.
	[
		'secret key sent as true (once became the secret "1")',
		's3-compatible',
		{ secret_key: true },
		'secret_key',
		/^“secret_key” must be text \(a JSON string\), not a boolean\.$/,
	],
	[
		'a switch sent as null (once turned it off)',
		's3-compatible',
		{ remove_local: null },
		'remove_local',
		/^“remove_local” must be true or false \(a JSON boolean\), not null\.$/,
	],
	['bucket sent as a number (once saved as "123")', 's3-compatible', { bucket: 123 }, 'bucket', /^“bucket” must be text \(a JSON string\), not a number\.$/],
	[
		'a switch sent as the text "true"',
		's3-compatible',
		{ path_style: 'true' },
		'path_style',
		/“path_style” must be true or false \(a JSON boolean\), not text/,
	],
	['a switch sent as 1', 's3-compatible', { rewrite_urls: 1 }, 'rewrite_urls', /“rewrite_urls” must be true or false \(a JSON boolean\), not a number/],
	['access key sent as false', 's3-compatible', { access_key: false }, 'access_key', /“access_key” must be text \(a JSON string\), not a boolean/],
	['CDN host sent as a list', 's3-compatible', { cdn_host: ['cdn.example.com'] }, 'cdn_host', /“cdn_host” must be text \(a JSON string\), not a list/],
	['region sent as an object', 's3-compatible', { region: { name: 'us-east-1' } }, 'region', /“region” must be text \(a JSON string\), not an object/],
	// Lengths: every text setting is bounded (Settings_Limits says why each bound is what it is).
	[
		'10 KB region',
		's3-compatible',
		{ region: 'a'.repeat(KB10) },
		'region',
		/region is 10240 characters long; at most 32 are allowed \(region codes are short/,
	],
	[
		'10 KB access key',
		's3-compatible',
		{ access_key: 'A'.repeat(KB10) },
		'access_key',
		/access key is 10240 characters long; at most 128 are allowed \(access key IDs are at most 128/,
	],
	['10 KB secret key', 's3-compatible', { secret_key: 's'.repeat(KB10) }, 'secret_key', /secret key is 10240 characters long; at most 256 are allowed/],
	[
		'300-character CDN host',
		's3-compatible',
		{ cdn_host: longHost(300) },
		'cdn_host',
		/CDN host is 300 characters long; at most 267 are allowed \(host names are at most 253/,
	],
	[
		'260-character CDN host (the host alone is over 253)',
		's3-compatible',
		{ cdn_host: longHost(260) },
		'cdn_host',
		/host name of the CDN host is 260 characters long; DNS names are at most 253/,
	],
	[
		'CDN host with a 64-character label',
		's3-compatible',
		{ cdn_host: `${LABEL64}.example.com` },
		'cdn_host',
		/between dots is at most 63 characters long \(DNS\)/,
	],
	[
		'pull zone host with a 64-character label',
		'bunny',
		{ pull_zone_host: `${LABEL64}.b-cdn.net` },
		'pull_zone_host',
		/between dots is at most 63 characters long/,
	],
	[
		'CDN host with a port out of range',
		's3-compatible',
		{ cdn_host: 'cdn.example.com:99999' },
		'cdn_host',
		/port in the CDN host must be a number from 1 to 65535/,
	],
	['CDN host with an internationalised name', 's3-compatible', { cdn_host: 'bücher.example' }, 'cdn_host', /ASCII form: xn--bcher-kva\.example/],
	[
		'1,100-character object prefix (every upload went pending)',
		's3-compatible',
		{ object_prefix: 'a/'.repeat(550) },
		'object_prefix',
		/object prefix is 1100 characters long; at most 512 are allowed \(.*1,024-byte limit of S3\)/,
	],
	[
		'object prefix one byte over the bound',
		's3-compatible',
		{ object_prefix: 'p'.repeat(512) + '/' },
		'object_prefix',
		/is 513 characters long; at most 512/,
	],
	[
		'Cache-Control longer than a header line',
		's3-compatible',
		{ cache_control: `public, max-age=${'1'.repeat(250)}` },
		'cache_control',
		/at most 256 are allowed \(one header line\)/,
	],
	[
		'Cache-Control with typographic characters',
		's3-compatible',
		{ cache_control: 'public, max-age=31536000, immutable’' },
		'cache_control',
		/outside plain ASCII/,
	],
	['access key with a control character', 's3-compatible', { access_key: 'S3\u0000RVER' }, 'access_key', /control character/],
	// The object prefix is a relative folder.
	['absolute object prefix', 's3-compatible', { object_prefix: '/abs/' }, 'object_prefix', /must not start with “\/”/],
	['object prefix with an empty folder', 's3-compatible', { object_prefix: 'media//2026/' }, 'object_prefix', /two slashes in a row/],
	['object prefix with a "." folder', 's3-compatible', { object_prefix: './media/' }, 'object_prefix', /“\.” folder/],
	['object prefix with a ".." folder', 's3-compatible', { object_prefix: 'media/../' }, 'object_prefix', /cannot contain “\.\.”/],
	['object prefix with a control character', 's3-compatible', { object_prefix: 'media\u0007/' }, 'object_prefix', /control character/],
	// Bucket names, per provider (Bucket_Name_Rules cites each provider's page).
	[
		'S3-compatible bucket of one character',
		's3-compatible',
		{ bucket: 'a' },
		'bucket',
		/Bucket names on S3-compatible servers are 3 to 63 characters long; this one has 1/,
	],
	['S3-compatible bucket starting with a hyphen', 's3-compatible', { bucket: '-bucket' }, 'bucket', /must begin and end with a letter or a number/],
	['S3-compatible bucket with two dots in a row', 's3-compatible', { bucket: 'bucket..x' }, 'bucket', /two dots in a row/],
	['S3-compatible bucket of 64 characters', 's3-compatible', { bucket: 'b'.repeat(64) }, 'bucket', /3 to 63 characters long; this one has 64/],
	['S3-compatible bucket that is an IP address', 's3-compatible', { bucket: '10.0.0.1' }, 'bucket', /formatted as an IP address/],
	['S3-compatible bucket with uppercase', 's3-compatible', { bucket: 'MyBucket' }, 'bucket', /lowercase, so “MyBucket” cannot exist.*probably “mybucket”/],
	[
		'S3-compatible bucket with an underscore',
		's3-compatible',
		{ bucket: 'my_bucket' },
		'bucket',
		/only lowercase letters, numbers, dots and hyphens: “_” is not allowed/,
	],
	['S3-compatible bucket of 300 characters', 's3-compatible', { bucket: 'b'.repeat(300) }, 'bucket', /bucket name is 300 characters long; at most 222/],
	['S3 bucket with the reserved prefix xn--', 's3', { bucket: 'xn--media' }, 'bucket', /Amazon S3 cannot start with “xn--”: the provider reserves it/],
	['S3 bucket with the reserved prefix sthree-', 's3', { bucket: 'sthree-media' }, 'bucket', /cannot start with “sthree-”/],
	['S3 bucket with the reserved suffix -s3alias', 's3', { bucket: 'media-s3alias' }, 'bucket', /cannot end with “-s3alias”/],
	['S3 bucket with the reserved suffix --table-s3', 's3', { bucket: 'media--table-s3' }, 'bucket', /cannot end with “--table-s3”/],
	['Wasabi bucket with the reserved suffix --x-s3', 'wasabi', { bucket: 'media--x-s3' }, 'bucket', /Wasabi cannot end with “--x-s3”/],
	[
		'R2 bucket with a dot',
		'r2',
		{ bucket: 'my.media' },
		'bucket',
		/Cloudflare R2 may contain only lowercase letters, numbers and hyphens \(no dots\): “\.” is not allowed/,
	],
	['B2 bucket with the reserved prefix b2-', 'b2', { bucket: 'b2-media' }, 'bucket', /Backblaze B2 cannot start with “b2-”/],
	['B2 bucket of 5 characters', 'b2', { bucket: 'media' }, 'bucket', /Backblaze B2 are 6 to 63 characters long; this one has 5/],
	['GCS bucket starting with goog', 'gcs', { bucket: 'goog-media' }, 'bucket', /Google Cloud Storage cannot start with “goog”/],
	['GCS bucket containing google', 'gcs', { bucket: 'my-g00gle-media' }, 'bucket', /cannot contain “google” or a look-alike/],
	['GCS dotted bucket with a part over 63', 'gcs', { bucket: `${LABEL64}.media` }, 'bucket', /Each part of a bucket name between dots is at most 63/],
	['Spaces bucket that is an IP address', 'spaces', { bucket: '10.0.0.1' }, 'bucket', /formatted as an IP address/],
	['Hetzner bucket ending with a hyphen', 'hetzner', { bucket: 'media-' }, 'bucket', /begin and end with a letter or a number/],
	[
		'Bunny zone name of 3 characters',
		'bunny',
		{ bucket: 'abc' },
		'bucket',
		/Storage zone names on Bunny Edge Storage are 4 to 63 characters long; this one has 3/,
	],
	// URLs: http(s) only, a valid host and port, no user, ?, # or markup; the endpoint without a path.
	['endpoint with a fragment', 's3-compatible', { endpoint: 'https://s3.example.com#x' }, 'endpoint', /without a path, \? or #/],
	['endpoint with an empty query', 's3-compatible', { endpoint: 'https://s3.example.com?' }, 'endpoint', /without a path, \? or #/],
	[
		'endpoint with a port out of range',
		's3-compatible',
		{ endpoint: 'https://s3.example.com:99999' },
		'endpoint',
		/port in the endpoint must be a number from 1 to 65535/,
	],
	['endpoint with port 0', 's3-compatible', { endpoint: 'https://s3.example.com:0' }, 'endpoint', /port in the endpoint must be a number from 1 to 65535/],
	['endpoint with a space in the host', 's3-compatible', { endpoint: 'https://s3.exa mple.com' }, 'endpoint', /must not contain spaces/],
	['endpoint with an internationalised host', 's3-compatible', { endpoint: 'https://bücher.example' }, 'endpoint', /ASCII form: xn--bcher-kva\.example/],
	[
		'endpoint with a 64-character label',
		's3-compatible',
		{ endpoint: `https://${LABEL64}.example.com` },
		'endpoint',
		/between dots is at most 63 characters long/,
	],
	['endpoint of 300 characters', 's3-compatible', { endpoint: `https://${longHost(292)}` }, 'endpoint', /endpoint is 300 characters long; at most 267/],
	['endpoint over ftp://', 's3-compatible', { endpoint: 'ftp://s3.example.com' }, 'endpoint', /must start with https:\/\//],
	['public URL with javascript:', 's3-compatible', { public_url: 'javascript:alert(1)' }, 'public_url', /full URL starting with https/],
	['public URL with data:', 's3-compatible', { public_url: 'data:text/html,x' }, 'public_url', /full URL starting with https/],
	['public URL with a query', 's3-compatible', { public_url: 'https://cdn.example.com/media?v=1' }, 'public_url', /without a user name, password, \? or #/],
	[
		'public URL with a fragment',
		's3-compatible',
		{ public_url: 'https://cdn.example.com/media#top' },
		'public_url',
		/without a user name, password, \? or #/,
	],
	['public URL with a tab', 's3-compatible', { public_url: 'https://cdn.example.com/\tmedia' }, 'public_url', /public URL contains a control character/],
	[
		'public URL with an internationalised host',
		's3-compatible',
		{ public_url: 'https://bücher.example/media' },
		'public_url',
		/public URL in its ASCII form: xn--bcher-kva\.example/,
	],
	['public URL with an unencoded path', 's3-compatible', { public_url: 'https://cdn.example.com/médias' }, 'public_url', /must be percent-encoded/],
	[
		'public URL with a port out of range',
		's3-compatible',
		{ public_url: 'https://cdn.example.com:70000/media' },
		'public_url',
		/port in the public URL must be a number from 1 to 65535/,
	],
	['public URL with a host starting with a hyphen', 's3-compatible', { public_url: 'https://-cdn.example.com/media' }, 'public_url', /not a valid host name/],
	[
		'public URL of 1,100 characters',
		's3-compatible',
		{ public_url: `https://cdn.example.com/${'m'.repeat(1076)}` },
		'public_url',
		/public URL is 1100 characters long; at most 1024 are allowed \(with the file’s path, image URLs must stay under 2,048/,
	],
];

const rest = (method: string, body?: unknown, raw?: string, query?: string) => restOn(site, method, body, raw, query);
const stored = () => storedOn(site);
const storedBytes = () => storedBytesOn(site);
const writeStored = (value: Settings) => writeStoredOn(site, value);

let original: Settings;
beforeAll(async () => {
	original = await stored();
});
afterAll(() => writeStored(original));

test.each(CASES)('%s → 400 naming the field, nothing stored changes; a good change beside it is saved', async (_name, baseline, patch, field, message) => {
	const before = await writeStored({ ...original, public_url: '', pull_zone_host: '', account_id: '', cdn_host: '', ...BASELINES[baseline] });

	const alone = await rest('PUT', patch);
	expect(alone.status).toBe(400);
	expect(alone.json.code).toBe('wp_media_cloud_invalid_settings');
	expect(Object.keys(alone.json.data.errors)).toEqual([field]);
	expect(alone.json.data.errors[field]).toMatch(message);
	expect(await storedBytes()).toBe(before);

	// One valid change rides along in the same request (a different field when Cache-Control is the bad one).
	const previous = await stored();
	const n = Math.floor(Math.random() * 1e6);
	const good = field === 'cache_control' ? { cdn_host: `cdn-${n}.example.com` } : { cache_control: `public, max-age=${n}` };
	const { status, json } = await rest('PUT', { ...patch, ...good });
	expect(status).toBe(400);
	expect(Object.keys(json.data.errors)).toEqual([field]);
	expect(await stored()).toEqual({ ...previous, ...good });
});

const NOT_OBJECTS: Array<[string, string]> = [
	['a JSON list (once answered "Some settings were not saved: 0, 1")', '["a","b"]'],
	['an empty JSON list', '[]'],
	['a list of setting objects', '[{"cdn_host":"cdn.example.com"}]'],
	['a JSON string', '"cdn.example.com"'],
	['JSON null', 'null'],
	['a number', '42'],
];

test.each(NOT_OBJECTS)('a body that is %s → 400 asking for one JSON object, nothing stored changes', async (_name, body) => {
	const before = await writeStored({ ...original, ...BASELINES['s3-compatible'] });
	const { status, json } = await rest('PUT', undefined, body);
	expect(status).toBe(400);
	expect(json.code).toBe('wp_media_cloud_invalid_settings');
	expect(json.message).toMatch(/^Nothing was saved: send the settings to change as one JSON object/);
	expect(json.data.errors).toBeUndefined();
	expect(await storedBytes()).toBe(before);
});

test('an empty JSON object changes nothing and answers the settings', async () => {
	const before = await writeStored({ ...original, ...BASELINES['s3-compatible'] });
	const { status, json } = await rest('PUT', undefined, '{}');
	expect(status).toBe(200);
	expect(json.settings.bucket).toBe(site.s3.bucket);
	expect(await storedBytes()).toBe(before);
});

test('values at the bounds and names each provider allows are saved', async () => {
	await writeStored({ ...original, ...BASELINES['s3-compatible'] });
	const atBounds = {
		object_prefix: `${'p'.repeat(511)}/`,
		cdn_host: longHost(253),
		public_url: `https://cdn.example.com/${'m'.repeat(1000)}`,
		region: 'r'.repeat(32),
	};
	// ?confirm=1: these hosts do not exist, so the URL check before saving would otherwise ask to confirm.
	expect((await rest('PUT', atBounds, undefined, '?confirm=1')).status).toBe(200);
	expect(await stored()).toMatchObject(atBounds);

	const allowed: Array<[string, string]> = [
		['gcs', `${'a'.repeat(60)}.${'b'.repeat(60)}.media`], // GCS: over 63 with dots, each part at most 63.
		['b2', 'MyMedia-01'], // B2: upper-case letters, names are case-insensitive.
		['s3', 'media.example.com'], // S3: dots.
		['bunny', 'zone'],
	];
	for (const [provider, bucket] of allowed) {
		await writeStored({ ...original, public_url: '', pull_zone_host: '', account_id: '', cdn_host: '', ...BASELINES[provider] });
		const { status, json } = await rest('PUT', { bucket }, undefined, '?confirm=1');
		expect([provider, status, json.data?.errors]).toEqual([provider, 200, undefined]);
	}
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

test('a wp-config.php constant the screen would refuse is named at its field and in Health, and nothing is offloaded with it', async () => {
	await writeStored({ ...original, ...BASELINES['s3-compatible'] });
	const withConstant = (value: string) =>
		wpEval<{ errors: Record<string, string>; configured: boolean; health: Record<string, string>; upload: { record: unknown; file: boolean } }>(
			site,
			`require_once ABSPATH . 'wp-admin/includes/media.php'; require_once ABSPATH . 'wp-admin/includes/file.php'; require_once ABSPATH . 'wp-admin/includes/image.php';
			 $d   = WP_Media_Cloud\\Settings_Controller::describe();
			 $h   = WP_Media_Cloud\\Health\\Sidecar_Checks::run( array( 'connectivity' ) );
			 $tmp = wp_tempnam( 'c.png' ); imagepng( imagecreatetruecolor( 40, 30 ), $tmp );
			 $id  = media_handle_sideload( array( 'name' => 'constant-' . wp_generate_password( 8, false ) . '.png', 'tmp_name' => $tmp ), 0 );
			 $upload = array( 'record' => get_post_meta( $id, '_wp_media_cloud', true ), 'file' => file_exists( get_attached_file( $id ) ) );
			 wp_delete_attachment( $id, true );
			 return array( 'errors' => $d['constant_errors'], 'configured' => WP_Media_Cloud\\Settings::is_configured(), 'health' => $h[0], 'upload' => $upload );`,
			{ before: `define( 'WP_MEDIA_CLOUD_ENDPOINT', ${JSON.stringify(value)} );` },
		);

	// Before, the value was used as it was: every upload went to a storage nobody could reach, with no word why.
	const bad = await withConstant('s3.example.com');
	expect(bad.errors).toEqual({
		endpoint: expect.stringMatching(/^WP_MEDIA_CLOUD_ENDPOINT in wp-config\.php: .*must start with https:\/\/.* Change it there\.$/),
	});
	expect(bad.configured).toBe(false);
	expect(bad.health).toMatchObject({ test: 'connectivity', status: 'critical', cause: 'constant_invalid' });
	expect(bad.health.fix).toMatch(/^Correct WP_MEDIA_CLOUD_ENDPOINT in wp-config\.php/);
	expect(bad.upload).toEqual({ record: '', file: true }); // stays on this server, whole

	// The same constant with a good value: no message, and the upload is offloaded as usual.
	const good = await withConstant(site.s3.endpoint);
	expect(good.errors).toEqual({});
	expect(good.configured).toBe(true);
	expect(good.upload.record).toMatchObject({ key_prefix: expect.any(String) });
});

test('writes through update_option() are validated too: a bad endpoint keeps the stored one', async () => {
	await writeStored({ ...original, ...BASELINES['s3-compatible'] });
	await wpEval(
		site,
		"$o = get_option( 'wp_media_cloud_settings' ); $o['endpoint'] = 'http://s3.example.com/'; $o['cdn_host'] = 'cdn.example.net'; update_option( 'wp_media_cloud_settings', $o ); return true;",
	);
	expect(await stored()).toMatchObject({ endpoint: site.s3.endpoint, cdn_host: 'cdn.example.net' });
});

test('settings need manage_options', async () => {
	expect((await fetch(`${site.restUrl}media-cloud/v1/settings`)).status).toBe(401);
});

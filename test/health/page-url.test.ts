// "Test connection" proves what pages will use: its upload check loads the probe at the URL WordPress renders
// (Public_Url::base(): CDN host, public URL, or the provider's own form with Path-Style), and a settings save that
// would leave every URL unreachable warns first (409) instead of saving. Against s3rver on :9100, which serves
// buckets only in the path: with Path-Style off its virtual-host URL (test-media.127.0.0.1:9100) is not even a URL.
import { pullThroughCdn } from '../support/fault-servers';
import { healthWith, resultOf, site, writeSettingsAsIs } from '../support/health';
import { rest } from '../support/rest';
import { wpEval } from '../support/stack';

const CONNECTION_CHECKS = ['connectivity', 'credentials', 'upload'];
const s3 = site.s3;

/** The base URL rendered pages use for the current storage, as WordPress builds it. */
const pagesBase = () => wpEval<string>(site, `return WP_Media_Cloud\\Public_Url::base( WP_Media_Cloud\\Settings::get( 'bucket' ) );`);

async function putSettings(patch: Record<string, unknown>, confirm = false): Promise<{ status: number; json: any }> {
	const answer = await rest(site, 'PUT', `/settings${confirm ? '?confirm=1' : ''}`, patch);
	return { status: answer.status, json: answer.body };
}

const stored = () => wpEval<Record<string, unknown>>(site, "return get_option( 'wp_media_cloud_settings' );");

describe('Test connection loads the probe where pages will', () => {
	test('Path-Style off on an endpoint that serves buckets only in the path: the upload check fails with the Path-Style fix', async () => {
		const results = await healthWith({ path_style: false, public_url: '', cdn_host: '' }, CONNECTION_CHECKS);
		// The API itself works (the SDK addresses an IP endpoint in the path anyway): only the URL pages use is broken.
		expect(resultOf(results, 'connectivity').status).toBe('good');
		expect(resultOf(results, 'credentials').status).toBe('good');
		const upload = resultOf(results, 'upload');
		expect(upload).toMatchObject({ status: 'critical', cause: 'path_style' });
		expect(upload.description).toContain(`http://${s3.bucket}.127.0.0.1:9100/`);
		expect(upload.description).toContain(`The same file loads at ${s3.endpoint}/${s3.bucket}/`);
		expect(upload.fix).toMatch(/^Turn on “Path-Style URLs” in Media Cloud › Settings and save/);
		expect(upload.details).toMatchObject({ stage: 'page_url', source: 'provider', working_base: `${s3.endpoint}/${s3.bucket}` });
	});

	test('Path-Style on: every check passes, and the probe was loaded at the base WordPress renders', async () => {
		const restore = await writeSettingsAsIs({ path_style: true, public_url: '', cdn_host: '' });
		try {
			const results = await healthWith({}, CONNECTION_CHECKS);
			expect(results.map((r) => [r.test, r.status])).toEqual(CONNECTION_CHECKS.map((test) => [test, 'good']));
			const base = await pagesBase();
			expect(base).toBe(`${s3.endpoint}/${s3.bucket}`);
			expect(String(resultOf(results, 'upload').details?.page_url)).toMatch(new RegExp(`^${base}/wp-content/uploads/\\.wpmc-health/probe-`));
			expect(resultOf(results, 'upload').description).toContain('(the URL pages use)');
		} finally {
			await restore();
		}
	});

	test('a public URL or a CDN host is what pages use, so it is what the test loads', async () => {
		const cdn = await pullThroughCdn(`${s3.endpoint}/${s3.bucket}`);
		try {
			for (const changes of [
				{ public_url: `${s3.endpoint}/${s3.bucket}`, cdn_host: '' },
				{ public_url: '', cdn_host: cdn.url },
			]) {
				const restore = await writeSettingsAsIs({ path_style: true, ...changes });
				try {
					const base = await pagesBase();
					const upload = resultOf(await healthWith({}, ['upload']), 'upload');
					expect({ changes, status: upload.status }).toEqual({ changes, status: 'good' });
					expect(String(upload.details?.page_url).startsWith(`${base}/`)).toBe(true);
				} finally {
					await restore();
				}
			}
		} finally {
			await cdn.close();
		}
	});

	test('a public URL that does not serve the bucket: named with the setting to correct', async () => {
		const upload = resultOf(await healthWith({ path_style: true, public_url: `${s3.endpoint}/no-such-bucket`, cdn_host: '' }, ['upload']), 'upload');
		expect(upload).toMatchObject({ status: 'critical', cause: 'public_url_wrong' });
		expect(upload.fix).toMatch(/public URL setting/);
	});
});

describe('saving settings that would make every URL unreachable warns first', () => {
	let restore: () => Promise<void>;
	beforeAll(async () => {
		restore = await writeSettingsAsIs({ path_style: true, public_url: '', cdn_host: '', rewrite_urls: true });
	});
	afterAll(() => restore());

	test('Path-Style off: 409 with the cause and the fix, nothing saved; confirmed, it is saved', async () => {
		const warned = await putSettings({ path_style: false });
		expect(warned.status).toBe(409);
		expect(warned.json.code).toBe('wp_media_cloud_urls_unreachable');
		expect(warned.json.message).toBe('Not saved yet: with these settings, images on your pages would not load.');
		expect(warned.json.data).toMatchObject({ cause: 'path_style', confirm: 'Save anyway' });
		expect(warned.json.data.found).toContain(`The same file loads at ${s3.endpoint}/${s3.bucket}/`);
		expect(warned.json.data.remedy).toMatch(/Turn on “Path-Style URLs”/);
		expect((await stored()).path_style).toBe(true);

		const confirmed = await putSettings({ path_style: false }, true);
		expect(confirmed.status).toBe(200);
		expect(confirmed.json.settings.path_style).toBe(false);

		// Turning it back on moves the URLs to ones that work: saved without a warning.
		const fixed = await putSettings({ path_style: true });
		expect(fixed.status).toBe(200);
		expect((await stored()).path_style).toBe(true);
	});

	test('no warning when the URLs do not move, when URL rewriting is off, or when the probe cannot be uploaded', async () => {
		expect((await putSettings({ cache_control: 'public, max-age=600' })).status).toBe(200);
		// Rewriting off: pages keep local URLs, whatever the bucket's URL.
		expect((await putSettings({ path_style: false, rewrite_urls: false })).status).toBe(200);
		expect((await putSettings({ path_style: true, rewrite_urls: true })).status).toBe(200);
		// A bucket that does not exist: the upload fails, which Test connection reports; the save is not held.
		const restoreBucket = await writeSettingsAsIs({});
		try {
			expect((await putSettings({ bucket: 'no-such-bucket-here' })).status).toBe(200);
		} finally {
			await restoreBucket();
		}
	});
});

// `wp media-cloud settings set` with the real WP-CLI against the test site: the same rules as PUT /settings (they
// share Settings_Controller::save), each refusal names the field and the rule, exits 1, and the stored option is the
// same byte for byte; a good value beside a bad one is still saved.
import { wp as runWp, withWpCli } from '../support/wp-cli';
import { baselines, getSite, stored, storedBytes, writeStored, type Settings } from './settings-support';

const site = getSite('sqlite');
const BASELINE = baselines(site)['s3-compatible'];

const suite = withWpCli(describe, 'the settings CLI tests');

async function wp(args: string[]): Promise<{ code: number; output: string }> {
	const { exit, stdout, stderr } = await runWp(site, args);
	return { code: exit, output: stdout + stderr };
}

const CASES: Array<[string, string[], string, RegExp]> = [
	['S3-compatible bucket with uppercase', ['bucket', 'MyBucket'], 'bucket', /lowercase, so “MyBucket” cannot exist/],
	['S3-compatible bucket of one character', ['bucket', 'a'], 'bucket', /3 to 63 characters long; this one has 1/],
	['bucket that is an IP address', ['bucket', '10.0.0.1'], 'bucket', /formatted as an IP address/],
	['absolute object prefix', ['object_prefix', '/abs/'], 'object_prefix', /must not start with “\/”/],
	['1,100-character object prefix', ['object_prefix', 'a/'.repeat(550)], 'object_prefix', /1100 characters long; at most 512/],
	['10 KB region', ['region', 'a'.repeat(10 * 1024)], 'region', /at most 32 are allowed/],
	['300-character CDN host', ['cdn_host', `${'a'.repeat(59)}.`.repeat(5).slice(0, 288) + '.example.com'], 'cdn_host', /300 characters long; at most 267/],
	['public URL with a fragment', ['public_url', 'https://cdn.example.com/media#top'], 'public_url', /without a user name, password, \? or #/],
	['endpoint with a port out of range', ['endpoint', 'https://s3.example.com:99999'], 'endpoint', /number from 1 to 65535/],
];

suite('wp media-cloud settings set (real WP-CLI): bad values', () => {
	let original: Settings;
	beforeAll(async () => {
		original = await stored(site);
	});
	afterAll(() => writeStored(site, original));

	test.each(CASES)('%s → exit 1 naming the field and the rule; nothing stored changes', async (_name, pair, field, message) => {
		const before = await writeStored(site, { ...original, ...BASELINE });
		const { code, output } = await wp(['media-cloud', 'settings', 'set', ...pair]);
		expect(code).toBe(1);
		expect(output).toMatch(new RegExp(`Warning: ${field}: .*${message.source}`));
		expect(output).toContain(`Error: Not saved: ${field}. Correct the value and run the command again.`);
		expect(await storedBytes(site)).toBe(before);
	});

	test('a good value beside a bad one is saved, the bad one is not', async () => {
		await writeStored(site, { ...original, ...BASELINE });
		const { code, output } = await wp(['media-cloud', 'settings', 'set', 'bucket', '-bucket', 'cache_control', 'public, max-age=60']);
		expect(code).toBe(1);
		expect(output).toContain('Success: Saved cache_control.');
		expect(output).toMatch(/Warning: bucket: Bucket names must begin and end with a letter or a number\./);
		expect(await stored(site)).toMatchObject({ bucket: site.s3.bucket, cache_control: 'public, max-age=60' });
	});
});

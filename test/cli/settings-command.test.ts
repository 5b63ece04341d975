// `wp media-cloud settings get|set`, run inside the real WordPress through the recording stand-in for
// WP-CLI's output API: the same validation and secret handling as the Settings page.
import { setSettings } from '../support/media';
import { getSite, wpEval } from '../support/stack';
import { wp as runWp } from '../support/wp-cli';

const site = getSite('sqlite');
const wp = (commandLine: string) => runWp(site, commandLine);

const stored = () => wpEval<Record<string, unknown>>(site, `return get_option( 'wp_media_cloud_settings' );`);

test('get lists every setting and says whether the keys are set, never what they are', async () => {
	const { exit, output } = await wp('media-cloud settings get --format=json');
	expect(exit).toBe(0);
	const rows = output.find((entry) => entry.type === 'items')!.items!;
	const value = (key: string) => rows.find((row) => row.setting === key)?.value;
	expect(value('bucket')).toBe(site.s3.bucket);
	expect(value('access_key')).toBe('set');
	expect(value('secret_key')).toBe('set');
	expect(value('rewrite_urls')).toBe('on');
	expect(JSON.stringify(output)).not.toContain('S3RVER');
});

test('set saves several settings at once, switches as on/off', async () => {
	const restore = await setSettings(site, {});
	try {
		const { exit, output } = await wp('media-cloud settings set cdn_host cdn.example.test versioning on');
		expect(exit).toBe(0);
		expect(output).toContainEqual({ type: 'success', message: 'Saved cdn_host, versioning.' });
		expect(await stored()).toMatchObject({ cdn_host: 'cdn.example.test', versioning: true });
	} finally {
		await restore();
	}
});

test('a bad value is refused with its reason, exits 1, and the good value beside it is still saved', async () => {
	const restore = await setSettings(site, {});
	try {
		const { exit, output } = await wp('media-cloud settings set endpoint ftp://files.example.test object_prefix media/');
		expect(exit).toBe(1);
		const warning = output.find((entry) => entry.type === 'warning')!.message!;
		expect(warning).toMatch(/^endpoint: /);
		expect(output.find((entry) => entry.type === 'error')!.message).toContain('Not saved: endpoint');
		const now = await stored();
		expect(now.object_prefix).toBe('media/');
		expect(now.endpoint).toBe(site.s3.endpoint);
	} finally {
		await restore();
	}
});

test('a switch given something else than on/off is refused before anything is saved', async () => {
	const before = await stored();
	const { exit, output } = await wp('media-cloud settings set rewrite_urls maybe');
	expect(exit).toBe(1);
	expect(output.find((entry) => entry.type === 'error')!.message).toBe('rewrite_urls is a switch: use on or off.');
	expect(await stored()).toEqual(before);
});

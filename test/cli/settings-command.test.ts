// `wp media-cloud settings get|set` with the real WP-CLI on the SQLite test site: the same validation and secret
// handling as the Settings page.
import { setSettings } from '../support/media';
import { getSite, wpEval } from '../support/stack';
import { messages, wp as runWp, withWpCli } from '../support/wp-cli';

const site = getSite('sqlite');
const wp = (commandLine: string) => runWp(site, commandLine);

const stored = () => wpEval<Record<string, unknown>>(site, `return get_option( 'wp_media_cloud_settings' );`);

withWpCli(describe, 'the settings commands')('wp media-cloud settings (real WP-CLI)', () => {
	test('get lists every setting and says whether the keys are set, never what they are', async () => {
		const { exit, stdout } = await wp('media-cloud settings get --format=json');
		expect(exit).toBe(0);
		const rows = JSON.parse(stdout) as Array<{ setting: string; value: string; source: string }>;
		const value = (key: string) => rows.find((row) => row.setting === key)?.value;
		expect(value('bucket')).toBe(site.s3.bucket);
		expect(value('access_key')).toBe('set');
		expect(value('secret_key')).toBe('set');
		expect(value('rewrite_urls')).toBe('on');
		expect(stdout).not.toContain('S3RVER');
	});

	test('set saves several settings at once, switches as on/off', async () => {
		const restore = await setSettings(site, {});
		try {
			const { exit, stdout } = await wp('media-cloud settings set cdn_host cdn.example.test versioning on');
			expect(exit).toBe(0);
			expect(messages(stdout, 'Success')).toEqual(['Saved cdn_host, versioning.']);
			expect(await stored()).toMatchObject({ cdn_host: 'cdn.example.test', versioning: true });
		} finally {
			await restore();
		}
	});

	test('a bad value is refused with its reason, exits 1, and the good value beside it is still saved', async () => {
		const restore = await setSettings(site, {});
		try {
			const { exit, stderr } = await wp('media-cloud settings set endpoint ftp://files.example.test object_prefix media/');
			expect(exit).toBe(1);
			expect(messages(stderr, 'Warning')[0]).toMatch(/^endpoint: /);
			expect(messages(stderr, 'Error')[0]).toContain('Not saved: endpoint');
			const now = await stored();
			expect(now.object_prefix).toBe('media/');
			expect(now.endpoint).toBe(site.s3.endpoint);
		} finally {
			await restore();
		}
	});

	test('a switch given something else than on/off is refused before anything is saved', async () => {
		const before = await stored();
		const { exit, stderr } = await wp('media-cloud settings set rewrite_urls maybe');
		expect(exit).toBe(1);
		expect(messages(stderr, 'Error')).toEqual(['rewrite_urls is a switch: use on or off.']);
		expect(await stored()).toEqual(before);
	});
});

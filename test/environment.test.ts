// Smoke test of the test stack itself: if this fails, every other test's failure is suspect.
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { sitesDir } from '../bin/dev/paths';
import { createSite } from '../bin/dev/site';
import { wpEval as wpEvalIn } from '../bin/dev/wp-eval';
import { coreDirFor, readWordPressVersion } from '../bin/dev/wordpress-core';
import { TEST_SITES } from './support/stack-file';
import { compareVersions, createS3Client, getSite, isSidecarUp, startSidecar, stopSidecar, wpAtLeast, wpEval, type SiteKind } from './support/stack';

describe.each<SiteKind>(['sqlite', 'mariadb'])('%s site', (kind) => {
	const site = getSite(kind);

	test('answers /wp-json/', async () => {
		const response = await fetch(site.restUrl);
		expect(response.status).toBe(200);
		const index = (await response.json()) as { url: string; namespaces: string[] };
		expect(index.url).toBe(site.url);
		expect(index.namespaces).toContain('wp/v2');
	});

	test('accepts the admin application password', async () => {
		const response = await fetch(`${site.restUrl}wp/v2/users/me?context=edit`, {
			headers: { Authorization: site.authHeader },
		});
		expect(response.status).toBe(200);
		const me = (await response.json()) as { slug: string; roles: string[] };
		expect(me.slug).toBe('admin');
		expect(me.roles).toContain('administrator');
	});

	test(`runs the WordPress of its suite (${TEST_SITES[kind].wordpress}), database current`, async () => {
		expect(site.wordpress).toBe(TEST_SITES[kind].wordpress);
		// sid is the current WordPress (7.1.x), trixie the oldest tested (6.8.x).
		expect(site.wpVersion).toMatch(site.wordpress === 'sid' ? /^7\./ : /^6\.8\./);
		expect(wpAtLeast(site, '7.0')).toBe(site.wordpress === 'sid');
		const running = await wpEval<{ version: string; db: string; code: number }>(
			site,
			"return array( 'version' => $GLOBALS['wp_version'], 'db' => get_option( 'db_version' ), 'code' => $GLOBALS['wp_db_version'] );",
		);
		expect(running.version).toBe(site.wpVersion);
		// Equal, or wp-admin stops at "Database update required".
		expect(Number(running.db)).toBe(running.code);
		process.stdout.write(`[environment] ${site.name}: WordPress ${site.wpVersion} (Debian ${site.wordpress})\n`);
	});

	test('runs PHP inside WordPress (wpEval) with the default plugin settings', async () => {
		const settings = await wpEval<Record<string, unknown>>(site, "return get_option('wp_media_cloud_settings');");
		expect(settings).toMatchObject({ provider: 's3-compatible', endpoint: site.s3.endpoint, bucket: site.s3.bucket });
		expect(await wpEval(site, "global $wpdb; return $wpdb->get_var('SELECT 1 + 1');")).toBe('2');
		expect(await wpEval(site, "return get_option('permalink_structure');")).toBe('/%postname%/');
	});

	test('s3rver bucket is listable', async () => {
		const s3 = createS3Client(site);
		const key = `environment-test/${kind}-${Date.now()}.txt`;
		await s3.send(new PutObjectCommand({ Bucket: site.s3.bucket, Key: key, Body: 'hello' }));
		const listing = await s3.send(new ListObjectsV2Command({ Bucket: site.s3.bucket, Prefix: 'environment-test/' }));
		expect(listing.Contents?.map((object) => object.Key)).toContain(key);
		s3.destroy();
	});

	(site.sidecarStarted ? test : test.skip)('sidecar can be stopped and started again', async () => {
		expect(await isSidecarUp(site)).toBe(true);
		await stopSidecar(site);
		expect(await isSidecarUp(site)).toBe(false);
		await startSidecar(site);
		const response = await fetch(`${site.sidecarUrl}/v1/status`);
		expect(response.status).toBe(401); // unsigned
	});
});

test('compareVersions orders dotted versions numerically', () => {
	expect(compareVersions('7.1.4', '7.0')).toBeGreaterThan(0);
	expect(compareVersions('6.8.12', '7.0')).toBeLessThan(0);
	expect(compareVersions('6.10', '6.9')).toBeGreaterThan(0);
	expect(compareVersions('7.0', '7.0.0')).toBe(0);
});

// createSite on a site made from another suite's core: core files replaced in place, the database
// upgraded, wp-config.php, wp-content and the content kept; the next run changes nothing.
describe('a site whose core is of another WordPress version', () => {
	const options = { name: 'test-core-refresh', port: 8893, db: 'sqlite', sidecarPort: 8793, s3Port: 9100, bucket: 'test-media' } as const;
	const dir = path.join(sitesDir, options.name);
	const STATE_PHP =
		"return array( 'version' => $GLOBALS['wp_version'], 'db' => (int) get_option( 'db_version' ), 'code' => $GLOBALS['wp_db_version'], 'post' => get_page_by_path( 'kept', OBJECT, 'post' )->post_title ?? null, 'theme' => wp_get_theme()->get_stylesheet(), 'themeOk' => wp_get_theme()->exists() );";
	beforeAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('is refreshed from 6.8 (trixie) to the current core (sid), and left alone afterwards', async () => {
		const old = await createSite({ ...options, wordpress: 'trixie' });
		expect(old.wpVersion).toBe(readWordPressVersion(coreDirFor('trixie'))!.version);
		await wpEvalIn(old, "return wp_insert_post( array( 'post_title' => 'Kept', 'post_name' => 'kept', 'post_status' => 'publish' ) );");
		fs.writeFileSync(path.join(dir, 'wp-content', 'uploads', 'kept.txt'), 'kept');
		const config = fs.readFileSync(path.join(dir, 'wp-config.php'), 'utf8');

		const current = await createSite({ ...options, wordpress: 'sid' });
		const sid = readWordPressVersion(coreDirFor('sid'))!;
		expect(current.wpVersion).toBe(sid.version);
		expect(compareVersions(current.wpVersion, old.wpVersion)).toBeGreaterThan(0);
		expect(current.secret).toBe(old.secret);
		expect(current.appPassword).toEqual(old.appPassword);
		expect(fs.readFileSync(path.join(dir, 'wp-config.php'), 'utf8')).toBe(config);
		expect(fs.readFileSync(path.join(dir, 'wp-content', 'uploads', 'kept.txt'), 'utf8')).toBe('kept');
		// Core files are the new core's: wp-includes and wp-admin byte for byte where compared.
		for (const file of ['wp-includes/version.php', 'wp-admin/includes/upgrade.php', 'wp-settings.php']) {
			expect(fs.readFileSync(path.join(dir, file)).equals(fs.readFileSync(path.join(coreDirFor('sid'), file)))).toBe(true);
		}
		expect(fs.readlinkSync(path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud'))).toMatch(/plugin$/);
		expect(await wpEvalIn(current, STATE_PHP)).toEqual({
			version: sid.version,
			db: sid.dbVersion,
			code: sid.dbVersion,
			post: 'Kept',
			theme: 'twentytwentyfive',
			themeOk: true,
		});

		// Idempotent: the same core again touches no core file (what makes it quick; not timed here, as a shared
		// CI machine's speed says nothing about the code).
		const stamp = fs.statSync(path.join(dir, 'wp-includes', 'version.php')).mtimeMs;
		const again = await createSite({ ...options, wordpress: 'sid' });
		expect(again.wpVersion).toBe(sid.version);
		expect(fs.statSync(path.join(dir, 'wp-includes', 'version.php')).mtimeMs).toBe(stamp);
	});
});

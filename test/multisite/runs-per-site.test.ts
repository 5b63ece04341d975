// Migrations belong to the site that starts them (issue 14). A real subdirectory network (WP-CLI's own
// `core multisite-convert`), each site with an image of the same name and different pixels: a run started on a
// site offloads that site's files under its keys, byte for byte (read back with an independent S3 client), and
// pause, resume and cancel on one site never touch another's run. Then a network where only site 2 has the plugin.
import fs from 'node:fs';
import { withWpCli } from '../support/wp-cli';
import { makeNetwork, type Network } from './network';
import { bucketKeys, importPng, localFile, migrationOf, objectBytes, waitForMigration } from './support';

jest.setTimeout(600_000);

// On the current WordPress and on the oldest one tested, each a network of its own.
withWpCli(describe, 'networks made with the real WP-CLI').each([
	{ wordpress: 'sid' as const, version: '7.1', name: 'ms-runs', port: 9350, database: 'sqlite' as const },
	{ wordpress: 'trixie' as const, version: '6.8', name: 'ms-runs-68', port: 9365, database: 'sqlite' as const },
	// The same on MariaDB, a database of its own beside the test-maria site's (one version: the queries are the point).
	{ wordpress: 'trixie' as const, version: '6.8 on MariaDB', name: 'ms-runs-maria', port: 9371, database: 'mariadb' as const },
])('a network-activated plugin (WordPress $version)', ({ wordpress, name, port, database }) => {
	let network: Network;
	const uploads: Record<number, { id: number; file: string }> = {};

	beforeAll(async () => {
		network = await makeNetwork({
			name,
			wordpress,
			database,
			port,
			sidecarPort: port + 1,
			s3Port: port + 2,
			activation: 'network',
			// Before the plugin is active, so they wait for a migration. The same name on both sites, different pixels.
			beforeActivation: async (made) => {
				uploads[1] = await importPng(made, 1, 'same-name.png', [200, 30, 30]);
				uploads[2] = await importPng(made, 2, 'same-name.png', [30, 30, 200]);
			},
		});
		await network.startSidecar();
	});
	afterAll(async () => network?.remove());

	test("`wp --url=…/site2/ media-cloud migrate` offloads site 2's files under sites/2/, byte for byte, and leaves site 1 alone", async () => {
		expect(uploads[1].file).toBe(uploads[2].file.replace('/sites/2', '')); // the same name and folder on both sites
		expect(fs.readFileSync(localFile(network, 1, uploads[1].file))).not.toEqual(fs.readFileSync(localFile(network, 2, uploads[2].file)));

		const out = await network.wpOk(['media-cloud', 'migrate'], { site: 2 });
		expect(out).toMatch(/1 (attachment|of 1)/);
		const keys = await bucketKeys(network);
		const original = `wp-content/uploads/sites/2/${uploads[2].file}`;
		expect(keys).toContain(original);
		expect(keys.every((key) => key.startsWith('wp-content/uploads/sites/2/'))).toBe(true);
		expect(await objectBytes(network, original)).toEqual(fs.readFileSync(localFile(network, 2, uploads[2].file)));

		// Site 1 was not migrated and has no run of its own; site 2's progress is its own.
		expect((await network.wp(['post', 'meta', 'get', String(uploads[1].id), '_wp_media_cloud'], { site: 1 })).stdout.trim()).toBe('');
		expect(await migrationOf(network, 1)).toMatchObject({ state: 'idle' });
		expect(await migrationOf(network, 2)).toMatchObject({ state: 'done', site_id: 2, total: 1, done: 1, failed: 0 });
	});

	test("pause, resume and cancel act on the run of the site they are given, never on another site's", async () => {
		// Site 1's run pauses itself: its storage refuses the key (s3rver checks access keys).
		await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'access_key', 'NOT-A-KEY'], { site: 1 });
		await network.wpOk(['media-cloud', 'migrate', '--detach'], { site: 1 });
		expect(await waitForMigration(network, 1, ['paused'])).toMatchObject({ site_id: 1, paused_reason: { code: 'E_AUTH' } });

		// Site 2 has no run to resume or cancel (its own finished): site 1's stays paused.
		const resume = await network.wp(['media-cloud', 'resume'], { site: 2 });
		expect(resume.code).not.toBe(0);
		expect(resume.stderr).toMatch(/No migration is running or paused/);
		const cancel = await network.wp(['media-cloud', 'cancel'], { site: 2 });
		expect(cancel.code).not.toBe(0);
		expect(await migrationOf(network, 1)).toMatchObject({ state: 'paused', paused_reason: { code: 'E_AUTH' } });
		expect(await migrationOf(network, 2)).toMatchObject({ state: 'done', total: 1, done: 1 });

		// The key fixed, site 1 resumes its own run: its file under its own key, site 2's object unchanged.
		await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'access_key', 'S3RVER'], { site: 1 });
		await network.wpOk(['media-cloud', 'resume'], { site: 1 });
		expect(await waitForMigration(network, 1, ['done'])).toMatchObject({ site_id: 1, total: 1, done: 1, failed: 0 });
		expect(await objectBytes(network, `wp-content/uploads/${uploads[1].file}`)).toEqual(fs.readFileSync(localFile(network, 1, uploads[1].file)));
		expect(await objectBytes(network, `wp-content/uploads/sites/2/${uploads[2].file}`)).toEqual(fs.readFileSync(localFile(network, 2, uploads[2].file)));
	});

	test("the sidecar's heartbeat offloads what every site kept local while the sidecar was down, each with its own settings", async () => {
		await network.stopSidecar();
		// Each site its own CDN host: one heartbeat drains both sites, and neither record may take the other's.
		for (const site of [1, 2])
			await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'cdn_host', `site${site}.cdn.example`], { site });
		const pending = { 1: await importPng(network, 1, 'while-down.png', [200, 200, 10]), 2: await importPng(network, 2, 'while-down.png', [10, 200, 200]) };
		expect((await network.wpOk(['post', 'meta', 'get', String(pending[2].id), '_wp_media_cloud_pending', '--format=json'], { site: 2 })).trim()).not.toBe(
			'',
		);
		await network.startSidecar(); // heartbeat at start: it reaches the main site, which drains every site
		const recordOf = async (site: 1 | 2) =>
			(await network.wp(['post', 'meta', 'get', String(pending[site].id), '_wp_media_cloud', '--format=json'], { site })).stdout.trim();
		const deadline = Date.now() + 120_000;
		while ((!(await recordOf(1)) || !(await recordOf(2))) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		for (const site of [1, 2] as const) {
			expect(JSON.parse(await recordOf(site))).toMatchObject({ public_base: `https://site${site}.cdn.example` });
			const key = `wp-content/uploads/${site === 2 ? 'sites/2/' : ''}${pending[site].file}`;
			expect(await objectBytes(network, key)).toEqual(fs.readFileSync(localFile(network, site, pending[site].file)));
		}

		// One page showing both sites' posts (switch_to_blog, as network-wide widgets do): each site numbers its own
		// posts, so one attachment id can be a file on each site. Site 2 gets an attachment with site 1's id (its
		// records those of site 2's upload). Before, the second asked for got the first's CDN host, a bucket that
		// does not hold its file.
		const id = pending[1].id;
		const twin = await network.evalJson<number>(
			`$twin = wp_insert_post( array( 'import_id' => ${id}, 'post_type' => 'attachment', 'post_status' => 'inherit', 'post_mime_type' => 'image/png', 'post_title' => 'twin' ) );
			 foreach ( array( '_wp_attached_file', '_wp_attachment_metadata', '_wp_media_cloud' ) as $key ) {
			   update_post_meta( $twin, $key, wp_slash( get_post_meta( ${pending[2].id}, $key, true ) ) );
			 }
			 echo (int) $twin;`,
			2,
		);
		expect(twin).toBe(id);
		const urls = await network.evalJson<string[]>(
			`$urls = array( wp_get_attachment_url( ${id} ) );
			 switch_to_blog( 2 ); $urls[] = wp_get_attachment_url( ${id} ); $urls[] = wp_get_attachment_image( ${id}, 'full' ); restore_current_blog();
			 $urls[] = wp_get_attachment_image( ${id}, 'full' ); echo wp_json_encode( $urls );`,
		);
		// Gone again without WordPress's deletion, which would delete site 2's upload's files it shares.
		await network.evalJson(
			`global $wpdb; $wpdb->delete( $wpdb->posts, array( 'ID' => ${id} ) ); $wpdb->delete( $wpdb->postmeta, array( 'post_id' => ${id} ) ); clean_post_cache( ${id} ); echo 1;`,
			2,
		);
		expect(urls[0]).toBe(`https://site1.cdn.example/wp-content/uploads/${pending[1].file}`);
		expect(urls[1]).toBe(`https://site2.cdn.example/wp-content/uploads/sites/2/${pending[2].file}`);
		expect(urls[2]).toContain(`src="https://site2.cdn.example/wp-content/uploads/sites/2/${pending[2].file}"`);
		expect(urls[3]).toContain(`src="https://site1.cdn.example/wp-content/uploads/${pending[1].file}"`);
		for (const site of [1, 2]) await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'cdn_host', ''], { site });
	});

	test("download back on site 2 restores site 2's own file from its own key, and nothing of site 1", async () => {
		const site2File = localFile(network, 2, uploads[2].file);
		const site1File = localFile(network, 1, uploads[1].file);
		const site2Bytes = fs.readFileSync(site2File);
		const site1Before = fs.statSync(site1File).mtimeMs;
		fs.rmSync(site2File);
		await network.wpOk(['media-cloud', 'download', String(uploads[2].id)], { site: 2 });
		expect(fs.readFileSync(site2File)).toEqual(site2Bytes);
		expect(fs.statSync(site1File).mtimeMs).toBe(site1Before);
	});

	test('`wp media-cloud migrate --network` migrates every site in turn, each under its own keys, with a row per site and the total', async () => {
		await network.wpOk(['plugin', 'deactivate', 'wp-media-cloud', '--network']);
		const fresh = { 1: await importPng(network, 1, 'network-run.png', [250, 250, 0]), 2: await importPng(network, 2, 'network-run.png', [0, 120, 40]) };
		await network.wpOk(['plugin', 'activate', 'wp-media-cloud', '--network']);

		const out = await network.wpOk(['media-cloud', 'migrate', '--network']);
		expect(out).toMatch(/Network: 2 of 2 attachments done, 0 failed, on 2 sites\./);
		expect(out).toMatch(new RegExp(`\\b1\\s+${network.url}/\\s+done\\s+1\\s+1\\s+0`));
		expect(out).toMatch(new RegExp(`\\b2\\s+${network.url}/site2/\\s+done\\s+1\\s+1\\s+0`));
		expect(await objectBytes(network, `wp-content/uploads/${fresh[1].file}`)).toEqual(fs.readFileSync(localFile(network, 1, fresh[1].file)));
		expect(await objectBytes(network, `wp-content/uploads/sites/2/${fresh[2].file}`)).toEqual(fs.readFileSync(localFile(network, 2, fresh[2].file)));
	});
});

withWpCli(describe, 'a network made with the real WP-CLI')('a plugin active only on site 2', () => {
	let network: Network;
	let upload: { id: number; file: string };

	beforeAll(async () => {
		network = await makeNetwork({
			name: 'ms-site2',
			port: 9353,
			sidecarPort: 9354,
			s3Port: 9355,
			activation: 'site2',
			beforeActivation: async (made) => {
				upload = await importPng(made, 2, 'only-site2.png', [20, 160, 20]);
			},
		});
		await network.startSidecar();
	});
	afterAll(async () => network?.remove());

	test('its migration runs to the end: the sidecar pages site 2, whose REST routes exist, not the main site', async () => {
		await network.wpOk(['media-cloud', 'migrate', '--detach'], { site: 2 });
		// Before: the sidecar asked the main site (no such route) for pages, forever.
		expect(await waitForMigration(network, 2, ['done'], 120_000)).toMatchObject({ total: 1, done: 1, failed: 0 });
		expect(await objectBytes(network, `wp-content/uploads/sites/2/${upload.file}`)).toEqual(fs.readFileSync(localFile(network, 2, upload.file)));
	});
});

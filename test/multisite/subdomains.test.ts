// A subdomain network (issue 14), made with the real WP-CLI (`core multisite-convert --subdomains`): the main site
// at http://localhost:<port>, site 2 at http://site2.localhost:<port>, a name neither Node nor PHP can resolve here.
// The sidecar's WPMC_WORDPRESS_URL is the web server's own address (http://127.0.0.1:<port>), so it must reach
// site 2 by naming it in the Host header, as a reverse proxy does. An upload over HTTP on site 2 lands under
// sites/2/ byte for byte (independent S3 client); `wp media-cloud migrate` on site 2 migrates its own attachments
// (the engine's callbacks reach site2.localhost); pause and cancel act on site 2's run; its administrator sees
// its own progress in chromium. Before, the sidecar called http://site2.localhost:<port> and never got an answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logInAt, openBrowser, type TestBrowser } from '../support/browser';
import { withWpCli } from '../support/wp-cli';
import { makeNetwork, makePng, type Network } from './network';
import { bucketKeys, importPng, localFile, migrationOf, objectBytes, waitForMigration } from './support';
import { requestSite } from './site-request';

jest.setTimeout(600_000);

// One network at a time on the same ports: the current WordPress, then the oldest one tested.
withWpCli(describe, 'subdomain networks made with the real WP-CLI').each([
	{ wordpress: 'sid' as const, version: '7.1', name: 'ms-subdomains' },
	{ wordpress: 'trixie' as const, version: '6.8', name: 'ms-subdomains-68' },
])('a subdomain network (WordPress $version)', ({ wordpress, name }) => {
	let network: Network;
	const imported: Record<number, { id: number; file: string }> = {};

	beforeAll(async () => {
		network = await makeNetwork({
			name,
			wordpress,
			port: 9368,
			sidecarPort: 9369,
			s3Port: 9370,
			activation: 'network',
			subdomains: true,
			// Before the plugin is active, so they wait for a migration: the same name on both sites, different pixels.
			beforeActivation: async (made) => {
				imported[1] = await importPng(made, 1, 'same-name.png', [200, 40, 40]);
				imported[2] = await importPng(made, 2, 'same-name.png', [40, 40, 200]);
			},
		});
		await network.startSidecar(); // WPMC_WORDPRESS_URL=http://127.0.0.1:9368, not the network's own name
	});
	afterAll(async () => network?.remove());

	test('site 2 is a subdomain site, served by name through the one web server', async () => {
		expect(network.siteUrl(2)).toBe('http://site2.localhost:9368');
		const sites = JSON.parse(await network.wpOk(['site', 'list', '--fields=blog_id,domain,path', '--format=json'])) as { domain: string }[];
		expect(sites.map((site) => site.domain)).toEqual(['localhost:9368', 'site2.localhost:9368']);
		const home = await requestSite(`${network.siteUrl(2)}/`);
		expect(home.status).toBe(200);
		expect(home.text).toContain('Site 2');
	});

	test('an upload over HTTP on site 2 is stored under sites/2/, byte for byte', async () => {
		const password = (await network.wpOk(['user', 'application-password', 'create', 'admin', `upload-${name}`, '--porcelain'])).trim();
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-subdomain-'));
		try {
			makePng(path.join(tmp, 'uploaded.png'), [10, 180, 60]);
			const bytes = fs.readFileSync(path.join(tmp, 'uploaded.png'));
			const answer = await requestSite(`${network.siteUrl(2)}/?rest_route=/wp/v2/media`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
					'Content-Type': 'image/png',
					'Content-Disposition': 'attachment; filename="uploaded.png"',
				},
				body: bytes,
			});
			expect(answer.status).toBe(201);
			const id = (JSON.parse(answer.text) as { id: number }).id;
			const file = (await network.wpOk(['post', 'meta', 'get', String(id), '_wp_attached_file'], { site: 2 })).trim();
			expect(file).toMatch(/^\d{4}\/\d{2}\/uploaded\.png$/);
			expect(await objectBytes(network, `wp-content/uploads/sites/2/${file}`)).toEqual(bytes);
			expect(await bucketKeys(network)).not.toContain(`wp-content/uploads/${file}`);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	});

	test("`wp media-cloud migrate` on site 2 migrates site 2's own attachments: the sidecar's callbacks reach site2.localhost", async () => {
		await network.wpOk(['media-cloud', 'migrate', '--detach'], { site: 2 });
		expect(await waitForMigration(network, 2, ['done'])).toMatchObject({ site_id: 2, total: 1, done: 1, failed: 0 });
		const key = `wp-content/uploads/sites/2/${imported[2].file}`;
		expect(await objectBytes(network, key)).toEqual(fs.readFileSync(localFile(network, 2, imported[2].file)));
		// Site 1's file of the same name is not migrated, and site 1 has no run.
		expect(await bucketKeys(network)).not.toContain(`wp-content/uploads/${imported[1].file}`);
		expect(await migrationOf(network, 1)).toMatchObject({ state: 'idle' });
	});

	test("pause and cancel act on site 2's run, and the main site is reached by name too", async () => {
		await network.wpOk(['plugin', 'deactivate', 'wp-media-cloud', '--network']);
		const waiting = await importPng(network, 2, 'paused.png', [90, 90, 10]);
		await network.wpOk(['plugin', 'activate', 'wp-media-cloud', '--network']);

		// Site 2's run pauses itself on its first upload (s3rver refuses the key): it got its page from site 2 first.
		await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'access_key', 'NOT-A-KEY'], { site: 2 });
		await network.wpOk(['media-cloud', 'migrate', '--detach'], { site: 2 });
		expect(await waitForMigration(network, 2, ['paused'])).toMatchObject({ site_id: 2, total: 1, paused_reason: { code: 'E_AUTH' } });
		const cancelOnMain = await network.wp(['media-cloud', 'cancel'], { site: 1 });
		expect(cancelOnMain.code).not.toBe(0);
		expect(cancelOnMain.stderr).toMatch(/No migration is running or paused/);
		expect(await migrationOf(network, 2)).toMatchObject({ state: 'paused' });
		await network.wpOk(['media-cloud', 'cancel'], { site: 2 });
		expect(await migrationOf(network, 2)).toMatchObject({ state: 'cancelled' });
		expect(await bucketKeys(network)).not.toContain(`wp-content/uploads/sites/2/${waiting.file}`);
		await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'access_key', 'S3RVER'], { site: 2 });

		// The main site's migration goes through http://127.0.0.1 too, as localhost:<port>.
		await network.wpOk(['media-cloud', 'migrate', '--detach'], { site: 1 });
		expect(await waitForMigration(network, 1, ['done'])).toMatchObject({ site_id: 1, total: 1, done: 1, failed: 0 });
		expect(await objectBytes(network, `wp-content/uploads/${imported[1].file}`)).toEqual(fs.readFileSync(localFile(network, 1, imported[1].file)));
	});

	test('the heartbeat, naming the main site (WPMC_WORDPRESS_HOST), offloads what both sites kept local while the sidecar was down', async () => {
		await network.stopSidecar();
		const pending = { 1: await importPng(network, 1, 'while-down.png', [200, 200, 10]), 2: await importPng(network, 2, 'while-down.png', [10, 200, 200]) };
		const pendingOf = async (site: 1 | 2) =>
			(await network.wp(['post', 'meta', 'get', String(pending[site].id), '_wp_media_cloud_pending', '--format=json'], { site })).stdout.trim();
		expect(await pendingOf(2)).not.toBe('');
		// Heartbeat at start, to http://127.0.0.1:9368 as localhost:9368; without the name WordPress redirects it.
		await network.startSidecar();
		const deadline = Date.now() + 120_000;
		while (((await pendingOf(1)) || (await pendingOf(2))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
		for (const site of [1, 2] as const) {
			expect(await pendingOf(site)).toBe('');
			const key = `wp-content/uploads/${site === 2 ? 'sites/2/' : ''}${pending[site].file}`;
			expect(await objectBytes(network, key)).toEqual(fs.readFileSync(localFile(network, site, pending[site].file)));
		}
	});

	describe('in chromium', () => {
		let browser: TestBrowser;

		beforeAll(async () => {
			browser = await openBrowser();
			browser.context.setDefaultTimeout(60_000); // a loaded machine is slow, not wrong
		});
		afterAll(async () => browser?.close());

		test("site 2's administrator starts site 2's migration on site2.localhost and sees its own progress to the end", async () => {
			await network.wpOk(['user', 'create', 'siteadmin', 'siteadmin@example.test', '--role=administrator', '--user_pass=password'], { site: 2 });
			const page: Page = await browser.newPage();
			await logInAt(page, network.siteUrl(2), 'siteadmin', 'password');
			await page.goto(`${network.siteUrl(2)}/wp-admin/admin.php?page=media-cloud`);
			await page.getByRole('button', { name: 'Start migration' }).click();
			const done = page.locator('.wpmc-dashboard .wpmc-progress[data-state="done"]');
			await done.waitFor({ timeout: 180_000 });
			expect(await done.getAttribute('data-percent')).toBe('100');
			expect(await migrationOf(network, 2)).toMatchObject({ state: 'done', site_id: 2, failed: 0 });
			expect(browser.pageErrors).toEqual([]);
		});
	});
});

// Network Admin › Media Cloud in chromium (issue 14), on a network made with the real WP-CLI: the network
// administrator sets storage for every site; a site's administrator can neither open that page nor change the
// network's settings from the site's own screen; with "sites may override" on, a site's own settings are its
// own and never reach another site. What each site runs with is read back with WP-CLI, not from the page.
import type { Page } from 'playwright-core';
import { logInAt, openBrowser, type TestBrowser } from '../support/browser';
import { withWpCli } from '../support/wp-cli';
import fs from 'node:fs';
import { makeNetwork, type Network } from './network';
import { importPng, localFile, objectBytes } from './support';

jest.setTimeout(600_000);

/** Each test needs a network made with the real WP-CLI: skipped, saying so, without it. */
const networkTest = withWpCli(test, 'the Network Admin page');

let network: Network;
let browser: TestBrowser;

beforeAll(async () => {
	network = await makeNetwork({ name: 'ms-admin', port: 9362, sidecarPort: 9363, s3Port: 9364, activation: 'network' });
	await network.wpOk(['user', 'create', 'siteadmin', 'siteadmin@example.test', '--role=administrator', '--user_pass=password'], { site: 2 });
	browser = await openBrowser();
	// Generous: a loaded machine is slow, not wrong (each step still ends as soon as the page is there).
	browser.context.setDefaultTimeout(60_000);
});
afterAll(async () => {
	await browser?.close();
	await network?.remove();
});

/** What a site runs with: Settings::all() in that site, secrets included (never printed by the plugin itself). */
const settingsOf = (site: number) => network.evalJson<Record<string, unknown>>('echo wp_json_encode( WP_Media_Cloud\\Settings::all() );', site);

/** Logs in afresh (the previous user's cookies gone) as one of the network's users, all with password "password". */
async function logInAs(page: Page, siteUrl: string, user: string): Promise<void> {
	await page.context().clearCookies();
	await logInAt(page, siteUrl, user, 'password');
}

/** A REST call from the logged-in page, with the nonce WordPress printed into it. */
async function restFromPage(page: Page, siteUrl: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
	return page.evaluate(
		// Runs in the page, which cannot see this function's variables: everything comes in as the argument.
		async ({ url, verb, payload }) => {
			const nonce = await (await fetch(url.replace(/\?rest_route=.*/, '/wp-admin/admin-ajax.php?action=rest-nonce'))).text();
			const response = await fetch(url, {
				method: verb,
				headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
				body: payload === undefined ? undefined : JSON.stringify(payload),
			});
			return { status: response.status, body: await response.json() };
		},
		{ url: `${siteUrl}/?rest_route=${encodeURIComponent(route)}`, verb: method, payload: body },
	);
}

networkTest('the network administrator sets storage for every site; sites run with it and cannot change it', async () => {
	const page = await browser.newPage();
	await logInAs(page, network.url, 'admin');
	await page.goto(`${network.url}/wp-admin/network/admin.php?page=media-cloud-network`);
	await page.selectOption('#wpmc-network-provider', 's3-compatible');
	await page.fill('#wpmc-network-endpoint', network.s3.endpoint);
	await page.fill('#wpmc-network-bucket', 'network-bucket');
	await page.fill('#wpmc-network-access_key', 'NETWORKKEY');
	await page.fill('#wpmc-network-secret_key', 'NETWORKSECRET');
	await page.check('#wpmc-network-path_style');
	await page.fill('#wpmc-network-cdn_host', 'network.cdn.example');
	await Promise.all([page.waitForURL(/updated=saved/), page.click('#submit')]);
	await page.getByText('Network settings saved.').waitFor();
	// Secrets are write-only: the page never prints them back.
	expect(await page.content()).not.toContain('NETWORKSECRET');
	// Every site's migration is listed, with the network's total.
	await page.locator('#wpmc-network-sites').getByText(network.siteUrl(2), { exact: true }).waitFor();

	for (const site of [1, 2]) {
		expect(await settingsOf(site)).toMatchObject({
			bucket: 'network-bucket',
			access_key: 'NETWORKKEY',
			secret_key: 'NETWORKSECRET',
			cdn_host: 'network.cdn.example',
		});
	}

	// Site 2's administrator: no Network Admin page, and the site's own settings route refuses every change.
	await logInAs(page, network.siteUrl(2), 'siteadmin');
	const denied = await page.goto(`${network.siteUrl(2)}/wp-admin/network/admin.php?page=media-cloud-network`);
	expect(await page.locator('#wpmc-network').count()).toBe(0);
	expect(denied?.status() === 403 || /not allowed/i.test(await page.content())).toBe(true);
	const read = await restFromPage(page, network.siteUrl(2), 'GET', '/media-cloud/v1/settings');
	expect(read.status).toBe(200);
	expect(read.body.settings).toMatchObject({ bucket: 'network-bucket', cdn_host: 'network.cdn.example', secret_key: '', access_key: '' });
	expect(read.body.locked).toEqual(expect.arrayContaining(['bucket', 'cdn_host', 'access_key']));
	expect(read.body.network_managed).toBe(true); // the screen can say who sets them (not wp-config.php)
	const write = await restFromPage(page, network.siteUrl(2), 'PUT', '/media-cloud/v1/settings', { cdn_host: 'site2.cdn.example' });
	expect(write.status).toBe(400);
	expect(write.body.data.errors.cdn_host).toMatch(/set for the whole network/);
	expect(await settingsOf(2)).toMatchObject({ cdn_host: 'network.cdn.example' });

	// Site Health › Info names no wp-config.php constant for them: none is defined.
	const info = await network.evalJson<Record<string, { value: string }>>('echo wp_json_encode( WP_Media_Cloud\\Health\\Site_Health_Info::fields() );', 2);
	expect(info.locked.value).toBe('None');

	// The site's Settings screen says who sets them (not "wp-config.php"), and offers no Save that could only fail.
	await page.goto(`${network.siteUrl(2)}/wp-admin/admin.php?page=media-cloud-settings`);
	const bucket = page.locator('#wpmc-field-bucket');
	await bucket.waitFor();
	expect(await bucket.inputValue()).toBe('network-bucket');
	expect(await bucket.isDisabled()).toBe(true);
	const settingsScreen = await page.locator('.wpmc-settings').innerText();
	expect(settingsScreen).toContain('Set for the whole network by its administrator.');
	expect(settingsScreen).toContain('These settings are set for the whole network by its administrator.');
	expect(settingsScreen).not.toContain('wp-config.php');
	expect(settingsScreen).not.toContain('Network Admin'); // a site's administrator has none to go to
	expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
	// The network's administrator, on the same screen, is shown where to change them.
	await logInAs(page, network.siteUrl(2), 'admin');
	await page.goto(`${network.siteUrl(2)}/wp-admin/admin.php?page=media-cloud-settings`);
	const link = page.getByRole('link', { name: 'Change them in Network Admin › Media Cloud.' });
	expect(await link.getAttribute('href')).toBe(`${network.url}/wp-admin/network/admin.php?page=media-cloud-network`);
});

networkTest("with sites allowed to override, a site's own settings are its own and reach no other site", async () => {
	const page = await browser.newPage();
	await logInAs(page, network.url, 'admin');
	await page.goto(`${network.url}/wp-admin/network/admin.php?page=media-cloud-network`);
	await page.check('input[name="sites_may_override"]');
	await Promise.all([page.waitForURL(/updated=saved/), page.click('#submit')]);

	await logInAs(page, network.siteUrl(2), 'siteadmin');
	const write = await restFromPage(page, network.siteUrl(2), 'PUT', '/media-cloud/v1/settings', { cdn_host: 'site2.cdn.example' });
	expect(write.status).toBe(200);
	expect(await settingsOf(2)).toMatchObject({ cdn_host: 'site2.cdn.example', bucket: network.s3.bucket });
	// Site 1 keeps its own (set when the network was made), the network keeps its own.
	expect(await settingsOf(1)).toMatchObject({ cdn_host: '', bucket: network.s3.bucket });
	expect(await network.evalJson('echo wp_json_encode( get_site_option( "wp_media_cloud_network_settings" )["cdn_host"] );')).toBe('network.cdn.example');
});

networkTest("'Migrate every site' starts each site's migration; the page shows each site's progress and the network's total", async () => {
	// Two attachments not offloaded yet, one per site: uploaded while the plugin was off.
	await network.wpOk(['plugin', 'deactivate', 'wp-media-cloud', '--network']);
	const uploads = { 1: await importPng(network, 1, 'every-site.png', [140, 20, 90]), 2: await importPng(network, 2, 'every-site.png', [20, 140, 90]) };
	await network.wpOk(['plugin', 'activate', 'wp-media-cloud', '--network']);
	await network.startSidecar();

	const page = await browser.newPage();
	await logInAs(page, network.url, 'admin');
	await page.goto(`${network.url}/wp-admin/network/admin.php?page=media-cloud-network`);
	// The network's storage, for every site (override off again).
	await page.fill('#wpmc-network-bucket', network.s3.bucket);
	await page.fill('#wpmc-network-access_key', 'S3RVER');
	await page.fill('#wpmc-network-secret_key', 'S3RVER');
	await page.uncheck('input[name="sites_may_override"]');
	await Promise.all([page.waitForURL(/updated=saved/), page.click('#submit')]);
	await Promise.all([page.waitForURL(/updated=migrating/), page.click('#wpmc-migrate-all')]);

	// Reloaded until the network's row counts both and site 2's run has finished: a run reads "running 1 / 1" from
	// its last upload until WordPress has recorded the result (a loaded machine is slow, not wrong).
	const total = page.locator('#wpmc-network-sites tr', { hasText: 'Network' });
	const site2 = page.locator('#wpmc-network-sites tr', { hasText: network.siteUrl(2) });
	const finished = async () => (await total.innerText()).includes('2 / 2') && /done\s+1 \/ 1/.test(await site2.innerText());
	const deadline = Date.now() + 180_000;
	while (!(await finished()) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await page.reload();
	}
	expect(await total.innerText()).toMatch(/2 \/ 2\s+0/);
	expect(await site2.innerText()).toMatch(/done\s+1 \/ 1/);
	expect(await objectBytes(network, `wp-content/uploads/${uploads[1].file}`)).toEqual(fs.readFileSync(localFile(network, 1, uploads[1].file)));
	expect(await objectBytes(network, `wp-content/uploads/sites/2/${uploads[2].file}`)).toEqual(fs.readFileSync(localFile(network, 2, uploads[2].file)));
});

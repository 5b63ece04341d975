// The guided first run in a real browser: without the sidecar secret in wp-config.php, admin screens show the
// setup notice and the Dashboard's checklist shows step 1 with this site's commands (copyable) and the manual way,
// and no Media Cloud screen shows "not configured" without them; with everything working every step is done and the
// notice is gone; the Settings save warns before Path-Style off breaks every URL.
import type { Page } from 'playwright-core';
import { logIn, mediaCloudUrl, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { setSettings } from '../support/media';
import { getSite, wpEval } from '../support/stack';
import { changeSecretConstant, repairWpConfig, whenServed } from '../support/wp-config';

const site = getSite('sqlite');
const BARE_ERROR = 'The sidecar is not configured.';

const step = (page: Page, id: string) => page.locator(`.wpmc-setup .wpmc-step[data-step="${id}"]`);
const notice = (page: Page) => page.locator('#wp-media-cloud-setup-notice');

async function forgetDismissal(): Promise<void> {
	await wpEval(site, "delete_metadata( 'user', 0, 'wp_media_cloud_setup_notice_dismissed', '', true ); return true;");
}

describe('setup checklist', () => {
	let browser: TestBrowser;
	let page: Page;
	let abspath: string;

	/** The setup notice's text on the Plugins screen ('' when there is none). */
	const noticeOnPlugins = async () => {
		await page.goto(`${site.url}/wp-admin/plugins.php`);
		return (await notice(page).count()) ? ((await notice(page).textContent()) ?? '') : '';
	};

	beforeAll(async () => {
		await repairWpConfig(site);
		await forgetDismissal();
		abspath = await wpEval<string>(site, 'return untrailingslashit( ABSPATH );');
		browser = await openBrowser();
		await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await browser?.close();
		await forgetDismissal();
		await repairWpConfig(site);
	});

	test('without the sidecar secret: a notice everywhere, step 1 with the commands on the Dashboard, no bare error', async () => {
		const restore = await changeSecretConstant(site);
		try {
			await expect(whenServed(noticeOnPlugins, (text) => text.includes('set up the sidecar'))).resolves.toContain('Next step: set up the sidecar');
			await saveScreenshot(page, 'setup-notice', notice(page));
			await notice(page)
				.getByRole('link', { name: /Finish the setup/ })
				.click();
			await page.waitForURL(mediaCloudUrl(site, 'dashboard'));
			await step(page, 'sidecar').waitFor();
			// The checklist is on this page: no notice here.
			expect(await notice(page).count()).toBe(0);

			expect(await step(page, 'sidecar').getAttribute('data-state')).toBe('todo');
			const commands = await step(page, 'sidecar').locator('.wpmc-step__commands .wpmc-copy__text').allTextContents();
			expect(commands).toEqual([`wp media-cloud sidecar setup --path=${abspath}`, `wp media-cloud sidecar start --path=${abspath}`]);
			await step(page, 'sidecar').getByRole('button', { name: 'Copy the setup command' }).click();
			await step(page, 'sidecar').getByText('Copied').first().waitFor();
			await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(commands[0]);

			// The manual way: the constants and this site's environment, never a secret.
			await step(page, 'sidecar').locator('summary', { hasText: 'Without WP-CLI' }).click();
			const manual = await step(page, 'sidecar').locator('.wpmc-step__manual').textContent();
			expect(manual).toContain("define( 'WP_MEDIA_CLOUD_SIDECAR_URL', 'http://127.0.0.1:8790' );");
			expect(manual).toContain("define( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '<a new secret");
			expect(manual).toContain(`WPMC_UPLOADS_DIR=${site.uploadsDir}`);
			expect(manual).toContain(`WPMC_WORDPRESS_URL=${site.url}`);
			// Steps 2 and 3 wait for step 1; the migration says where it runs instead of failing.
			expect(await step(page, 'settings').getAttribute('data-state')).toBe('done');
			expect(await step(page, 'connection').getAttribute('data-state')).toBe('todo');
			await expect(page.locator('.wpmc-migration-waits').textContent()).resolves.toMatch(/available once step 1/);
			await saveScreenshot(page, 'setup-step-1', step(page, 'sidecar'));
			const dashboard = (await page.locator('#wp-media-cloud-admin').textContent()) ?? '';
			expect(dashboard).not.toContain(BARE_ERROR);
			expect(dashboard).not.toContain(site.sidecarSecret);

			// Every other screen that needs the sidecar names the same two commands with its error.
			await openMediaCloudPage(page, site, 'tools');
			await page.getByText(`wp media-cloud sidecar setup --path=${abspath}`).first().waitFor({ timeout: 30_000 });
			expect(await page.locator('#wp-media-cloud-admin').textContent()).not.toContain(BARE_ERROR);
			await saveScreenshot(page, 'setup-tools-without-sidecar');
			await openMediaCloudPage(page, site, 'settings');
			await page.getByRole('button', { name: 'Test connection' }).click();
			const connectivity = page.locator('.wpmc-test-connection .wpmc-health-row[data-test="connectivity"]');
			await expect(connectivity.locator('.wpmc-health-row__fix').textContent()).resolves.toContain(`wp media-cloud sidecar setup --path=${abspath}`);
		} finally {
			await restore();
		}
	});

	test('with everything working: the notice goes, the connection test runs in the checklist, every step is done', async () => {
		await wpEval(site, "delete_option( 'wp_media_cloud_setup' ); return true;");
		// Not tested yet: the notice names the next step; dismissing it is remembered for this user.
		await expect(whenServed(noticeOnPlugins, (text) => text.includes('connection test.'))).resolves.toContain('Next step: run the connection test.');
		const dismissed = page.waitForResponse((response) => response.url().includes('admin-ajax.php'));
		await notice(page).locator('.notice-dismiss').click();
		expect((await dismissed).status()).toBe(200);
		await page.reload();
		expect(await notice(page).count()).toBe(0);
		await forgetDismissal();

		await openMediaCloudPage(page, site, 'dashboard');
		await step(page, 'sidecar').waitFor();
		await expect(step(page, 'sidecar').getAttribute('data-state')).resolves.toBe('done');
		await expect(step(page, 'sidecar').textContent()).resolves.toContain('The sidecar answers at http://127.0.0.1:8790');
		await expect(step(page, 'settings').getAttribute('data-state')).resolves.toBe('done');
		await expect(step(page, 'connection').textContent()).resolves.toContain('Not tested yet.');
		await step(page, 'connection').getByRole('button', { name: 'Test connection' }).click();
		await page.locator('.wpmc-setup .wpmc-step[data-step="connection"][data-state="done"]').waitFor({ timeout: 30_000 });
		await expect(step(page, 'connection').textContent()).resolves.toMatch(/Passed on .*load at the address pages use/);

		// Step 4 follows the library: attachments other tests left local are counted, with the migration's button.
		const status = await (await fetch(`${site.restUrl}media-cloud/v1/status`, { headers: { Authorization: site.authHeader } })).json();
		const left = status.attachments.not_offloaded as number;
		if (left > 0) {
			await expect(step(page, 'media').getAttribute('data-state')).resolves.toBe('todo');
			await expect(step(page, 'media').textContent()).resolves.toMatch(
				new RegExp(`${left.toLocaleString('en-US')} attachments? (is|are) not offloaded yet`),
			);
			await expect(step(page, 'media').getByRole('button', { name: 'Start migration' }).count()).resolves.toBe(1);
		}
		await saveScreenshot(page, 'setup-steps-1-3-done', page.locator('.wpmc-setup'));

		// A library with nothing left to offload (answered by a stub: the shared site keeps other tests' attachments).
		const statusRoute = (url: URL) => decodeURIComponent(url.toString()).includes('media-cloud/v1/status');
		await page.route(statusRoute, async (route) => {
			const response = await route.fetch();
			const body = await response.json();
			body.attachments = { ...body.attachments, offloaded: body.attachments.total, pending: 0, not_offloaded: 0 };
			await route.fulfill({ response, json: body });
		});
		try {
			await openMediaCloudPage(page, site, 'dashboard');
			const done = page.locator('.wpmc-setup[data-complete="true"]');
			await done.waitFor();
			await expect(done.locator('h2').textContent()).resolves.toBe('Setup complete');
			await expect(
				done.locator('.wpmc-step').evaluateAll((items) => items.map((item) => [item.getAttribute('data-step'), item.getAttribute('data-state')])),
			).resolves.toEqual([
				['sidecar', 'done'],
				['settings', 'done'],
				['connection', 'done'],
				['media', 'done'],
			]);
			// Complete, it moves below the Dashboard's own cards.
			await expect(page.locator('.wpmc-dashboard > .wpmc-card').last().getAttribute('class')).resolves.toContain('wpmc-setup');
			await saveScreenshot(page, 'setup-complete', done);
			expect(await page.content()).not.toContain(site.sidecarSecret);
		} finally {
			await page.unroute(statusRoute);
		}

		// Storage works: no notice, for a user who never dismissed it either.
		await page.goto(`${site.url}/wp-admin/plugins.php`);
		await page.locator('#wpbody-content').waitFor();
		expect(await notice(page).count()).toBe(0);
	});

	test('Settings: turning Path-Style off warns before saving, with the fix; Test connection shows the same cause', async () => {
		const restore = await setSettings(site, { path_style: true, public_url: '', cdn_host: '', rewrite_urls: true });
		try {
			await openMediaCloudPage(page, site, 'settings');
			const pathStyle = page.locator('.wpmc-field[data-field="path_style"] input[type=checkbox]');
			await pathStyle.uncheck();
			await page.getByRole('button', { name: 'Save changes' }).click();
			const warning = page.locator('.wpmc-save-warning');
			await warning.waitFor({ timeout: 30_000 });
			await expect(warning.textContent()).resolves.toMatch(/Not saved yet: with these settings, images on your pages would not load/);
			await expect(warning.locator('.wpmc-save-warning__fix').textContent()).resolves.toMatch(/Turn on “Path-Style URLs”/);
			await saveScreenshot(page, 'settings-save-warning', warning);
			expect((await wpEval<Record<string, unknown>>(site, "return get_option( 'wp_media_cloud_settings' );")).path_style).toBe(true);
			await warning.getByRole('button', { name: 'Keep editing' }).click();
			expect(await warning.count()).toBe(0);

			// Test connection saves first: the same warning, and confirmed, the check names the cause and the fix.
			await page.getByRole('button', { name: 'Test connection' }).click();
			const testWarning = page.locator('.wpmc-test-connection .wpmc-save-warning');
			await testWarning.waitFor({ timeout: 30_000 });
			await testWarning.getByRole('button', { name: 'Save anyway and test' }).click();
			const upload = page.locator('.wpmc-test-connection .wpmc-health-row[data-test="upload"]');
			await upload.waitFor({ timeout: 30_000 });
			await expect(upload.getAttribute('data-status')).resolves.toBe('critical');
			await expect(upload.locator('.wpmc-health-row__fix').textContent()).resolves.toMatch(/Turn on “Path-Style URLs”/);
			await saveScreenshot(page, 'settings-test-path-style', page.locator('.wpmc-test-connection'));
			expect((await wpEval<Record<string, unknown>>(site, "return get_option( 'wp_media_cloud_settings' );")).path_style).toBe(false);
		} finally {
			await restore();
		}
		expect(browser.pageErrors).toEqual([]);
	});
});

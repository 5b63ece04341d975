// The four screens as a person sees them, at 1280 px and on a 390 px phone: core's notices, the library chart
// and its words (empty, partly offloaded, all done: the counts answered by a stub so each state is certain on
// the shared site), no Start migration when nothing is left, the provider's name, buttons in the admin colour
// scheme, nothing cut off at 390 px, snackbars on screen and beside the content, and no axe-core violation in
// the plugin's own content.
import type { Page, Route } from 'playwright-core';
import { type MediaCloudPage, mediaCloudUrl, openLoggedIn, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { getSite, wpEval, type TestSite } from '../support/stack';
import { axeViolations, boxOf, overlaps, PHONE, settledBoxOf, type Box } from '../support/screen-checks';

const site = getSite('sqlite');

type Counts = { total: number; offloaded: number; files: number; filesOffloaded: number };

/** Answers GET /status with these counts (the rest as the site says) and GET /migration with no run yet. */
async function stubLibrary(page: Page, counts: Counts): Promise<void> {
	await page.route(
		(url) => decodeURIComponent(url.toString()).includes('media-cloud/v1/status'),
		async (route: Route) => {
			const response = await route.fetch();
			const body = await response.json();
			body.attachments = { total: counts.total, offloaded: counts.offloaded, pending: 0, not_offloaded: counts.total - counts.offloaded };
			body.files = { ...body.files, total: counts.files, offloaded: counts.filesOffloaded };
			await route.fulfill({ response, json: body });
		},
	);
	await page.route(
		(url) => /media-cloud\/v1\/migration(\?|&|$)/.test(decodeURIComponent(url.toString())),
		async (route: Route) => {
			if (route.request().method() !== 'GET') return route.continue();
			const idle = { state: 'idle', total: 0, done: 0, failed: 0, bytes: 0, rate_per_second: 0, eta_seconds: null };
			return route.fulfill({ json: { ...idle, awaiting_wordpress: 0, paused_reason: null, waiting_for_storage: null, errors: [] } });
		},
	);
}

/** The accessible name of the chart in the tile with this label: the sentence it points at. */
async function chartName(page: Page, label: string): Promise<string> {
	const chart = page.locator('.wpmc-count', { hasText: label }).locator('svg[role="img"]');
	await chart.waitFor();
	return chart.evaluate((svg) => document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent ?? '');
}

/** Opens a page at 1280 px with the stubbed library, once the migration panel is settled. */
async function openDashboard(page: Page, counts: Counts): Promise<void> {
	await stubLibrary(page, counts);
	await openMediaCloudPage(page, site, 'dashboard');
	await page.locator('.wpmc-migration').waitFor();
}

describe('The screens in core’s look, at 1280 and 390 px', () => {
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		({ browser, page } = await openLoggedIn(site));
	});
	afterEach(async () => {
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		await page.setViewportSize({ width: 1280, height: 800 });
	});
	afterAll(async () => {
		await browser?.close();
	});

	test('everything offloaded: the chart and the migration card say so in words, and no Start migration is offered', async () => {
		await openDashboard(page, { total: 1234, offloaded: 1234, files: 5678, filesOffloaded: 5678 });
		await expect(chartName(page, 'Attachments')).resolves.toBe('All 1,234 attachments are offloaded.');
		await expect(chartName(page, 'Files')).resolves.toBe('All 5,678 files are offloaded.');
		const done = page.locator('.wpmc-migration-done');
		await expect(done.textContent()).resolves.toBe('All 1,234 attachments are offloaded.');
		await expect(done.getAttribute('class')).resolves.toMatch(/\bnotice notice-success\b/);
		await expect(page.getByRole('button', { name: 'Start migration' }).count()).resolves.toBe(0);
		await saveScreenshot(page, 'screens-dashboard-all-offloaded');
	});

	test('an empty library reads "No attachments yet", not "All 0"', async () => {
		await openDashboard(page, { total: 0, offloaded: 0, files: 0, filesOffloaded: 0 });
		await expect(chartName(page, 'Attachments')).resolves.toBe('No attachments yet: new uploads go to the bucket.');
		await expect(chartName(page, 'Files')).resolves.toBe('No files yet.');
		await expect(page.locator('.wpmc-migration-done').textContent()).resolves.toBe('No attachments yet: new uploads go to the bucket.');
		await expect(page.getByRole('button', { name: 'Start migration' }).count()).resolves.toBe(0);
		await expect(page.locator('#wp-media-cloud-admin').textContent()).resolves.not.toMatch(/\b0 attachments/);
	});

	test('partly offloaded: the chart shows the share in words, the warning is a core notice, Start is offered', async () => {
		await openDashboard(page, { total: 1234, offloaded: 1000, files: 4000, filesOffloaded: 3000 });
		await expect(chartName(page, 'Attachments')).resolves.toBe('1,000 of 1,234 attachments offloaded (81%).');
		const bar = page.locator('.wpmc-count', { hasText: 'Attachments' }).locator('.wpmc-chart');
		await expect(bar.getAttribute('data-percent')).resolves.toBe('81');
		const warning = page.locator('.wpmc-mismatch');
		await expect(warning.getAttribute('class')).resolves.toMatch(/\bnotice notice-warning inline\b/);
		await page.getByRole('button', { name: 'Start migration' }).waitFor();
		await expect(axeViolations(page)).resolves.toEqual([]);
		await saveScreenshot(page, 'screens-dashboard-partly-offloaded');
	});

	test('the storage card names the provider as Settings does, not by its id', async () => {
		const providerId = await wpEval<string>(site, "return get_option( 'wp_media_cloud_settings' )['provider'];");
		const settings = await (await fetch(`${site.restUrl}media-cloud/v1/settings`, { headers: { Authorization: site.authHeader } })).json();
		const label = (settings.providers as Array<{ id: string; label: string }>).find((provider) => provider.id === providerId)?.label;
		expect(label).toBeTruthy();
		await openMediaCloudPage(page, site, 'dashboard');
		// The first row of the storage table is the provider; its name comes once GET /settings has answered.
		await page.waitForFunction((expected) => document.querySelector('.wpmc-storage tr td')?.textContent === expected, label);
		await expect(page.locator('.wpmc-storage tr td').first().textContent()).resolves.not.toBe(providerId);
	});

	test('at 390 px no button of any screen is cut off, and a snackbar stays on the screen', async () => {
		await page.setViewportSize(PHONE);
		const pages: MediaCloudPage[] = ['dashboard', 'settings', 'health', 'tools'];
		for (const which of pages) {
			await openMediaCloudPage(page, site, which);
			await page.locator('#wp-media-cloud-admin .components-spinner').first().waitFor({ state: 'detached' });
			// Every button whole: inside the screen, and its label not squeezed narrower than it is (then it is cut).
			const cut = await page.locator('#wp-media-cloud-admin button:visible').evaluateAll(
				(buttons, width) =>
					buttons
						.map((button) => ({
							text: button.textContent?.trim() ?? '',
							box: button.getBoundingClientRect(),
							squeezed: button.scrollWidth > button.clientWidth + 1,
						}))
						.filter(({ box, squeezed }) => box.left < 0 || box.right > width || squeezed)
						.map(({ text, box }) => `${text} (${Math.round(box.left)}–${Math.round(box.right)} px)`),
				PHONE.width,
			);
			expect({ page: which, cut }).toEqual({ page: which, cut: [] });
			// Nothing of the page is wider than the phone: no sideways scrolling.
			await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
			await expect(axeViolations(page)).resolves.toEqual([]);
		}
		await saveScreenshot(page, 'screens-tools-390', page.locator('#url-replace'));

		const purge = page.getByRole('button', { name: 'Purge page caches' });
		await purge.click();
		const snackbar = page.locator('.wpmc-snackbars .components-snackbar').first();
		await snackbar.waitFor();
		const box = await settledBoxOf(snackbar);
		expect(box.left).toBeGreaterThanOrEqual(0);
		expect(box.right).toBeLessThanOrEqual(PHONE.width);
		expect(box.bottom).toBeLessThanOrEqual(PHONE.height);
		await saveScreenshot(page, 'screens-snackbar-390');
	});

	test('at 1280 px a snackbar covers nothing of the page', async () => {
		await page.goto(mediaCloudUrl(site, 'tools'));
		const purge = page.getByRole('button', { name: 'Purge page caches' });
		await purge.scrollIntoViewIfNeeded();
		// The button near the bottom of the screen, where a snackbar appears.
		await page.evaluate(() => {
			const button = [...document.querySelectorAll('button')].find((item) => item.textContent === 'Purge page caches');
			if (button) window.scrollBy(0, button.getBoundingClientRect().bottom - window.innerHeight + 40);
		});
		await purge.click();
		const snackbar = page.locator('.wpmc-snackbars .components-snackbar').first();
		await snackbar.waitFor();
		const box = await settledBoxOf(snackbar);
		// Nothing of the page under it: from 1280 px the page leaves the snackbars a gutter of their own.
		const content: Box[] = await page
			.locator('#wp-media-cloud-admin .wpmc-page :is(button, input, select, textarea, a, p, td, th, h2):visible')
			.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()));
		expect(content.filter((item) => overlaps(item, box))).toEqual([]);
		expect(overlaps(await boxOf(page.locator('.wpmc-page')), box)).toBe(false);
		expect(box.right).toBeLessThanOrEqual(1280);
		await saveScreenshot(page, 'screens-snackbar-1280');
		expect(browser.pageErrors).toEqual([]);
	});
});

describe('On WordPress 6.8, whose plain admin pages do not set the scheme colour', () => {
	const older: TestSite = getSite('mariadb');
	let browser: TestBrowser;
	let page: Page;
	let previousScheme = 'fresh';
	const setScheme = (scheme: string) =>
		wpEval<string>(
			older,
			`$user = get_user_by( 'login', '${older.admin.user}' ); $old = (string) get_user_option( 'admin_color', $user->ID );
			update_user_option( $user->ID, 'admin_color', '${scheme}', true ); return $old;`,
		);

	beforeAll(async () => {
		previousScheme = (await setScheme('ectoplasm')) || 'fresh';
		({ browser, page } = await openLoggedIn(older));
	});
	afterAll(async () => {
		await setScheme(previousScheme);
		await browser?.close();
	});

	test('buttons have the colour of core’s own primary button in the user’s scheme (Ectoplasm), notices core’s look', async () => {
		await stubLibrary(page, { total: 10, offloaded: 4, files: 40, filesOffloaded: 16 });
		await openMediaCloudPage(page, older, 'dashboard');
		const warning = page.locator('.wpmc-mismatch');
		await warning.waitFor();
		const start = page.locator('.wpmc-migration').getByRole('button', { name: 'Start migration' });
		await start.waitFor();
		// The same element as core would print it, on the same page: ours must look the same.
		const looks = await warning.evaluate(
			(ours, button) => {
				const wrap = ours.closest('.wrap') ?? ours.ownerDocument.body;
				const notice = ours.ownerDocument.createElement('div');
				notice.className = 'notice notice-warning inline';
				notice.innerHTML = '<p>core</p>';
				const primary = ours.ownerDocument.createElement('button');
				primary.className = 'button button-primary';
				wrap.append(notice, primary);
				const look = (element: Element, part: 'backgroundColor' | 'borderLeftColor') => getComputedStyle(element)[part];
				const result = {
					notice: [look(ours, 'backgroundColor'), look(ours, 'borderLeftColor')],
					coreNotice: [look(notice, 'backgroundColor'), look(notice, 'borderLeftColor')],
					button: look(button as Element, 'backgroundColor'),
					coreButton: look(primary, 'backgroundColor'),
				};
				notice.remove();
				primary.remove();
				return result;
			},
			await start.elementHandle(),
		);
		expect(looks.notice).toEqual(looks.coreNotice);
		// Ectoplasm's primary button on 6.8 is #a3b745; the components' own default would be #3858e9.
		expect(looks.coreButton).toBe('rgb(163, 183, 69)');
		expect(looks.button).toBe(looks.coreButton);
		await expect(axeViolations(page)).resolves.toEqual([]);
		await saveScreenshot(page, 'screens-dashboard-ectoplasm-6.8');
		expect(browser.pageErrors).toEqual([]);
	});
});

// Media Cloud in core's Tools › Site Health, in a real browser: a "Media Cloud" section in Info that says where
// files go and whether the sidecar answers, without any key or secret (on the page and in the text "Copy site info
// to clipboard" copies); and with the sidecar stopped, one grouped item naming it instead of one failure per
// storage check, with core never asking for the checks it holds back.
import type { Page, Request } from 'playwright-core';
import { logIn, openBrowser, saveScreenshot, type TestBrowser } from '../support/browser';
import { setSettings } from '../support/media';
import { getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';

const site = getSite('sqlite');
// s3rver checks the access key but not the secret: any secret works and can be searched for.
const SECRET_KEY = `wpmc-info-secret-${Date.now().toString(36)}`;

const STORAGE_CHECKS = ['connectivity', 'credentials', 'upload', 'public_access', 'cdn', 'clock_skew'];

interface Issue {
	test: string;
	label: string;
	badge: string;
}

/** Opens the Status tab and waits until core has run every asynchronous test (its progress circle stops loading). */
async function siteHealthIssues(page: Page): Promise<Issue[]> {
	await page.goto(`${site.url}/wp-admin/site-health.php`);
	await page.locator('.site-health-progress-wrapper:not(.loading)').waitFor({ timeout: 120_000 });
	return page.locator('.health-check-accordion-trigger').evaluateAll((buttons) =>
		buttons.map((button) => ({
			test: (button.getAttribute('aria-controls') ?? '').replace('health-check-accordion-block-', ''),
			label: button.querySelector('.title')?.textContent ?? '',
			badge: button.querySelector('.badge')?.textContent ?? '',
		})),
	);
}

describe('Site Health', () => {
	let browser: TestBrowser;
	let page: Page;
	let restore: () => Promise<void>;

	beforeAll(async () => {
		restore = await setSettings(site, { secret_key: SECRET_KEY });
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await browser?.close();
		await restore?.();
	});

	test('Info has a Media Cloud section with the storage, the sidecar and the counts, and no secret', async () => {
		await page.goto(`${site.url}/wp-admin/site-health.php?tab=debug`);
		const section = page.locator('#health-check-accordion-block-wp-media-cloud');
		await page.locator('button[aria-controls="health-check-accordion-block-wp-media-cloud"]').click();
		const text = (await section.textContent()) ?? '';
		expect(text).toContain(`Bucket${site.s3.bucket}`);
		expect(text).toContain(`Endpoint host${new URL(site.s3.endpoint).host}`);
		expect(text).toContain('SidecarReachable');
		expect(text).toMatch(/Sidecar version\d+\.\d+/);
		expect(text).toMatch(/Offloaded\d+/);
		for (const label of ['Provider', 'Region', 'Public URL', 'CDN host', 'Remove local files', 'Versioning', 'Attachments', 'Pending']) {
			expect(text).toContain(label);
		}
		await saveScreenshot(page, 'site-health-info', section);

		const copied = (await page.locator('.copy-button').first().getAttribute('data-clipboard-text')) ?? '';
		expect(copied).toContain('### wp-media-cloud ###');
		expect(copied).toContain(`bucket: ${site.s3.bucket}`);
		const html = await page.content();
		for (const secret of [SECRET_KEY, site.s3.accessKeyId, site.sidecarSecret]) {
			expect(html).not.toContain(secret);
			expect(copied).not.toContain(secret);
		}
		expect(browser.pageErrors).toEqual([]);
	});

	test('with the sidecar stopped, one grouped item names it and the five storage checks it holds back are never asked for', async () => {
		const asked: string[] = [];
		const watch = (request: Request) => {
			const check = /site-health\/([a-z_]+)/.exec(decodeURIComponent(request.url()));
			if (check) asked.push(check[1]);
		};
		await stopSidecar(site);
		page.on('request', watch);
		let issues: Issue[];
		try {
			issues = await siteHealthIssues(page);
			await saveScreenshot(page, 'site-health-sidecar-down', page.locator('#health-check-issues-critical'));
		} finally {
			page.off('request', watch);
			await startSidecar(site);
		}
		const ours = issues.filter((issue) => issue.badge === 'Media Cloud');
		// The six storage checks (the local ones, e.g. missing files, may or may not need the sidecar: not counted).
		const storage = ours.filter((issue) => STORAGE_CHECKS.some((id) => issue.test === `wp_media_cloud_${id}`));
		expect(storage).toEqual([{ test: 'wp_media_cloud_connectivity', label: 'The Media Cloud sidecar is not answering', badge: 'Media Cloud' }]);
		await expect(page.locator('#health-check-accordion-block-wp_media_cloud_connectivity').textContent()).resolves.toContain(
			'Until then these checks cannot run: Storage credentials, Upload test, Public access, CDN ping, Clock.',
		);
		for (const held of ['credentials', 'upload', 'public_access', 'cdn', 'clock_skew']) {
			expect(ours.map((issue) => issue.test)).not.toContain(`wp_media_cloud_${held}`);
			expect(asked).not.toContain(held);
		}
		// The checks that need no sidecar still run.
		expect(asked).toEqual(expect.arrayContaining(['connectivity', 'rewrite_urls', 'page_cache']));
		expect(browser.pageErrors).toEqual([]);
	}, 180_000);

	test("WP-Cron's weekly check counts the grouped item once while the sidecar is stopped", async () => {
		await stopSidecar(site);
		let listed: string[];
		try {
			listed = await wpEval<string[]>(
				site,
				`define( 'DOING_CRON', true );
         require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
         return array_values( array_filter( array_keys( WP_Site_Health::get_tests()['async'] ), fn ( $id ) => str_starts_with( $id, 'wp_media_cloud_' ) ) );`,
			);
		} finally {
			await startSidecar(site);
		}
		expect(listed).toContain('wp_media_cloud_connectivity');
		expect(listed).not.toContain('wp_media_cloud_credentials');
		expect(listed).not.toContain('wp_media_cloud_clock_skew');
	}, 90_000);
});

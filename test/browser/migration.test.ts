// Migrating existing media from the Dashboard in a real browser: the counts show the mismatch, the dry
// run counts what would move, Start / Pause / Resume drive the run, and the progress bar reaches 100%.
import type { Page } from 'playwright-core';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { cancelLeftoverRun, createLibrary, type LibraryItem } from '../support/library';
import { setSettings } from '../support/media';
import { logIn, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const SEEDED = 40;

const progress = (page: Page) => page.locator('.wpmc-dashboard .wpmc-progress');
const attachmentCount = (page: Page) => page.locator('.wpmc-count').first();

async function waitForState(page: Page, state: string, timeout = 30_000): Promise<void> {
	await page.locator(`.wpmc-dashboard .wpmc-progress[data-state="${state}"]`).waitFor({ timeout });
}

describe('Bulk migration from the Dashboard', () => {
	let browser: TestBrowser;
	let page: Page;
	let seeded: LibraryItem[];

	beforeAll(async () => {
		await cancelLeftoverRun(site);
		// Existing media: attachments with their files on disk, inserted without the upload hook.
		seeded = await createLibrary(site, `browser-migration-${Date.now().toString(36)}`, SEEDED);
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await cancelLeftoverRun(site);
		await browser?.close();
	});

	test('the dry run on Tools counts the seeded attachments without uploading anything', async () => {
		await openMediaCloudPage(page, site, 'tools');
		await page
			.getByRole('button', { name: /dry run/ })
			.first()
			.click();
		const table = page.locator('.wpmc-dry-run');
		await table.waitFor();
		const cells = await table
			.locator('tr')
			.evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? '']));
		const numbers = cells.map(([, value]) => Number(value.replace(/[^0-9]/g, '')));
		expect(Math.max(...numbers)).toBeGreaterThanOrEqual(SEEDED);
		const offloaded = await wpEval<number>(
			site,
			`return count( array_filter( ${JSON.stringify(seeded.map((item) => item.id))}, fn ( $id ) => (bool) get_post_meta( $id, '_wp_media_cloud', true ) ) );`,
		);
		expect(offloaded).toBe(0);
		await saveScreenshot(page, 'tools-dry-run', page.locator('#bulk-migration'));
	});

	test('Start, Pause and Resume drive the migration until the progress bar shows 100%', async () => {
		// Every storage request is held 300 ms, so the run lasts long enough for the page to show its rate,
		// however fast the machine is (on loopback it would otherwise finish between two polls).
		const proxy: FaultProxy = await startFaultProxy(site.s3.endpoint, { stall: 1, stallMs: 300 });
		const restore = await setSettings(site, { endpoint: proxy.url });
		try {
			await driveMigration();
		} finally {
			await restore();
			await proxy.close();
		}
	}, 180_000);

	test('a storage that refuses the key pauses the run, the Dashboard says why and what to do, Resume finishes it', async () => {
		const more = await createLibrary(site, `browser-refused-${Date.now().toString(36)}`, 3);
		const restore = await setSettings(site, { access_key: 'NOT-A-KEY' }); // s3rver refuses unknown access keys
		try {
			await openMediaCloudPage(page, site, 'dashboard');
			await page.getByRole('button', { name: 'Start migration' }).click();
			await waitForState(page, 'paused');
			const notice = page.locator('.wpmc-dashboard .wpmc-paused-reason');
			await expect(notice.textContent()).resolves.toMatch(
				/Paused by Media Cloud: The storage provider does not know this access key\..*Check the access key for a missing character/,
			);
			await saveScreenshot(page, 'dashboard-migration-paused-by-error', page.locator('.wpmc-migration'));
		} finally {
			await restore();
		}
		await page.getByRole('button', { name: 'Resume' }).click();
		await waitForState(page, 'done', 60_000);
		await expect(page.locator('.wpmc-dashboard .wpmc-paused-reason').count()).resolves.toBe(0);
		const offloaded = await wpEval<number>(
			site,
			`return count( array_filter( ${JSON.stringify(more.map((item) => item.id))}, fn ( $id ) => (bool) get_post_meta( $id, '_wp_media_cloud', true ) ) );`,
		);
		expect(offloaded).toBe(3);
		expect(browser.pageErrors).toEqual([]);
	}, 120_000);

	test('a storage that stops answering shows "Waiting for the storage" while the run holds, and the run finishes when it answers', async () => {
		const more = await createLibrary(site, `browser-outage-${Date.now().toString(36)}`, 3);
		const proxy = await startFaultProxy(site.s3.endpoint, { reset: 1 }); // every connection dropped
		const restore = await setSettings(site, { endpoint: proxy.url });
		try {
			await openMediaCloudPage(page, site, 'dashboard');
			await page.getByRole('button', { name: 'Start migration' }).click();
			const notice = page.locator('.wpmc-dashboard .wpmc-waiting-for-storage');
			await notice.waitFor({ timeout: 90_000 });
			await expect(notice.textContent()).resolves.toMatch(
				/Waiting for the storage: The storage endpoint .* closed the connection before answering \(ECONNRESET\)\..*tries again by itself at .* no file is marked failed meanwhile/,
			);
			await expect(progress(page).getAttribute('data-state')).resolves.toBe('running');
			await saveScreenshot(page, 'dashboard-migration-waiting-for-storage', page.locator('.wpmc-migration'));
			proxy.faults.reset = 0; // the storage answers again
			await waitForState(page, 'done', 120_000);
			await expect(notice.count()).resolves.toBe(0);
		} finally {
			await restore();
			await proxy.close();
		}
		const offloaded = await wpEval<number>(
			site,
			`return count( array_filter( ${JSON.stringify(more.map((item) => item.id))}, fn ( $id ) => (bool) get_post_meta( $id, '_wp_media_cloud', true ) ) );`,
		);
		expect(offloaded).toBe(3);
		expect(browser.pageErrors).toEqual([]);
	}, 240_000);

	async function driveMigration(): Promise<void> {
		await openMediaCloudPage(page, site, 'dashboard');
		await page.locator('.wpmc-mismatch').waitFor();
		const before = Number(await attachmentCount(page).getAttribute('data-offloaded'));

		await page.getByRole('button', { name: 'Start migration' }).click();
		await waitForState(page, 'running');
		await page.getByRole('button', { name: 'Pause' }).click();
		await waitForState(page, 'paused');
		const pausedAt = Number(await progress(page).getAttribute('data-percent'));
		expect(pausedAt).toBeLessThan(100);
		await expect(progress(page).locator('.wpmc-progress__state').textContent()).resolves.toBe('Paused');
		await saveScreenshot(page, 'dashboard-migration-paused', progress(page));

		// Record what the progress line says while the run goes on (rate and time left are only shown while running).
		await page.evaluate(() => {
			const seen: string[] = [];
			(window as unknown as { progressSeen: string[] }).progressSeen = seen;
			setInterval(() => seen.push(document.querySelector('.wpmc-dashboard .wpmc-progress__details')?.textContent ?? ''), 100);
		});
		await page.getByRole('button', { name: 'Resume' }).click();
		await waitForState(page, 'running');
		await waitForState(page, 'done', 120_000);
		const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
		expect(seen.some((line) => /^\d[\d,]* of \d[\d,]* .*per second/.test(line))).toBe(true);
		await expect(progress(page).getAttribute('data-percent')).resolves.toBe('100');
		await expect(progress(page).locator('.wpmc-progress__percent').textContent()).resolves.toBe('100%');

		// Every seeded attachment is in the bucket now, and the Dashboard's count says so.
		const offloaded = await wpEval<number>(
			site,
			`return count( array_filter( ${JSON.stringify(seeded.map((item) => item.id))}, fn ( $id ) => (bool) get_post_meta( $id, '_wp_media_cloud', true ) ) );`,
		);
		expect(offloaded).toBe(SEEDED);
		await page.waitForFunction(
			([selector, expected]) => Number(document.querySelector(selector as string)?.getAttribute('data-offloaded')) >= (expected as number),
			['.wpmc-count', before + SEEDED],
			{ timeout: 90_000 }, // read again every 3 s while the run goes on, and once when it ends; a loaded machine is slow
		);
		await saveScreenshot(page, 'dashboard-migration-done');
		expect(browser.pageErrors).toEqual([]);
	}
});

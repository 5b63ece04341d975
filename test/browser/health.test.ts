// The Health page in a real browser: run the checks, read one row per check with its status, cause and
// fix, and copy a report for support that holds no key or password.
import type { Page } from 'playwright-core';
import { logIn, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { setSettings } from '../support/media';
import { getSite } from '../support/stack';

const site = getSite('sqlite');
// s3rver checks the access key but not the secret, so any secret works and can be searched for.
const SECRET = 'wpmc-secret-DO-NOT-LEAK-42';

interface Row {
	test: string | null;
	status: string | null;
	text: string;
}

async function runChecks(page: Page): Promise<Row[]> {
	await openMediaCloudPage(page, site, 'health');
	const previous = await page
		.locator('.wpmc-health-ran')
		.textContent()
		.catch(() => null);
	await page.locator('.wpmc-health-page .wpmc-actions button').first().click();
	// Wait for the new run: the "Last run" line changes (or appears) once the answer is shown.
	await page.waitForFunction(
		(before) => {
			const line = document.querySelector('.wpmc-health-ran');
			return line && line.textContent !== before && !document.querySelector('.wpmc-health-page .is-busy');
		},
		previous,
		{ timeout: 45_000 },
	);
	return page
		.locator('.wpmc-health-page .wpmc-health-row')
		.evaluateAll((rows) =>
			rows.map((row) => ({ test: row.getAttribute('data-test'), status: row.getAttribute('data-status'), text: row.textContent ?? '' })),
		);
}

describe('Health page', () => {
	let browser: TestBrowser;
	let page: Page;
	let restore: () => Promise<void>;

	beforeAll(async () => {
		restore = await setSettings(site, { secret_key: SECRET });
		browser = await openBrowser();
		await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await browser?.close();
		await restore?.();
	});

	test('runs every check: one row each, and the storage checks pass against the local bucket', async () => {
		const rows = await runChecks(page);
		const byTest = Object.fromEntries(rows.map((row) => [row.test, row.status]));
		expect(byTest).toMatchObject({ connectivity: 'good', credentials: 'good', upload: 'good' });
		expect(rows.length).toBeGreaterThanOrEqual(5);
		for (const row of rows) expect(['good', 'recommended', 'critical']).toContain(row.status);
		// A check that is not good says why and what to do.
		for (const row of rows.filter((item) => item.status !== 'good')) expect(row.text).toMatch(/Fix:|Cause:|Same fix as for/);
		await saveScreenshot(page, 'health');
	});

	test('a missing bucket is critical, with its cause and fix in plain words', async () => {
		const restoreBucket = await setSettings(site, { bucket: 'no-such-bucket-here' });
		try {
			const rows = await runChecks(page);
			const critical = rows.filter((row) => row.status === 'critical');
			expect(critical.length).toBeGreaterThan(0);
			for (const row of critical) expect(row.text).toMatch(/Fix:|Same fix as for/);
			expect(critical.map((row) => row.text).join(' ')).toContain('no-such-bucket-here');
			// Rows that failed for the same reason (not tested because another failed) show its fix once, and name the
			// row that shows it instead of repeating it.
			const fixes = await page.locator('.wpmc-health-page .wpmc-health-row__fix').allTextContents();
			expect(fixes.length).toBeGreaterThan(0);
			expect(fixes.filter((fix, index) => fixes.indexOf(fix) !== index)).toEqual([]);
			const repeats = rows.filter((row) => fixes.some((fix) => row.text.includes(fix.replace(/^Fix: /, '')) && !row.text.includes(fix)));
			expect(repeats).toEqual([]);
			// Critical rows come first, and the summary counts them.
			expect(rows[0].status).toBe('critical');
			await expect(page.locator('.wpmc-health-page .wpmc-health-summary.notice-error').textContent()).resolves.toMatch(/critical/);
			await saveScreenshot(page, 'health-critical');
		} finally {
			await restoreBucket();
		}
	});

	test('"Copy report" copies a support report without keys or passwords', async () => {
		await openMediaCloudPage(page, site, 'health');
		await page.getByRole('button', { name: 'Copy report' }).click();
		await page.locator('.wpmc-snackbars').getByText('Report copied').waitFor();
		const report = await page.locator('.wpmc-report textarea').inputValue();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toBe(report);

		expect(report).toContain('WP Media Cloud health report');
		expect(report).toContain(`bucket: ${site.s3.bucket}`);
		expect(report).toContain('secret_key: set');
		expect(report).toMatch(/\[(good|recommended|critical)\] Storage credentials/);
		expect(report).not.toContain(SECRET);
		expect(report).not.toContain(site.s3.accessKeyId);
		expect(browser.pageErrors).toEqual([]);
	});
});

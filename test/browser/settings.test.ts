// The Settings page in a real browser: configure the local bucket through the form, test the connection,
// see a clear error at the field for a bad endpoint, and never get the secret back.
import type { Page } from 'playwright-core';
import { logIn, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { setSettings } from '../support/media';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const SECRET = 'S3RVER';

const field = (page: Page, key: string) => page.locator(`.wpmc-field[data-field="${key}"]`);
const input = (page: Page, key: string) => page.locator(`#wpmc-field-${key}`);

async function save(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Save changes' }).click();
	await page
		.locator('.wpmc-snackbars')
		.getByText(/Settings saved|Some settings were not saved/)
		.last()
		.waitFor();
}

async function storedSettings(): Promise<Record<string, unknown>> {
	return wpEval(site, "return get_option( 'wp_media_cloud_settings' );");
}

describe('Settings page', () => {
	let browser: TestBrowser;
	let page: Page;
	let restore: () => Promise<void>;

	beforeAll(async () => {
		// Start from an unconfigured plugin: the form, not the test setup, configures the bucket.
		restore = await setSettings(site, { provider: 's3', endpoint: '', region: '', bucket: '', access_key: '', secret_key: '', path_style: false });
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await browser?.close();
		await restore?.();
	});

	test('configures the local bucket through the form; secrets are write-only', async () => {
		await openMediaCloudPage(page, site, 'settings');
		// Amazon S3 shows its region list and no endpoint; the S3-compatible preset asks for the endpoint.
		await expect(field(page, 'endpoint').count()).resolves.toBe(0);
		await input(page, 'provider').selectOption('s3-compatible');
		await expect(field(page, 'endpoint').textContent()).resolves.toContain('without the bucket name or a trailing slash');

		await input(page, 'endpoint').fill(site.s3.endpoint);
		await input(page, 'region').fill('us-east-1');
		await input(page, 'bucket').fill(site.s3.bucket);
		await input(page, 'access_key').fill(SECRET);
		await input(page, 'secret_key').fill(SECRET);
		await field(page, 'path_style').locator('input[type=checkbox]').check();
		await save(page);
		await page.locator('.wpmc-snackbars').getByText('Settings saved.').waitFor();

		const stored = await storedSettings();
		expect(stored).toMatchObject({
			provider: 's3-compatible',
			endpoint: site.s3.endpoint,
			bucket: site.s3.bucket,
			access_key: SECRET,
			secret_key: SECRET,
			path_style: true,
		});
		// The secret fields are empty again and say a value is stored; the page never holds the secret.
		await expect(input(page, 'secret_key').inputValue()).resolves.toBe('');
		await expect(input(page, 'secret_key').getAttribute('placeholder')).resolves.toContain('Stored');
		await page.reload();
		await input(page, 'bucket').waitFor();
		expect(await page.content()).not.toContain(SECRET);
		await expect(input(page, 'bucket').inputValue()).resolves.toBe(site.s3.bucket);
	});

	test('"Test connection" checks the bucket and shows one result per check', async () => {
		await openMediaCloudPage(page, site, 'settings');
		await page.getByRole('button', { name: 'Test connection' }).click();
		const rows = page.locator('.wpmc-test-connection .wpmc-health-row');
		await rows.first().waitFor({ timeout: 30_000 });
		const results = await rows.evaluateAll((elements) =>
			elements.map((row) => ({ test: row.getAttribute('data-test'), status: row.getAttribute('data-status') })),
		);
		expect(results).toEqual([
			{ test: 'connectivity', status: 'good' },
			{ test: 'credentials', status: 'good' },
			{ test: 'upload', status: 'good' },
		]);
		await page.locator('.wpmc-snackbars').getByText('Connection works.').waitFor();
		await saveScreenshot(page, 'settings-test-connection', page.locator('.wpmc-test-connection'));
	});

	test('a bad endpoint gets a clear message at the field; the valid change of the same save is kept', async () => {
		await openMediaCloudPage(page, site, 'settings');
		await input(page, 'endpoint').fill('s3.example.com');
		await input(page, 'cache_control').fill('public, max-age=600');
		await save(page);

		const error = field(page, 'endpoint').locator('.wpmc-field__error');
		await expect(error.textContent()).resolves.toMatch(/must start with https:\/\//);
		// Focus moves to the field to correct (announced with its message), not to <body> at the foot of the page.
		const endpoint = await input(page, 'endpoint').elementHandle();
		await page.waitForFunction((element) => element === element?.ownerDocument.activeElement, endpoint);
		await expect(input(page, 'endpoint').evaluate((element) => element.getBoundingClientRect().top)).resolves.toBeGreaterThanOrEqual(0);
		await expect(input(page, 'endpoint').getAttribute('aria-invalid')).resolves.toBe('true');
		// Screen readers announce the help and the message with the field: every described-by id exists.
		const describedBy = await input(page, 'endpoint').evaluate((element) =>
			(element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? `missing #${id}`),
		);
		expect(describedBy).toEqual([expect.stringContaining('without the bucket name'), expect.stringMatching(/must start with https:\/\//)]);
		// What the user typed stays in the field to be corrected.
		await expect(input(page, 'endpoint').inputValue()).resolves.toBe('s3.example.com');
		await saveScreenshot(page, 'settings-field-error', field(page, 'endpoint'));

		const stored = await storedSettings();
		expect(stored.endpoint).toBe(site.s3.endpoint);
		expect(stored.cache_control).toBe('public, max-age=600');

		// Correcting the field clears the message.
		await input(page, 'endpoint').fill(site.s3.endpoint);
		await expect(error.count()).resolves.toBe(0);
	});

	test('mirror deletion warns that it is permanent', async () => {
		await openMediaCloudPage(page, site, 'settings');
		const toggle = field(page, 'mirror_delete').locator('input[type=checkbox]');
		if (await toggle.isChecked()) await toggle.uncheck();
		await expect(page.locator('.wpmc-mirror-warning').count()).resolves.toBe(0);
		await toggle.check();
		await expect(page.locator('.wpmc-mirror-warning').textContent()).resolves.toContain('Mirror deletion is permanent');
		expect(browser.pageErrors).toEqual([]);
	});
});

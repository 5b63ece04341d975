// The Dashboard names the storage provider as soon as its storage card appears: the names come with the page
// (window.wpMediaCloudAdmin.providerLabels), so the card never shows a placeholder while a request is on its way.
// GET /settings is held unanswered for the whole visit to prove the card needs nothing from it.
import type { Page, Route } from 'playwright-core';
import { openLoggedIn, openMediaCloudPage, type TestBrowser } from '../support/browser';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');

/** Records every text the provider cell shows, from the first moment it exists (before any of the app's code runs). */
async function recordProviderTexts(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { providerTexts: string[] }).providerTexts = seen;
		new MutationObserver(() => {
			const text = document.querySelector('.wpmc-storage__provider')?.textContent;
			if (text !== undefined && text !== null && seen[seen.length - 1] !== text) seen.push(text);
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
}

describe('Dashboard: the storage provider', () => {
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		({ browser, page } = await openLoggedIn(site));
	});
	afterAll(async () => {
		await page?.unrouteAll({ behavior: 'ignoreErrors' });
		await browser?.close();
	});

	test('is named as Settings names it from the first render, with GET /settings never answering', async () => {
		const providerId = await wpEval<string>(site, "return get_option( 'wp_media_cloud_settings' )['provider'];");
		const settings = await (await fetch(`${site.restUrl}media-cloud/v1/settings`, { headers: { Authorization: site.authHeader } })).json();
		const label = (settings.providers as Array<{ id: string; label: string }>).find((provider) => provider.id === providerId)?.label;
		expect(label).toBeTruthy();
		expect(label).not.toBe(providerId);

		const held: Route[] = [];
		await page.route(
			(url) => /media-cloud\/v1\/settings(\?|&|$)/.test(decodeURIComponent(url.toString())),
			(route) => void held.push(route),
		);
		await recordProviderTexts(page);
		await openMediaCloudPage(page, site, 'dashboard');
		const cell = page.locator('.wpmc-storage__provider');
		await cell.waitFor();
		await expect(cell.textContent()).resolves.toBe(label);
		// Every text the cell ever showed: only the name, never "…" or the id.
		await expect(page.evaluate(() => (window as unknown as { providerTexts: string[] }).providerTexts)).resolves.toEqual([label]);
		expect(browser.pageErrors).toEqual([]);
	});
});

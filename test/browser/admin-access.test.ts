// Who may use the Media Cloud screens: administrators see the menu and its four pages; an Editor sees
// no menu, cannot open the pages and gets 403 from every media-cloud/v1 route; a request without the
// REST nonce is refused even with an administrator's cookie.
import type { APIRequestContext } from 'playwright-core';
import { ensureUser, logIn, mediaCloudUrl, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { getSite } from '../support/stack';

const site = getSite('sqlite');
const EDITOR = { login: 'wpmc-editor', password: 'editor-password-1' };

/** The routes the screens call, with a valid body so the permission check (not validation) decides. */
const SCREEN_ROUTES: Array<[method: string, route: string, body?: unknown]> = [
	['GET', '/settings'],
	['PUT', '/settings', { cdn_host: '' }],
	['GET', '/health'],
	['POST', '/health', { checks: ['connectivity'] }],
	['GET', '/status'],
	['GET', '/migration'],
	['POST', '/migration', { dry_run: true }],
	['PATCH', '/migration', { state: 'paused' }],
	['GET', '/downloads'],
	['POST', '/downloads', { all: true }],
	['PATCH', '/downloads', { state: 'paused' }],
	['GET', '/moves'],
	['POST', '/moves', { dry_run: true }],
	['PATCH', '/moves', { state: 'paused' }],
	['GET', '/setup'],
	['GET', '/audit'],
	['POST', '/url-replace/scans', { direction: 'to-cloud' }],
	['POST', '/url-replace/runs', { direction: 'to-cloud', dry_run: true }],
	['POST', '/cache-purges'],
];

async function call(request: APIRequestContext, method: string, route: string, body: unknown, nonce?: string) {
	const response = await request.fetch(`${site.restUrl}media-cloud/v1${route}`, {
		method,
		headers: { 'Content-Type': 'application/json', ...(nonce ? { 'X-WP-Nonce': nonce } : {}) },
		data: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status(), body: await response.json().catch(() => null) };
}

/** The nonce WordPress hands a logged-in browser (what wp-admin pages print for api-fetch). */
async function nonceFor(request: APIRequestContext): Promise<string> {
	return (await request.get(`${site.url}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
}

describe('Media Cloud admin access', () => {
	let browser: TestBrowser;

	beforeAll(async () => {
		await ensureUser(site, EDITOR.login, 'editor', EDITOR.password);
	});
	beforeEach(async () => {
		browser = await openBrowser();
	});
	afterEach(async () => {
		await browser.close();
	});

	test('an administrator has the Media Cloud menu with Dashboard, Settings, Health and Tools, each rendering', async () => {
		const page = await browser.newPage();
		await logIn(page, site);
		const menu = page.locator('#toplevel_page_media-cloud');
		await expect(menu.locator('.wp-menu-name').textContent()).resolves.toBe('Media Cloud');
		await expect(menu.locator('.wp-submenu a').allTextContents()).resolves.toEqual(['Dashboard', 'Settings', 'Health', 'Tools']);

		for (const which of ['dashboard', 'settings', 'health', 'tools'] as const) {
			await openMediaCloudPage(page, site, which);
			await expect(page.locator('.wrap h1').first().textContent()).resolves.toBe(which.charAt(0).toUpperCase() + which.slice(1));
			await saveScreenshot(page, `page-${which}`);
		}
		// The Plugins screen links to the settings too.
		await page.goto(`${site.url}/wp-admin/plugins.php`);
		await expect(page.locator('tr[data-slug="wp-media-cloud"] .row-actions a', { hasText: 'Settings' }).getAttribute('href')).resolves.toContain(
			'admin.php?page=media-cloud-settings',
		);
		expect(browser.pageErrors).toEqual([]);
	});

	test('every route the screens call is registered', async () => {
		const page = await browser.newPage();
		await logIn(page, site);
		const index = await page.request.get(`${site.restUrl}media-cloud/v1`, { headers: { 'X-WP-Nonce': await nonceFor(page.request) } });
		const routes = (await index.json()).routes as Record<string, { methods: string[] }>;
		const missing = SCREEN_ROUTES.filter(([method, route]) => !routes[`/media-cloud/v1${route}`]?.methods.includes(method)).map(
			([method, route]) => `${method} ${route}`,
		);
		expect(missing).toEqual([]);
	});

	test('an Editor has no menu, cannot open the pages and gets 403 from the routes', async () => {
		const page = await browser.newPage();
		await logIn(page, site, EDITOR.login, EDITOR.password);
		await expect(page.locator('#toplevel_page_media-cloud').count()).resolves.toBe(0);

		const direct = await page.goto(mediaCloudUrl(site, 'settings'));
		expect(direct?.status()).toBe(403);
		await expect(page.locator('body').textContent()).resolves.toContain('not allowed to access this page');
		expect(await page.locator('#wp-media-cloud-admin').count()).toBe(0);

		const nonce = await nonceFor(page.request);
		expect(nonce).toMatch(/^[a-f0-9]{10}$/);
		const refused: string[] = [];
		for (const [method, route, body] of SCREEN_ROUTES) {
			const answer = await call(page.request, method, route, body, nonce);
			if (answer.status !== 404) expect({ route: `${method} ${route}`, status: answer.status }).toEqual({ route: `${method} ${route}`, status: 403 });
			if (answer.status === 403) refused.push(route);
		}
		expect(refused.length).toBeGreaterThan(0);
	});

	test('an administrator without the REST nonce cannot change anything', async () => {
		const page = await browser.newPage();
		await logIn(page, site);
		const nonce = await nonceFor(page.request);
		let checked = 0;
		for (const [method, route, body] of SCREEN_ROUTES) {
			if (method === 'GET') continue;
			const withoutNonce = await call(page.request, method, route, body);
			if (withoutNonce.status === 404) continue; // Not registered yet: the test above reports it.
			// WordPress ignores the login cookie without a nonce, so the request is anonymous.
			expect({ route: `${method} ${route}`, status: withoutNonce.status }).toEqual({ route: `${method} ${route}`, status: 401 });
			checked++;
		}
		expect(checked).toBeGreaterThan(0);
		// The same cookie with the nonce is let through (a read-only scan, so nothing changes).
		expect((await call(page.request, 'POST', '/url-replace/scans', { direction: 'to-cloud' }, nonce)).status).toBe(200);
	});
});

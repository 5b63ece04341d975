// Browser tests drive Debian's chromium with playwright-core against the running test sites:
//   const browser = await openBrowser();
//   const page = await browser.newPage();
//   await logIn(page, site);
//   await openMediaCloudPage(page, site, 'settings');
//   await saveScreenshot(page, 'settings');
//   await browser.close();
// The admin app is (re)built first when admin-ui/src changed, so tests never run against a stale build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureAdminBuild } from './admin-build';
import { repoRoot } from '../../bin/dev/paths';
import { ensureSystemPackages } from '../../bin/dev/system-packages';
import { phpString } from './media';
import { wpEval, type TestSite } from './stack';

export { ensureAdminBuild };

export const ARTIFACTS_DIR = path.join(repoRoot, 'test-artifacts', 'browser');
export const VIEWPORT = { width: 1280, height: 800 };

export type MediaCloudPage = 'dashboard' | 'settings' | 'health' | 'tools';
const PAGE_SLUGS: Record<MediaCloudPage, string> = {
	dashboard: 'media-cloud',
	settings: 'media-cloud-settings',
	health: 'media-cloud-health',
	tools: 'media-cloud-tools',
};

export interface TestBrowser {
	context: BrowserContext;
	newPage: () => Promise<Page>;
	/** Uncaught exceptions from any page: a crashed React app shows up here. */
	pageErrors: string[];
	close: () => Promise<void>;
}

/** A headless chromium with a fresh profile (no cookies, no cache), isolated from any other browser. */
export async function openBrowser(): Promise<TestBrowser> {
	// Debian's chromium: installed with apt when missing (as root), else a clear message says how.
	ensureSystemPackages({ chromium: true });
	ensureAdminBuild();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		viewport: VIEWPORT,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	context.setDefaultTimeout(20_000);
	const pageErrors: string[] = [];
	const watch = (page: Page) => page.on('pageerror', (error) => pageErrors.push(error.message));
	context.pages().forEach(watch);
	context.on('page', watch);
	return {
		context,
		pageErrors,
		newPage: async () => context.pages()[0] ?? (await context.newPage()),
		close: async () => {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Logs in through wp-login.php, as a person would. */
export async function logIn(page: Page, site: TestSite, user = site.admin.user, password = site.admin.password): Promise<void> {
	await logInAt(page, site.url, user, password);
}

/**
 * Logs in on any site's wp-login.php (a network's subsite too) by typing into the form and clicking Log In.
 *
 * wp-login.php focuses the username field and selects its text 200 ms after the page ran its script
 * (wp_attempt_focus). On a loaded machine that timer fired while the password was being typed: the password went
 * into the username field, the password field stayed empty, and the browser's `required` check kept the form from
 * being sent (a CI run failed on it; the page then held a username of 8 characters, "password", and a password of
 * 0). So typing starts once that focus has happened, and the two values are checked before the click.
 */
export async function logInAt(page: Page, siteUrl: string, user: string, password: string): Promise<void> {
	await page.goto(`${siteUrl}/wp-login.php`);
	// The timer's focus, once; a site whose `enable_login_autofocus` filter is off never moves the focus at all.
	const username = await page.waitForSelector('#user_login');
	await page.waitForFunction((field) => field.ownerDocument.activeElement === field, username, { timeout: 10_000 }).catch(() => undefined);
	await page.fill('#user_login', user);
	await page.fill('#user_pass', password);
	const typed = { user: await page.inputValue('#user_login'), password: await page.inputValue('#user_pass') };
	if (typed.user !== user || typed.password !== password) {
		throw new Error(`The login form on ${siteUrl} holds other values than were typed (${await loginFormState(page)}).`);
	}
	try {
		await Promise.all([page.waitForURL(/\/wp-admin\//, { timeout: 60_000 }), page.click('#wp-submit')]);
	} catch (error) {
		const shown = (await page.locator('#login_error').allTextContents()).join(' ').trim();
		throw new Error(
			`Logging in as ${user} on ${siteUrl} did not reach wp-admin (${await loginFormState(page)}${shown ? `; the page says: ${shown}` : ''}): ${(error as Error).message}`,
		);
	}
}

/** What the login page holds, for an error: its state, and the form's. */
async function loginFormState(page: Page): Promise<string> {
	return page
		.evaluate(() => {
			const form = document.querySelector<HTMLFormElement>('#loginform');
			const length = (id: string) => document.querySelector<HTMLInputElement>(`#${id}`)?.value.length ?? -1;
			return `at ${location.href}, document ${document.readyState}, form ${form ? (form.checkValidity() ? 'valid' : 'invalid') : 'absent'}, username ${length('user_login')} characters, password ${length('user_pass')}`;
		})
		.catch((error: Error) => `page state unreadable: ${error.message}`);
}

/** A browser with one page logged in to the site as its administrator; the caller closes the browser. */
export async function openLoggedIn(site: TestSite): Promise<{ browser: TestBrowser; page: Page }> {
	const browser = await openBrowser();
	try {
		const page = await browser.newPage();
		await logIn(page, site);
		return { browser, page };
	} catch (error) {
		// The caller never gets the browser to close: left open, it would keep jest from ever exiting.
		await browser.close();
		throw error;
	}
}

export function mediaCloudUrl(site: TestSite, which: MediaCloudPage): string {
	return `${site.url}/wp-admin/admin.php?page=${PAGE_SLUGS[which]}`;
}

/** Opens one of the Media Cloud pages and waits until the app has rendered it. */
export async function openMediaCloudPage(page: Page, site: TestSite, which: MediaCloudPage): Promise<void> {
	await page.goto(mediaCloudUrl(site, which));
	await page.locator('#wp-media-cloud-admin .wpmc-page').first().waitFor();
}

/**
 * A small JPEG (1280×800, quality 60) of what the browser shows, under test-artifacts/browser/ (git-ignored),
 * for people reviewing a run. `focus` scrolls that part of the page into view first; else the top is shown.
 */
export async function saveScreenshot(page: Page, name: string, focus?: Locator): Promise<string> {
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const file = path.join(ARTIFACTS_DIR, `${name}.jpg`);
	if (focus) await focus.first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
	else await page.evaluate(() => window.scrollTo(0, 0));
	// Snackbars and spinners settle within a moment; a fixed short wait keeps screenshots comparable.
	await page.waitForTimeout(300);
	await page.screenshot({ path: file, type: 'jpeg', quality: 60 });
	return file;
}

/** Creates (or reuses) a user with the given role and password; returns its login. */
export async function ensureUser(site: TestSite, login: string, role: string, password: string): Promise<string> {
	await wpEval(
		site,
		`$user = get_user_by( 'login', ${phpString(login)} );
    $data = array( 'user_login' => ${phpString(login)}, 'user_pass' => ${phpString(password)}, 'role' => ${phpString(role)}, 'user_email' => ${phpString(`${login}@example.test`)} );
    if ( $user ) { $data['ID'] = $user->ID; $id = wp_update_user( $data ); } else { $id = wp_insert_user( $data ); }
    if ( is_wp_error( $id ) ) { throw new Exception( $id->get_error_message() ); }
    return $id;`,
	);
	return login;
}

/** The REST nonce the page was printed with (what the app sends as X-WP-Nonce). */
export async function restNonce(page: Page): Promise<string> {
	return page.evaluate(() => {
		const w = window as unknown as { wpMediaCloudAdmin?: { nonce: string }; wpApiSettings?: { nonce: string } };
		return w.wpMediaCloudAdmin?.nonce ?? w.wpApiSettings?.nonce ?? '';
	});
}

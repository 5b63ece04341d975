// A saved setting the Settings screen would refuse today: a CDN host saved as http://cdn.example.com before the
// https rule (or written around the screen by an import). It keeps every image URL on http://, which an https
// site's browsers block as mixed content, and before this test nothing said so. Now Health (REST as the admin page
// runs it, core Site Health's route, the real WP-CLI) names the field and the value to enter, critical on an https
// site and recommended on an http one, and the Settings screen shows the field's message as it opens. The stored
// value is kept as it is (the CDN may not serve https yet).
//
// The test sites are served over http (WP_HOME in wp-config.php): a small mu-plugin makes the home URL https only
// for the requests that send the header X-WPMC-Test-Https-Home and the WP-CLI processes with WPMC_TEST_HTTPS_HOME=1,
// so other tests keep the site as it is.
import fs from 'node:fs';
import path from 'node:path';
import { writeSettingsAsIs, type HealthResult } from '../support/health';
import { openLoggedIn, openMediaCloudPage, saveScreenshot } from '../support/browser';
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';
import { messages, wp, withWpCli } from '../support/wp-cli';

const OPTION = 'wp_media_cloud_settings';
const HTTP_CDN = 'http://cdn.example.com';
const HTTPS_HOME = { header: { 'X-WPMC-Test-Https-Home': '1' }, env: { WPMC_TEST_HTTPS_HOME: '1' } };

const FIX =
	'In Media Cloud › Settings, change the CDN host to cdn.example.com and save; check first that it serves your files over https (the saved value is kept as it is until you change it). ' +
	'On the command line: wp media-cloud settings set cdn_host cdn.example.com';

/** POST /health as the admin page sends it (all checks when none are named). */
async function runHealth(site: TestSite, body: { checks?: string[] }, headers: Record<string, string> = {}): Promise<HealthResult[]> {
	const response = await fetch(`${site.restUrl}media-cloud/v1/health`, {
		method: 'POST',
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as { results: HealthResult[] };
	if (response.status !== 200) throw new Error(`POST /health answered ${response.status}: ${JSON.stringify(json)}`);
	return json.results;
}

const storedSettingsRow = (results: HealthResult[]) => results.find((result) => result.test === 'stored_settings');

describe.each<SiteKind>(['sqlite', 'mariadb'])('a saved setting the Settings screen would refuse (%s site)', (kind) => {
	const site = getSite(kind);
	const muPlugin = path.join(site.dir, 'wp-content', 'mu-plugins', `wpmc-test-https-home-${process.pid}.php`);
	let restore: () => Promise<void>;

	beforeAll(async () => {
		fs.mkdirSync(path.dirname(muPlugin), { recursive: true });
		fs.writeFileSync(
			muPlugin,
			`<?php
// Written by test/health/stored-settings-refused.test.ts while it runs: an https home URL for the requests that ask.
if ( ! empty( $_SERVER['HTTP_X_WPMC_TEST_HTTPS_HOME'] ) || '1' === getenv( 'WPMC_TEST_HTTPS_HOME' ) ) {
	add_filter( 'option_home', static fn ( $home ) => preg_replace( '#^http://#', 'https://', (string) $home ), 20 );
}
`,
		);
		restore = await writeSettingsAsIs({ cdn_host: HTTP_CDN }, site);
	});
	afterAll(async () => {
		await restore?.();
		fs.rmSync(muPlugin, { force: true });
	});

	test('Health names the field and the value to enter: critical on an https site, recommended on an http one', async () => {
		const https = storedSettingsRow(await runHealth(site, { checks: ['stored_settings'] }, HTTPS_HOME.header));
		expect(https).toMatchObject({
			label: 'Saved settings',
			status: 'critical',
			cause: 'stored_setting_invalid',
			details: { fields: ['cdn_host'] },
		});
		expect(https!.description).toBe(
			'The saved CDN host “http://cdn.example.com” is one the Settings screen no longer accepts. The CDN host must be served over https: enter it without http:// (e.g. cdn.example.com). Plain http:// is only allowed for a host on this machine (127.0.0.1 or localhost). ' +
				'This site’s pages are served over https, so browsers block the images linked over http:// as mixed content: they show as broken.',
		);
		expect(https!.fix).toBe(FIX);

		// The full run the admin page starts: the same row, between URL rewriting and the page cache.
		const all = await runHealth(site, {});
		expect(all.map((result) => result.test).slice(7, 10)).toEqual(['rewrite_urls', 'stored_settings', 'page_cache']);
		expect(storedSettingsRow(all)).toMatchObject({ status: 'recommended', cause: 'stored_setting_invalid', fix: https!.fix });
		expect(storedSettingsRow(all)!.description).not.toContain('mixed content');

		// Core Site Health asks for the same check through its own route.
		const siteHealth = await fetch(`${site.restUrl}media-cloud/v1/site-health/stored_settings`, {
			headers: { Authorization: site.authHeader, ...HTTPS_HOME.header },
		});
		expect(await siteHealth.json()).toMatchObject({
			status: 'critical',
			test: 'wp_media_cloud_stored_settings',
			actions: expect.stringContaining('cdn.example.com'),
		});

		// Flagged, never rewritten: the CDN may not serve https yet.
		expect(await wpEval(site, `return get_option( '${OPTION}' )['cdn_host'];`)).toBe(HTTP_CDN);
	}, 120_000);

	withWpCli(test, 'the health command')(
		'wp media-cloud health reports it with the fix, and exits 1 on an https site',
		async () => {
			const https = await wp(site, 'media-cloud health --checks=stored_settings --format=json', { env: HTTPS_HOME.env });
			expect(https.exit).toBe(1);
			const report = JSON.parse(https.stdout) as { results: HealthResult[] };
			expect(report.results).toEqual([expect.objectContaining({ test: 'stored_settings', status: 'critical', cause: 'stored_setting_invalid' })]);
			expect(report.results[0].fix).toBe(FIX);
			expect(messages(https.stderr, 'Error')).toEqual(['1 check is critical.']);

			const http = await wp(site, 'media-cloud health --checks=stored_settings');
			expect(http.exit).toBe(0);
			expect(http.stdout).toContain('Saved settings');
			expect(http.stdout).toContain('recommended');
			expect(http.stdout).toContain(FIX);
		},
		120_000,
	);

	test('with every saved value valid again, the check is good and the screen lists nothing', async () => {
		const fixed = await writeSettingsAsIs({ cdn_host: '' }, site);
		try {
			expect(storedSettingsRow(await runHealth(site, { checks: ['stored_settings'] }, HTTPS_HOME.header))).toMatchObject({ status: 'good' });
			const settings = (await (await fetch(`${site.restUrl}media-cloud/v1/settings`, { headers: { Authorization: site.authHeader } })).json()) as {
				stored_errors: Record<string, string>;
			};
			expect(settings.stored_errors).toEqual({});
		} finally {
			await fixed();
		}
	});

	if (kind === 'sqlite') {
		test('the Settings screen shows the CDN field’s message as it opens, and leaves the valid fields alone', async () => {
			const { browser, page } = await openLoggedIn(site);
			try {
				await openMediaCloudPage(page, site, 'settings');
				const cdn = page.locator('.wpmc-field[data-field="cdn_host"]');
				await expect(cdn.locator('.wpmc-field__error').textContent()).resolves.toBe(
					'The CDN host must be served over https: enter it without http:// (e.g. cdn.example.com). Plain http:// is only allowed for a host on this machine (127.0.0.1 or localhost).',
				);
				await expect(page.locator('#wpmc-field-cdn_host').getAttribute('aria-invalid')).resolves.toBe('true');
				await expect(page.locator('#wpmc-field-cdn_host').inputValue()).resolves.toBe(HTTP_CDN);
				await expect(page.locator('.wpmc-stored-errors').textContent()).resolves.toContain('correct the fields marked in red');
				// Only that field: the valid ones show their values without a message.
				await expect(page.locator('.wpmc-field.has-error').count()).resolves.toBe(1);
				await expect(page.locator('#wpmc-field-bucket').inputValue()).resolves.toBe(site.s3.bucket);
				await saveScreenshot(page, 'settings-stored-error', cdn);

				// Editing the field takes the old message away; the user's value is then checked when saved.
				await page.locator('#wpmc-field-cdn_host').fill('cdn.example.com');
				await expect(cdn.locator('.wpmc-field__error').count()).resolves.toBe(0);
				expect(browser.pageErrors).toEqual([]);
			} finally {
				await browser.close();
			}
		}, 120_000);
	}
});

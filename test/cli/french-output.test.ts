// WP-CLI speaks the site's language: on a French site (locale fr_FR, with the plugin's French translation where a
// language pack puts it, wp-content/languages/plugins/) `wp media-cloud status` prints its report in French, and in
// English on the same site otherwise; its JSON stays data, the same keys and words in any language. The real WP-CLI
// on the shared SQLite site: a small mu-plugin makes the site French only for the processes started with
// WPMC_TEST_SITE_LOCALE=fr_FR, so other tests running at the same time keep English.
import fs from 'node:fs';
import path from 'node:path';
import { moFile } from '../support/mo-file';
import { getSite } from '../support/stack';
import { wp, withWpCli } from '../support/wp-cli';

const site = getSite('sqlite');
const FRENCH_SITE = { env: { WPMC_TEST_SITE_LOCALE: 'fr_FR' } };

/** The plugin's sentences this test reads, as a French language pack would translate them. */
const FRENCH: Record<string, string> = {
	'Attachments: %1$d of %2$d offloaded, %3$d pending, %4$d not offloaded.':
		'Fichiers joints : %1$d sur %2$d transférés, %3$d en attente, %4$d non transférés.',
	'Files: %1$d of %2$d offloaded.': 'Fichiers : %1$d sur %2$d transférés.',
	'Storage: %1$s bucket "%2$s", served from %3$s': 'Stockage : %1$s, compartiment « %2$s », servi depuis %3$s',
};

withWpCli(describe, 'the French output test')('WP-CLI in the site’s language (real WP-CLI)', () => {
	const languages = path.join(site.dir, 'wp-content', 'languages', 'plugins');
	const moPath = path.join(languages, 'wp-media-cloud-fr_FR.mo');
	const muPlugin = path.join(site.dir, 'wp-content', 'mu-plugins', `wpmc-test-cli-locale-${process.pid}.php`);

	beforeAll(() => {
		fs.mkdirSync(languages, { recursive: true });
		fs.writeFileSync(moPath, moFile(FRENCH, 'fr_FR'));
		fs.mkdirSync(path.dirname(muPlugin), { recursive: true });
		fs.writeFileSync(
			muPlugin,
			`<?php
// Written by test/cli/french-output.test.ts while it runs: a French site for the WP-CLI processes that ask for it.
if ( defined( 'WP_CLI' ) && WP_CLI && 'fr_FR' === getenv( 'WPMC_TEST_SITE_LOCALE' ) ) {
	add_filter( 'locale', static fn () => 'fr_FR' );
}
`,
		);
	});
	afterAll(() => {
		fs.rmSync(muPlugin, { force: true });
		fs.rmSync(moPath, { force: true });
	});

	test('`wp media-cloud status` reports in French on a French site', async () => {
		const { stdout } = await wp(site, 'media-cloud status', FRENCH_SITE);
		const lines = stdout.split('\n');
		expect(lines[0]).toMatch(/^Fichiers joints : \d+ sur \d+ transférés, \d+ en attente, \d+ non transférés\.$/);
		expect(lines[1]).toMatch(/^Fichiers : \d+ sur \d+ transférés\.$/);
		expect(lines[2]).toMatch(/^Stockage : .+, compartiment « .+ », servi depuis http/);
		expect(stdout).not.toMatch(/offloaded/);
	});

	test('the same command reports in English on the site in English', async () => {
		const { stdout } = await wp(site, 'media-cloud status');
		const lines = stdout.split('\n');
		expect(lines[0]).toMatch(/^Attachments: \d+ of \d+ offloaded, \d+ pending, \d+ not offloaded\.$/);
		expect(lines[1]).toMatch(/^Files: \d+ of \d+ offloaded\.$/);
		expect(lines[2]).toMatch(/^Storage: .+ bucket ".+", served from http/);
	});

	test('its JSON is data: the same keys and values in French', async () => {
		const french = JSON.parse((await wp(site, 'media-cloud status --format=json', FRENCH_SITE)).stdout);
		const english = JSON.parse((await wp(site, 'media-cloud status --format=json')).stdout);
		expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
		expect(french.storage).toEqual(english.storage);
		expect(french.migration?.state).toBe(english.migration?.state);
	});
});

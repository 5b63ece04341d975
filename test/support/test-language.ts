// A real French translation for the plugin, loaded only for requests that ask for it: a .mo (mo-file.ts) and a
// small mu-plugin on the test site that loads it when the request carries the X-WPMC-Test-Language header, so
// other tests on the shared site keep English. Each test file installs its own pair (named after it) and removes
// it afterwards; WordPress merges several files of one text domain.
import fs from 'node:fs';
import path from 'node:path';
import { moFile } from './mo-file';
import type { TestSite } from './stack';

/** The header that switches a request to French while a translation is installed. */
export const FRENCH_REQUEST = { 'X-WPMC-Test-Language': 'fr' } as const;

/**
 * Installs `translations` (English msgid → French) for requests with FRENCH_REQUEST; `name` keeps the files of
 * two test files apart. Returns the function that removes them.
 */
export function installFrench(site: Pick<TestSite, 'dir'>, name: string, translations: Record<string, string>): () => void {
	const muPlugins = path.join(site.dir, 'wp-content', 'mu-plugins');
	const muPlugin = path.join(muPlugins, `wpmc-test-${name}-language.php`);
	const moPath = path.join(muPlugins, `wpmc-test-${name}-fr_FR.mo`);
	fs.mkdirSync(muPlugins, { recursive: true });
	fs.writeFileSync(moPath, moFile(translations, 'fr_FR'));
	fs.writeFileSync(
		muPlugin,
		`<?php
// Written by test/support/test-language.ts while a test runs: French for requests that ask for it.
if ( 'fr' === ( $_SERVER['HTTP_X_WPMC_TEST_LANGUAGE'] ?? '' ) ) {
	add_action( 'plugins_loaded', static fn () => load_textdomain( 'wp-media-cloud', ${JSON.stringify(moPath)} ) );
}
`,
	);
	return () => {
		fs.rmSync(muPlugin, { force: true });
		fs.rmSync(moPath, { force: true });
	};
}

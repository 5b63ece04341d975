// Writes plugin/languages/wp-media-cloud.pot, the template translators start from, with the real WP-CLI's
// `wp i18n make-pot` over the plugin as it ships (PHP, and the admin's strings in plugin/build/index.js, so run
// `npm run build:admin` first). The file is committed: the zip and a git checkout carry it without WP-CLI, and
// test/build/pot.test.ts says when it is out of date.
//   npm run build:pot
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findWpCliPhar, WP_CLI_NOT_FOUND } from './dev/wp-cli-phar';

const repoRoot = path.join(__dirname, '..');
export const POT_FILE = path.join(repoRoot, 'plugin', 'languages', 'wp-media-cloud.pot');

export { findWpCliPhar, WP_CLI_NOT_FOUND };

/** The template as make-pot writes it now, without its creation date (which changes on every run). */
export function makePot(): string {
	const phar = findWpCliPhar();
	if (!phar) throw new Error(WP_CLI_NOT_FOUND);
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-pot-')), 'plugin.pot');
	try {
		execFileSync(
			'php',
			[
				phar,
				'--allow-root',
				'i18n',
				'make-pot',
				path.join(repoRoot, 'plugin'),
				out,
				'--slug=wp-media-cloud',
				'--domain=wp-media-cloud',
				'--skip-audit',
				'--no-location',
				'--headers={"Report-Msgid-Bugs-To":"","POT-Creation-Date":""}',
			],
			{ stdio: ['ignore', 'ignore', 'inherit'] },
		);
		return withoutVolatileHeaders(fs.readFileSync(out, 'utf8'));
	} finally {
		fs.rmSync(path.dirname(out), { recursive: true, force: true });
	}
}

/** Header lines that differ between two runs over the same sources. */
export function withoutVolatileHeaders(pot: string): string {
	return pot.replace(/^"(POT-Creation-Date|X-Generator): .*\\n"\n/gm, '').replace(/^# Copyright \(C\) \d{4} /m, '# Copyright (C) ');
}

if (require.main === module) {
	fs.mkdirSync(path.dirname(POT_FILE), { recursive: true });
	const pot = makePot();
	fs.writeFileSync(POT_FILE, pot);
	console.log(`${path.relative(repoRoot, POT_FILE)}: ${(pot.match(/^msgid "/gm) ?? []).length - 1} strings`);
}

// The translation template ships current: plugin/languages/wp-media-cloud.pot is what the real WP-CLI's
// `wp i18n make-pot` makes from the plugin today, so every sentence of the PHP and of the admin (plugin/build) reaches
// translators, with the comments that explain its placeholders. Without WP-CLI the comparison is skipped, saying why.
import fs from 'node:fs';
import { findWpCliPhar, makePot, POT_FILE, WP_CLI_NOT_FOUND } from '../../bin/build-pot';
import { ensureAdminBuild } from '../support/admin-build';

const withWpCli = findWpCliPhar() ? test : (process.stderr.write(`[test] ${WP_CLI_NOT_FOUND}: the .pot check skipped\n`), test.skip);

describe('the translation template', () => {
	// make-pot reads the admin's sentences from the bundle: built here when admin-ui/src changed since the last build,
	// so the check never runs against a stale bundle nor depends on a browser test having built it first.
	beforeAll(() => ensureAdminBuild(), 300_000);

	withWpCli('is what make-pot writes from the plugin now (else run npm run build:pot)', () => {
		const committed = fs.existsSync(POT_FILE) ? fs.readFileSync(POT_FILE, 'utf8') : '(no plugin/languages/wp-media-cloud.pot)';
		expect(committed === makePot() ? 'current' : 'out of date: run npm run build:pot').toBe('current');
	});

	test('holds the PHP and the admin sentences, with translator comments, for the plugin text domain', () => {
		const pot = fs.readFileSync(POT_FILE, 'utf8');
		expect(pot).toContain('"X-Domain: wp-media-cloud\\n"');
		const plugin = fs.readFileSync(require.resolve('../../plugin/wp-media-cloud.php'), 'utf8');
		expect(plugin).toMatch(/Domain Path:\s+\/languages/);
		// One sentence from PHP and one from the admin bundle, read from their sources rather than written here.
		const phpSentence = /__\(\s*'([^'\\]{20,})',\s*'wp-media-cloud'\s*\)/.exec(
			fs.readFileSync(require.resolve('../../plugin/inc/class-deactivation-warning.php'), 'utf8'),
		)?.[1];
		const adminSentence = /__\)\("([^"\\]{20,})","wp-media-cloud"\)/.exec(fs.readFileSync(require.resolve('../../plugin/build/index.js'), 'utf8'))?.[1];
		expect(phpSentence).toBeDefined();
		expect(adminSentence).toBeDefined();
		expect(pot).toContain(`msgid "${phpSentence}"`);
		expect(pot).toContain(`msgid "${adminSentence}"`);
		expect(pot).toMatch(/^#\. translators: /m);
	});
});

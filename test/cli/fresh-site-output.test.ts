// What scripts read from `wp media-cloud` on a site where nothing is offloaded yet and no sidecar is set up (a
// throwaway site, temp-site.ts, so the shared sites' libraries play no part): with a machine format stdout is
// exactly the data — an empty list is `[]`, never a "Success:" line — and every message goes to stderr.
import { withWpCli } from '../support/wp-cli';
import { makeTempSite, type TempSite } from './temp-site';

withWpCli(describe, 'the machine-format tests on a fresh site')('wp media-cloud on a fresh site (real WP-CLI)', () => {
	let site: TempSite;
	beforeAll(async () => {
		site = await makeTempSite({ plugin: 'link', port: 9330 }); // nothing listens there: the site is only driven by WP-CLI
	}, 180_000);
	afterAll(() => site?.remove());

	test('verify --format=json prints [] when nothing is missing, the summary on stderr, exit 0', async () => {
		const { exit, stdout, stderr } = await site.wp(['media-cloud', 'verify', '--format=json']);
		expect(exit).toBe(0);
		expect(JSON.parse(stdout)).toEqual([]);
		expect(stderr).toBe('Success: All files of 0 attachments are on disk or in the bucket.\n');
	});

	test('verify --format=count and replace --dry-run --format=json print only the data', async () => {
		const count = await site.wp(['media-cloud', 'verify', '--format=count']);
		expect([count.exit, count.stdout]).toEqual([0, '0']);
		const replace = await site.wp(['media-cloud', 'replace', '--dry-run', '--format=json']);
		expect(replace.exit).toBe(0);
		expect(JSON.parse(replace.stdout)).toEqual([]);
		expect(replace.stderr).toMatch(/^Success: Dry run \d{14}-[a-f0-9]{6}: 0 URLs in 0 values would change/);
	});
});

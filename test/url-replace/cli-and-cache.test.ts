// `wp media-cloud replace` (the real WP-CLI) and the cache purge, on the real SQLite site.
import { getSite, wpEval } from '../support/stack';
import { messages, wp as runWp, withWpCli } from '../support/wp-cli';
import { POST_TYPE, readRaw, seed, unseed, type Seed } from './seed';
import { rest } from '../support/rest';

const site = getSite('sqlite');
const wp = (commandLine: string) => runWp(site, `media-cloud replace ${commandLine}`);

withWpCli(describe, 'the URL Replace command')('wp media-cloud replace', () => {
	let s: Seed;
	beforeAll(async () => {
		s = await seed(site, `urlrcli${Date.now().toString(36)}`);
	});
	afterAll(async () => {
		if (s) await unseed(site, s);
	});

	test('--dry-run prints the changes and the URLs it leaves alone, and writes nothing', async () => {
		const { exit, stdout, stderr } = await wp(`--dry-run --post-type=${POST_TYPE}`);
		expect(exit).toBe(0);
		// Into a pipe, WP-CLI prints a table as tab-separated lines under a header.
		const lines = stdout.split('\n');
		expect(lines).toContain('post_id\tfield\told_url\tnew_url\toccurrences');
		expect(lines.filter((line) => /^\d+\t/.test(line))).toHaveLength(17);
		expect(messages(stderr, 'Warning')).toHaveLength(6);
		expect(messages(stderr, 'Warning')[0]).toMatch(/^Left alone \((not_offloaded|no_attachment|file_not_in_bucket)\)/);
		expect(messages(stdout, 'Success')[0]).toMatch(
			/^Dry run \d{14}-[a-f0-9]{6}: 18 URLs in 5 values would change \(5 rows scanned\)\. Nothing was written\.$/,
		);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('--dry-run --format=json prints only the list on stdout; the summary goes to stderr', async () => {
		const { exit, stdout, stderr } = await wp(`--dry-run --post-type=${POST_TYPE} --format=json`);
		expect(exit).toBe(0);
		const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(17);
		expect(Object.keys(rows[0])).toEqual(['post_id', 'field', 'old_url', 'new_url', 'occurrences']);
		expect(messages(stderr, 'Success')[0]).toMatch(/^Dry run \d{14}-[a-f0-9]{6}: 18 URLs in 5 values would change/);
		// Nothing to change is an empty list, not an empty stdout.
		const none = await wp('--dry-run --post-type=no_such_type --format=json');
		expect(none.exit).toBe(0);
		expect(JSON.parse(none.stdout)).toEqual([]);
	});

	test('a run replaces, purges caches and prints how to undo; --undo restores every value', async () => {
		const run = await wp(`--post-type=${POST_TYPE} --format=count`);
		expect(run.exit).toBe(0);
		expect(run.stdout).toBe('17'); // WP-CLI prints a count without a newline
		const success = messages(run.stderr, 'Success')[0];
		expect(success).toMatch(/replaced 18 URLs in 5 values\. Caches purged: object cache\. Undo with: wp media-cloud replace --undo=\d{14}-[a-f0-9]{6}$/);
		expect(await readRaw(site, s)).not.toEqual(s.raw);
		const id = success.split('--undo=')[1];
		const undo = await wp(`--undo=${id}`);
		expect(undo.exit).toBe(0);
		expect(messages(undo.stdout, 'Success')).toEqual([`Run ${id} undone: 5 values restored.`]);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('--undo of an unknown run fails with exit code 1 and says what to do; an unknown format is refused', async () => {
		const [unknown, xml] = await Promise.all([wp('--undo=20000101000000-abcdef'), wp('--dry-run --format=xml')]);
		expect(unknown.exit).toBe(1);
		expect(messages(unknown.stderr, 'Error')[0]).toMatch(/There is no URL Replace run "20000101000000-abcdef"\. Pick a run from the list/);
		expect(xml.exit).toBe(1);
		expect(xml.stderr).toContain("Invalid value specified for 'format'");
	});
});

describe('cache purge', () => {
	test('POST /cache-purges flushes the object cache and says so', async () => {
		const { status, body } = await rest<{ purged: string[]; failed: unknown[] }>(site, 'POST', '/cache-purges');
		expect(status).toBe(200);
		expect(body).toEqual({ purged: ['object cache'], failed: [] });
	});

	test('active page-cache plugins are purged through their own API; one that throws does not stop the others', async () => {
		// Stand-ins for WP Rocket's and LiteSpeed Cache's public purge APIs (the plugins cannot be installed offline).
		const result = await wpEval<{ purge: { purged: string[]; failed: Array<{ cache: string; message: string }> }; calls: string[] }>(
			site,
			`$GLOBALS['calls'] = array();
       function rocket_clean_domain() { $GLOBALS['calls'][] = 'rocket_clean_domain'; }
       define( 'LSCWP_V', '7.0' );
       add_action( 'litespeed_purge_all', function () { $GLOBALS['calls'][] = 'litespeed_purge_all'; } );
       add_filter( 'wp_media_cloud_cache_purgers', fn ( $p ) => $p + array( 'Broken Cache' => function () { throw new RuntimeException( 'disk full' ); } ) );
       return array( 'purge' => WP_Media_Cloud\\Cache_Purger::purge(), 'calls' => $GLOBALS['calls'] );`,
		);
		expect(result.purge.purged).toEqual(['object cache', 'WP Rocket', 'LiteSpeed Cache']);
		expect(result.purge.failed).toEqual([{ cache: 'Broken Cache', message: 'disk full' }]);
		expect(result.calls).toEqual(['rocket_clean_domain', 'litespeed_purge_all']);
	});

	test('saving the settings or finishing a migration purges caches once, at the end of that request', async () => {
		for (const trigger of [
			`$s = get_option( 'wp_media_cloud_settings' ); update_option( 'wp_media_cloud_settings', array( 'cache_control' => 'no-cache' ) + $s ); update_option( 'wp_media_cloud_settings', $s );`,
			`do_action( 'wp_media_cloud_migration_done' );`,
		]) {
			await wpEval(site, `delete_option( 'wp_media_cloud_last_cache_purge' ); return true;`);
			const during = await wpEval(site, `${trigger} return get_option( 'wp_media_cloud_last_cache_purge', null );`);
			expect(during).toBeNull(); // Not yet: the purge waits for the end of the request.
			const after = await wpEval<{ purged: string[]; at: number }>(site, `return get_option( 'wp_media_cloud_last_cache_purge' );`);
			expect(after.purged).toEqual(['object cache']);
			expect(after.at).toBeGreaterThan(Date.now() / 1000 - 60);
		}
	});
});

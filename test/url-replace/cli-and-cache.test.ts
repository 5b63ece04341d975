// `wp media-cloud replace` (through a recording stand-in for WP-CLI's API, which cannot be installed here) and
// the cache purge, on the real SQLite site.
import path from 'node:path';
import { phpValue } from '../../bin/dev/wp-eval';
import { getSite, wpEval } from '../support/stack';
import { POST_TYPE, readRaw, seed, unseed, type Seed } from './seed';
import { api } from './rest';

const site = getSite('sqlite');
const STAND_IN = path.join(__dirname, '..', 'support', 'url-replace-wp-cli-stand-in.php');

type Output = Array<[string, ...unknown[]]>;

/** Runs `wp media-cloud replace` with these flags in a fresh PHP process, as WP-CLI would. */
function wp(flags: Record<string, string | boolean>): Promise<{ exit: number; output: Output }> {
	return wpEval(site, `return Url_Replace_Cli_Stand_In::run( 'media-cloud replace', array(), ${phpValue(flags)} );`, {
		before: `define( 'WP_CLI', true ); require ${JSON.stringify(STAND_IN)};`,
	});
}

const messages = (output: Output, kind: string) => output.filter(([k]) => k === kind).map(([, message]) => message as string);

describe('wp media-cloud replace', () => {
	let s: Seed;
	beforeAll(async () => {
		s = await seed(site, `urlrcli${Date.now().toString(36)}`);
	});
	afterAll(async () => {
		if (s) await unseed(site, s);
	});

	test('--dry-run prints the changes and the URLs it leaves alone, and writes nothing', async () => {
		const { exit, output } = await wp({ 'dry-run': true, 'post-type': POST_TYPE });
		expect(exit).toBe(0);
		const [, format, rows, fields] = output.find(([kind]) => kind === 'items')!;
		expect(format).toBe('table');
		expect(fields).toEqual(['post_id', 'field', 'old_url', 'new_url', 'occurrences']);
		expect(rows).toHaveLength(17);
		expect(messages(output, 'warning')).toHaveLength(6);
		expect(messages(output, 'warning')[0]).toMatch(/^Left alone \((not_offloaded|no_attachment|file_not_in_bucket)\)/);
		expect(messages(output, 'success')[0]).toMatch(
			/^Dry run \d{14}-[a-f0-9]{6}: 18 URLs in 5 values would change \(5 rows scanned\)\. Nothing was written\.$/,
		);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('a run replaces, purges caches and prints how to undo; --undo restores every value', async () => {
		const run = await wp({ 'post-type': POST_TYPE, format: 'count' });
		expect(run.exit).toBe(0);
		const success = messages(run.output, 'success')[0];
		expect(success).toMatch(/replaced 18 URLs in 5 values\. Caches purged: object cache\. Undo with: wp media-cloud replace --undo=\d{14}-[a-f0-9]{6}$/);
		expect(await readRaw(site, s)).not.toEqual(s.raw);
		const id = success.split('--undo=')[1];
		const undo = await wp({ undo: id });
		expect(undo.exit).toBe(0);
		expect(messages(undo.output, 'success')).toEqual([`Run ${id} undone: 5 values restored.`]);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('--undo of an unknown run fails with exit code 1 and says what to do', async () => {
		const { exit, output } = await wp({ undo: '20000101000000-abcdef' });
		expect(exit).toBe(1);
		expect(messages(output, 'error')[0]).toMatch(/There is no URL Replace run "20000101000000-abcdef"\. Pick a run from the list/);
	});
});

describe('cache purge', () => {
	test('POST /cache-purges flushes the object cache and says so', async () => {
		const { status, body } = await api<{ purged: string[]; failed: unknown[] }>(site, 'POST', '/cache-purges');
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

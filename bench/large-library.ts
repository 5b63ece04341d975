// Benchmark: every admin request and command at 10,000 and 100,000 attachments, plugin active vs inactive.
//   npm run bench -- large-library [--sizes=10000,100000] [--runs=3] [--concurrency=32] [--migrate=1] [--port=8960] [--name=bench-large-library]
// 1. A fresh MariaDB site (bench-stack, ports 8960 / sidecar 8860 / s3rver 9260 / MariaDB 3460) gets 500 posts
//    with upload URLs (the URL Replace rows, the same at every size), then attachments by bulk SQL with three real
//    files each (bench/support/large-library-seed.ts), up to each size in turn.
// 2. At each size, nothing offloaded: the Dashboard counts (GET /media-cloud/v1/status), wp-admin/site-health.php
//    with the plugin active and inactive (time, queries, peak memory), POST /health, the URL Replace scan of the
//    same rows, and `wp media-cloud verify` (peak memory). Each request: median of --runs after a warm-up.
// 3. At the largest size (--migrate=1): a raw PUT loop of the same files, then the bulk migration of the whole
//    library (queries per attachment of its callbacks, the job database's size), then step 2 again, all offloaded.
// Results go in docs/benchmarks.md ("Large libraries").
import { startBenchStack, type BenchStack } from './support/bench-stack';
import { seedAttachments } from './support/large-library-seed';
import { jobDatabaseMb, migrateAll, rawPut, verifyPeak } from './support/large-library-steps';
import { medianOf, RequestMeter, type Metered } from './support/request-meter';
import { measure, seedLibrary } from './url-replace-workload';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const SIZES = String(args.sizes ?? '10000,100000')
	.split(',')
	.map(Number)
	.sort((a, b) => a - b);
const RUNS = Number(args.runs ?? 3);
const CONCURRENCY = Number(args.concurrency ?? 32);
const MIGRATE = String(args.migrate ?? '1') !== '0';
const URL_REPLACE_TYPE = 'bench_page';
/** WordPress's port; the sidecar, s3rver and MariaDB take port - 100, + 300 and - 5500 (bench-stack). */
const PORT = Number(args.port ?? 8960);
/** The site's name (its folders under .data): another name runs beside a stack that is still up. */
const NAME = String(args.name ?? 'bench-large-library');

interface Column {
	label: string;
	status: Metered;
	siteHealth: Metered;
	siteHealthOff: Metered;
	health: Metered;
	scan: { seconds: number; rows: number };
	verify: { seconds: number; peakMb: number };
	uniqueName: number;
}

const s = (value: number) => (value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`);
const mb = (value: number) => `${Math.round(value)} MB`;

/**
 * What every upload pays for the names already taken in its folder (Unique_Filenames, which must see the files that
 * are only in the bucket): wp_unique_filename() for a name in use in a folder of 1,000, median of 5 after a warm-up;
 * with wordPressAlone, without any wp_unique_filename filter (WordPress lists the folder's 3,000 files on disk).
 */
async function uniqueNameSeconds(stack: BenchStack, wordPressAlone = false): Promise<number> {
	return stack.wpEval<number>(`
		if ( ${wordPressAlone ? 'true' : 'false'} ) {
			remove_all_filters( 'wp_unique_filename' ); // What WordPress's own check of the folder on disk costs.
		}
		$dir   = wp_get_upload_dir()['basedir'] . '/2099/0001';
		$times = array();
		for ( $i = 0; $i < 6; $i++ ) {
			$started = microtime( true );
			wp_unique_filename( $dir, 'lib-1500.jpg' );
			$times[] = microtime( true ) - $started;
		}
		$times = array_slice( $times, 1 );
		sort( $times );
		return $times[2];
	`);
}

async function measureColumn(stack: BenchStack, meter: RequestMeter, label: string): Promise<Column> {
	console.log(`measuring: ${label}`);
	const status = await medianOf(RUNS, () => meter.rest('GET', '/status'));
	console.log(`  status ${s(status.seconds)}, ${status.queries} queries`);
	const siteHealth = await medianOf(RUNS, () => meter.page('/wp-admin/site-health.php'));
	const siteHealthOff = await medianOf(RUNS, () => meter.page('/wp-admin/site-health.php', true));
	console.log(
		`  site-health.php ${s(siteHealth.seconds)} (${siteHealth.queries} queries) vs inactive ${s(siteHealthOff.seconds)} (${siteHealthOff.queries})`,
	);
	const health = await medianOf(RUNS, () => meter.rest('POST', '/health'));
	console.log(`  POST /health ${s(health.seconds)}, ${mb(health.peakMb)}`);
	const scans = [];
	for (let i = 0; i <= RUNS; i++) scans.push(await measure(stack.wpEval, [URL_REPLACE_TYPE], 'scan'));
	const scan = scans.slice(1).sort((a, b) => a.seconds - b.seconds)[Math.floor(RUNS / 2)];
	console.log(`  URL Replace scan of ${scan.rows} rows ${s(scan.seconds)}`);
	const verify = verifyPeak(stack);
	console.log(`  verify ${s(verify.seconds)}, peak ${mb(verify.peakMb)}`);
	const uniqueName = await uniqueNameSeconds(stack);
	const uniqueNameCore = await uniqueNameSeconds(stack, true);
	// The plan of the folder lookup (Attached_File_Index::named_in_folder): a range of the meta_key index, not a scan.
	const plan = await stack.wpEval<Record<string, string>>(`
		global $wpdb;
		$like = $wpdb->esc_like( WP_Media_Cloud\\Url_Replace\\Attached_File_Index::NAME_KEY_PREFIX . md5( '2099/0001' ) . '/lib-1500' ) . '%';
		return $wpdb->get_row( $wpdb->prepare( "EXPLAIN SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $like ), ARRAY_A );
	`);
	console.log(
		`  unique name for an upload ${s(uniqueName)}, WordPress alone ${s(uniqueNameCore)} (folder lookup: ${plan.type} on ${plan.key}, ${plan.rows} rows)`,
	);
	return { label, status, siteHealth, siteHealthOff, health, scan, verify, uniqueName };
}

function printTable(columns: Column[], notes: string[]): void {
	const row = (name: string, cell: (c: Column) => string) => console.log(`| ${name} | ${columns.map(cell).join(' | ')} |`);
	console.log(`\n| request | ${columns.map((c) => c.label).join(' | ')} |`);
	console.log(`|---|${columns.map(() => '---').join('|')}|`);
	row('Dashboard counts (`GET /media-cloud/v1/status`)', (c) => `${s(c.status.seconds)}, ${c.status.queries} queries`);
	row('`wp-admin/site-health.php`', (c) => `${s(c.siteHealth.seconds)}, ${c.siteHealth.queries} queries, ${mb(c.siteHealth.peakMb)}`);
	row(
		'`wp-admin/site-health.php`, plugin inactive',
		(c) => `${s(c.siteHealthOff.seconds)}, ${c.siteHealthOff.queries} queries, ${mb(c.siteHealthOff.peakMb)}`,
	);
	row('`POST /health`', (c) => `${s(c.health.seconds)}, ${mb(c.health.peakMb)}`);
	row('URL Replace scan of the same rows', (c) => `${s(c.scan.seconds)} (${c.scan.rows} rows)`);
	row('`wp media-cloud verify`', (c) => `${s(c.verify.seconds)}, ${mb(c.verify.peakMb)} peak`);
	row('Unique file name for one upload (`wp_unique_filename`)', (c) => s(c.uniqueName));
	for (const note of notes) console.log(`\n${note}`);
}

async function main(): Promise<void> {
	const stack = await startBenchStack(NAME, PORT);
	const columns: Column[] = [];
	const notes: string[] = [];
	try {
		const meter = new RequestMeter(stack.site, stack.wpEval);
		await meter.logIn();
		await seedLibrary(stack.wpEval, URL_REPLACE_TYPE, 500);
		let seeded = 0;
		for (const size of SIZES) {
			const made = await seedAttachments(stack.wpEval, stack.site.uploadsDir, seeded, size);
			console.log(`library: ${size} attachments (files ${made.fileSeconds.toFixed(1)} s, SQL ${made.sqlSeconds.toFixed(1)} s)`);
			// Rows written by bulk SQL reach URL Replace's index by file through its WP-Cron catch-up: run it as cron would.
			const indexSeconds = await stack.wpEval<number>(`
				$started = microtime( true );
				while ( ! WP_Media_Cloud\\Url_Replace\\Attached_File_Index::catch_up( 400000 ) ) {}
				return microtime( true ) - $started;
			`);
			notes.push(`Index by file caught up over ${size - seeded} new attachments in ${s(indexSeconds)} (WP-Cron's work after a bulk import).`);
			seeded = size;
			columns.push(await measureColumn(stack, meter, `${size / 1000}k, nothing offloaded`));
		}
		if (MIGRATE) {
			const size = SIZES[SIZES.length - 1];
			// At most 10,000 attachments (30,000 PUTs): the rate is flat past a few thousand, and the whole library would double the run.
			const raw = await rawPut(stack, Math.min(size, 10000), CONCURRENCY);
			const rawRate = raw.objects / raw.seconds;
			console.log(`raw PUT x${CONCURRENCY}: ${raw.objects} objects in ${s(raw.seconds)}, ${rawRate.toFixed(0)} objects/s`);
			meter.clearCallbacks();
			const run = await migrateAll(stack, CONCURRENCY);
			const rate = (run.done * 3) / run.seconds;
			const calls = meter.callbacks();
			const perItem = (part: string) => {
				const lines = calls.filter((line) => line.uri.includes(part));
				const items = lines.reduce((sum, line) => sum + line.items, 0);
				return {
					calls: lines.length,
					perItem: lines.reduce((sum, line) => sum + line.queries, 0) / Math.max(1, items),
					peakMb: Math.max(0, ...lines.map((line) => line.peak)) / 1048576,
				};
			};
			const page = perItem('/migration/page');
			const results = perItem('/migration/results');
			const db = await jobDatabaseMb(stack);
			notes.push(
				`Migration of ${size} attachments (${size * 3} files) x${CONCURRENCY}: ${s(run.seconds)}, ${run.done} done, ${run.failed} failed (${run.state}); ` +
					`${rate.toFixed(0)} objects/s = ${((rate / rawRate) * 100).toFixed(0)} % of the raw PUT loop (${rawRate.toFixed(0)} objects/s, same files, same run).`,
				`Callbacks: ${page.calls} page calls at ${page.perItem.toFixed(2)} queries per attachment (peak ${mb(page.peakMb)}), ` +
					`${results.calls} results calls at ${results.perItem.toFixed(2)} queries per attachment (peak ${mb(results.peakMb)}).`,
				`Job database after the run: ${db.mb.toFixed(1)} MB${db.pruned ? ' (pruned)' : ' (not pruned within a minute)'}.`,
			);
			console.log(notes.join('\n'));
			columns.push(await measureColumn(stack, meter, `${size / 1000}k, all offloaded`));
		}
		printTable(columns, notes);
	} finally {
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

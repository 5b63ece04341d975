// Benchmark: URL Replace over a library of 5,000 posts (plus 5,000 page-builder meta rows), on MariaDB.
//   npx tsx bench/url-replace.ts [--posts=5000]
// Times a full scan, a dry run, a replace and its undo, each in one PHP process, with the peak memory above
// what WordPress itself uses. Results go in docs/benchmarks.md ("URL Replace").
import { startBenchStack } from './support/bench-stack';
import { measure, seedLibrary } from './url-replace-workload';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const POSTS = Number(args.posts ?? 5000);
const TYPE = 'bench_page';

async function main(): Promise<void> {
	const stack = await startBenchStack('bench-url-replace', 8975);
	try {
		const seeded = Date.now();
		await seedLibrary(stack.wpEval, TYPE, POSTS);
		console.log(`seeded ${POSTS} posts in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
		const rows: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
		rows.push(['scan', await measure(stack.wpEval, [TYPE], 'scan')]);
		rows.push(['dry run', await measure(stack.wpEval, [TYPE], 'dry-run')]);
		const replace = await measure(stack.wpEval, [TYPE], 'replace');
		rows.push(['replace', replace]);
		rows.push(['undo', await measure(stack.wpEval, [TYPE], 'undo', replace.id)]);
		console.log(`\n| step | rows | URLs | time | rows/s | peak memory above WordPress |\n|---|---|---|---|---|---|`);
		for (const [step, r] of rows) {
			console.log(
				`| ${step} | ${r.rows} | ${r.urls} | ${r.seconds.toFixed(2)} s | ${Math.round(r.rows / r.seconds)} | ${(r.peakBytes / 1048576).toFixed(1)} MB |`,
			);
		}
	} finally {
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

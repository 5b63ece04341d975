// Benchmark: the bulk migration against the raw upload limit of the same machine.
//   npx tsx bench/migration.ts [--attachments=500] [--scale=2000] [--concurrency=8,16,32] [--rounds=7] [--latency-ms=0]
// 1. Builds a library of real attachments (~7 JPEG files each) in a fresh MariaDB site (bench-stack), whose
//    sidecar runs as the zip ships it (the esbuild bundle under plain node). Both sides are warmed up alike.
// 2. Raw limit: the same files PUT by a plain loop with the same SDK settings and file reads as the sidecar,
//    at each concurrency; the best one is the limit.
// 3. Paired rounds: a raw run and a migration (POST /migration, timed until WordPress has recorded every
//    attachment) back to back, order alternating, both writing new keys; the sidecar's memory sampled throughout.
// 4. Scale: a second library of --scale attachments migrated the same way, to see time grow linearly.
// Results go in docs/benchmarks.md ("Migration").
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import fs from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { readRunFile } from '../bin/dev/processes';
import { authHeader } from '../bin/dev/site';
import { sign } from '../sidecar/src/auth/signature';
import { startFaultProxy } from '../test/support/fault-proxy';
import { createLibrary, type LibraryItem } from '../test/support/library';
import { median, startBenchStack, type BenchStack } from './support/bench-stack';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const ATTACHMENTS = Number(args.attachments ?? 500);
const SCALE = Number(args.scale ?? 2000);
const CONCURRENCIES = String(args.concurrency ?? '8,16,32')
	.split(',')
	.map(Number);
const ROUNDS = Number(args.rounds ?? 7);
/** Holds every storage request this long (a proxy in front of s3rver), as a provider across the internet would. */
const LATENCY_MS = Number(args['latency-ms'] ?? 0);
const readWholeFile = promisify(fs.readFile);

/** The proxy's URL when --latency-ms is set: both the raw loop and the sidecar go through it. */
let storageEndpoint: string | undefined;

interface Measured {
	seconds: number;
	objects: number;
	bytes: number;
}
const perSecond = (m: Measured) => ({ objects_per_s: +(m.objects / m.seconds).toFixed(1), mb_per_s: +(m.bytes / 1e6 / m.seconds).toFixed(1) });

/** The same S3 client settings as sidecar/src/storage/s3-adapter.ts, nothing else around them. */
function plainClient(stack: BenchStack): S3Client {
	return new S3Client({
		endpoint: storageEndpoint ?? stack.site.s3Endpoint,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		requestHandler: new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }) }),
	});
}

async function rawPut(stack: BenchStack, library: LibraryItem[], concurrency: number, round: number): Promise<Measured> {
	const client = plainClient(stack);
	const files = library.flatMap((item) => Object.entries(item.files));
	let next = 0;
	let bytes = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < files.length) {
				const [file] = files[next++];
				// The same read as the sidecar's (callback readFile; fs.promises.readFile costs 3× the CPU on Node 20).
				const body = await readWholeFile(path.join(stack.site.uploadsDir, file));
				bytes += body.length;
				await client.send(
					new PutObjectCommand({
						Bucket: stack.site.bucket,
						Key: `raw-${round}/${file}`,
						Body: body,
						ContentType: 'image/jpeg',
						CacheControl: 'public, max-age=31536000, immutable',
					}),
				);
			}
		}),
	);
	client.destroy();
	return { seconds: (performance.now() - started) / 1000, objects: files.length, bytes };
}

async function rest(stack: BenchStack, method: string, route: string, body?: unknown): Promise<any> {
	const response = await fetch(`${stack.site.restUrl}media-cloud/v1${route}`, {
		method,
		headers: { Authorization: authHeader(stack.site), 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** Polls the sidecar directly (signed, as WordPress does): a WordPress request per poll would load the machine. */
async function sidecarProgress(stack: BenchStack): Promise<any> {
	const route = '/v1/migrations/current';
	const response = await fetch(`${stack.site.sidecarUrl}${route}`, { headers: { ...sign(stack.site.secret, 'GET', route, '') } });
	return response.json();
}

/** CPU seconds used so far by each server's process group, and by this process (the raw loop). */
function cpuSeconds(stack: BenchStack): Record<string, number> {
	const groups: Record<string, number> = {
		sidecar: readRunFile(stack.site.keys.sidecar)?.pid ?? -1,
		wordpress: readRunFile(stack.site.keys.php)?.pid ?? -1,
		mariadb: readRunFile(stack.site.mariadb?.key ?? '')?.pid ?? -1,
		s3rver: readRunFile('s3-bench-migration')?.pid ?? -1,
	};
	const ticks: Record<string, number> = { sidecar: 0, wordpress: 0, mariadb: 0, s3rver: 0 };
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const name = Object.keys(groups).find((key) => String(groups[key]) === fields[2]);
			if (name) ticks[name] += Number(fields[11]) + Number(fields[12]);
		} catch {
			// exited meanwhile
		}
	}
	const own = process.cpuUsage();
	return { ...Object.fromEntries(Object.entries(ticks).map(([k, v]) => [k, v / 100])), bench: (own.user + own.system) / 1e6 };
}

function sidecarRss(stack: BenchStack): number {
	const pid = readRunFile(stack.site.keys.sidecar)?.pid;
	const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function migrate(
	stack: BenchStack,
	library: LibraryItem[],
	concurrency: number,
): Promise<Measured & { rssStartMb: number; rssPeakMb: number; failed: number; rssByQuarter: number[]; timeline: Record<string, number> }> {
	const rssStart = sidecarRss(stack);
	let rssPeak = rssStart;
	const rssByQuarter: number[] = [];
	const started = performance.now();
	await rest(stack, 'POST', '/migration', { concurrency });
	let progress: any;
	// When the first attachment was confirmed and when the last one was (before WordPress acknowledged it):
	// the start and the end of a run are fixed costs a long run spreads out.
	let firstConfirmed = 0;
	let allConfirmed = 0;
	do {
		await new Promise((resolve) => setTimeout(resolve, 200));
		rssPeak = Math.max(rssPeak, sidecarRss(stack));
		progress = await sidecarProgress(stack);
		if (!firstConfirmed && progress.done > 0) firstConfirmed = performance.now();
		if (!allConfirmed && progress.total > 0 && progress.done + progress.failed >= progress.total) allConfirmed = performance.now();
		// RSS as the run advances: flat memory means the same at 25% as at 100%, whatever the library size.
		if (progress.total > 0 && progress.done >= ((rssByQuarter.length + 1) * progress.total) / 4) rssByQuarter.push(Math.round(sidecarRss(stack) / 1e6));
	} while (progress.state === 'running');
	const seconds = (performance.now() - started) / 1000;
	const timeline = {
		first_confirmed_s: +((firstConfirmed - started) / 1000).toFixed(2),
		all_confirmed_s: +((allConfirmed - started) / 1000).toFixed(2),
		acknowledged_s: +seconds.toFixed(2),
	};
	const files = library.flatMap((item) => Object.values(item.files));
	return {
		seconds,
		objects: files.length,
		bytes: files.reduce((sum, size) => sum + size, 0),
		rssStartMb: Math.round(rssStart / 1e6),
		rssPeakMb: Math.round(rssPeak / 1e6),
		rssByQuarter,
		failed: progress.failed,
		timeline,
	};
}

type Migrated = Awaited<ReturnType<typeof migrate>>;
interface Round {
	raw: Measured;
	run: Migrated;
}

async function setPluginSetting(stack: BenchStack, key: string, value: string): Promise<void> {
	await stack.wpEval(
		`$s = get_option( 'wp_media_cloud_settings', array() ); $s[${JSON.stringify(key)}] = ${JSON.stringify(value)}; update_option( 'wp_media_cloud_settings', $s ); return true;`,
	);
}

/** One raw run and one migration of the same library, back to back, with the CPU each cost every process. */
async function pairedRound(stack: BenchStack, library: LibraryItem[], concurrency: number, round: number): Promise<Round> {
	// New keys for the migration too, as the raw loop writes: overwriting an existing object costs s3rver far
	// less CPU than creating one (its folders exist), which would flatter the migration's later rounds.
	await setPluginSetting(stack, 'object_prefix', `migration-${round}/`);
	// Raw first in rounds 1, 3, 5…, migration first in the others: a machine slowing down or speeding up during
	// a pair favours neither.
	const cpu: Record<string, Record<string, number>> = {};
	let rawRun: Measured | undefined;
	let run: Migrated | undefined;
	for (const which of round % 2 === 0 ? ['raw', 'migration'] : ['migration', 'raw']) {
		const before = cpuSeconds(stack);
		if (which === 'raw') rawRun = await rawPut(stack, library, concurrency, 100 + round);
		else run = await migrate(stack, library, concurrency);
		cpu[which] = Object.fromEntries(Object.entries(cpuSeconds(stack)).map(([key, value]) => [key, value - before[key]]));
	}
	if (!rawRun || !run) throw new Error('a round did not run');
	const used = (key: string) =>
		Object.entries(cpu[key])
			.map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
			.join(', ');
	console.log(`  CPU s, raw: ${used('raw')} | migration: ${used('migration')}`);
	console.log(
		`round ${round + 1}: raw x${concurrency}`,
		perSecond(rawRun),
		`| migration x${concurrency}`,
		perSecond(run),
		`${run.seconds.toFixed(1)} s, ${((rawRun.seconds / run.seconds) * 100).toFixed(0)}% of raw; sidecar RSS ${run.rssStartMb} → peak ${run.rssPeakMb} MB (at 25/50/75/100%: ${run.rssByQuarter.join(', ')}), failed ${run.failed}`,
		run.timeline,
	);
	return { raw: rawRun, run };
}

async function main(): Promise<void> {
	const stack = await startBenchStack('bench-migration', 8950);
	const proxy = LATENCY_MS > 0 ? await startFaultProxy(stack.site.s3Endpoint, { stall: 1, stallMs: LATENCY_MS }) : null;
	try {
		if (proxy) {
			storageEndpoint = proxy.url;
			await setPluginSetting(stack, 'endpoint', proxy.url);
			console.log(`every storage request held ${LATENCY_MS} ms by a proxy (${proxy.url})`);
		}
		// Warm-up (not counted), the same for both sides: the file cache, s3rver's folders, the connection pools and
		// the JIT of the bench process and of the sidecar (a fresh sidecar's first run costs up to a third more CPU).
		// The warm-up attachments are deleted afterwards, so they are not part of any measured run.
		const warmUp = await createLibrary(stack.site, 'warm-up', 50);
		await rawPut(stack, warmUp, 16, 99);
		await migrate(stack, warmUp, 16);
		await stack.wpEval(`foreach ( ${JSON.stringify(warmUp.map((item) => item.id))} as $id ) { wp_delete_attachment( $id, true ); } return true;`);

		let seconds = performance.now();
		const library = await createLibrary(stack.site, 'lib-a', ATTACHMENTS);
		const objects = library.reduce((sum, item) => sum + Object.keys(item.files).length, 0);
		console.log(`library: ${ATTACHMENTS} attachments, ${objects} files, made in ${((performance.now() - seconds) / 1000).toFixed(1)} s`);

		const raw: Record<number, Measured> = {};
		for (const [round, concurrency] of CONCURRENCIES.entries()) {
			raw[concurrency] = await rawPut(stack, library, concurrency, round);
			console.log(`raw PUT x${concurrency}:`, perSecond(raw[concurrency]));
		}
		const best = CONCURRENCIES.reduce((a, b) => (raw[a].seconds <= raw[b].seconds ? a : b));

		// The machine is shared with other work: pair each migration with a raw run, over several rounds, and
		// report medians. Between rounds the records are removed so the same library migrates again.
		const rounds: Round[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			rounds.push(await pairedRound(stack, library, best, round));
			if (round < ROUNDS - 1) await stack.wpEval(`delete_post_meta_by_key( '_wp_media_cloud' ); return true;`);
		}
		const run = rounds.map((r) => r.run).sort((a, b) => a.seconds - b.seconds)[Math.floor(ROUNDS / 2)];
		console.log(
			`median: raw ${median(rounds.map((r) => r.raw.objects / r.raw.seconds)).toFixed(1)} objects/s, migration ${median(rounds.map((r) => r.run.objects / r.run.seconds)).toFixed(1)} objects/s, paired ratio ${(median(rounds.map((r) => r.raw.seconds / r.run.seconds)) * 100).toFixed(0)}%`,
		);

		if (SCALE > 0) {
			seconds = performance.now();
			const big = await createLibrary(stack.site, 'lib-b', SCALE);
			console.log(`library: +${SCALE} attachments in ${((performance.now() - seconds) / 1000).toFixed(1)} s`);
			const scaled = await migrate(stack, big, best);
			console.log(
				`migration of ${SCALE} x${best}:`,
				perSecond(scaled),
				`${scaled.seconds.toFixed(1)} s (${(scaled.seconds / run.seconds).toFixed(2)}× the time of ${ATTACHMENTS}), sidecar RSS peak ${scaled.rssPeakMb} MB (at 25/50/75/100%: ${scaled.rssByQuarter.join(', ')}), failed ${scaled.failed}`,
			);
		}
	} finally {
		await proxy?.close();
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

// Benchmark: the bulk migration against the raw upload limit of the same machine.
//   npx tsx bench/migration.ts [--attachments=500] [--scale=2000] [--concurrency=8,16,32]
// 1. Builds a library of real attachments (~7 JPEG files each) in a fresh MariaDB site (bench-stack).
// 2. Raw limit: the same files PUT by a plain loop with the same SDK settings as the sidecar, at each
//    concurrency; the best one is the limit.
// 3. Migration: POST /migration at that concurrency, timed until WordPress has recorded every attachment,
//    with the sidecar's memory (RSS) sampled throughout.
// 4. Scale: a second library of --scale attachments migrated the same way, to see time grow linearly.
// Results go in docs/benchmarks.md ("Migration").
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import fs from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import path from 'node:path';
import { readRunFile } from '../bin/dev/processes';
import { authHeader } from '../bin/dev/site';
import { sign } from '../sidecar/src/auth/signature';
import { createLibrary, type LibraryItem } from '../test/migration/library';
import { startBenchStack, type BenchStack } from './support/bench-stack';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const ATTACHMENTS = Number(args.attachments ?? 500);
const SCALE = Number(args.scale ?? 2000);
const CONCURRENCIES = String(args.concurrency ?? '8,16,32').split(',').map(Number);

interface Measured {
	seconds: number;
	objects: number;
	bytes: number;
}
const perSecond = (m: Measured) => ({ objects_per_s: +(m.objects / m.seconds).toFixed(1), mb_per_s: +(m.bytes / 1e6 / m.seconds).toFixed(1) });

/** The same S3 client settings as sidecar/src/storage/s3-adapter.ts, nothing else around them. */
function plainClient(stack: BenchStack): S3Client {
	return new S3Client({
		endpoint: stack.site.s3Endpoint,
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
				const body = await fs.promises.readFile(path.join(stack.site.uploadsDir, file));
				bytes += body.length;
				await client.send(new PutObjectCommand({ Bucket: stack.site.bucket, Key: `raw-${round}/${file}`, Body: body, ContentType: 'image/jpeg', CacheControl: 'public, max-age=31536000, immutable' }));
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

function sidecarRss(stack: BenchStack): number {
	const pid = readRunFile(stack.site.keys.sidecar)?.pid;
	const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function migrate(stack: BenchStack, library: LibraryItem[], concurrency: number): Promise<Measured & { rssStartMb: number; rssPeakMb: number; failed: number }> {
	const rssStart = sidecarRss(stack);
	let rssPeak = rssStart;
	const started = performance.now();
	await rest(stack, 'POST', '/migration', { concurrency });
	let progress: any;
	do {
		await new Promise((resolve) => setTimeout(resolve, 200));
		rssPeak = Math.max(rssPeak, sidecarRss(stack));
		progress = await sidecarProgress(stack);
	} while (progress.state === 'running');
	const seconds = (performance.now() - started) / 1000;
	const files = library.flatMap((item) => Object.values(item.files));
	return {
		seconds,
		objects: files.length,
		bytes: files.reduce((sum, size) => sum + size, 0),
		rssStartMb: Math.round(rssStart / 1e6),
		rssPeakMb: Math.round(rssPeak / 1e6),
		failed: progress.failed,
	};
}

async function main(): Promise<void> {
	const stack = await startBenchStack('bench-migration', 8950);
	try {
		let seconds = performance.now();
		const library = await createLibrary(stack.site, 'lib-a', ATTACHMENTS);
		const objects = library.reduce((sum, item) => sum + Object.keys(item.files).length, 0);
		console.log(`library: ${ATTACHMENTS} attachments, ${objects} files, made in ${((performance.now() - seconds) / 1000).toFixed(1)} s`);

		// Warm-up (not counted): the file cache, s3rver's folders and the connection pool.
		await rawPut(stack, library.slice(0, 50), 16, 99);
		const raw: Record<number, Measured> = {};
		for (const [round, concurrency] of CONCURRENCIES.entries()) {
			raw[concurrency] = await rawPut(stack, library, concurrency, round);
			console.log(`raw PUT x${concurrency}:`, perSecond(raw[concurrency]));
		}
		const best = CONCURRENCIES.reduce((a, b) => (raw[a].seconds <= raw[b].seconds ? a : b));

		const run = await migrate(stack, library, best);
		console.log(`migration x${best}:`, perSecond(run), `${run.seconds.toFixed(1)} s, sidecar RSS ${run.rssStartMb} → peak ${run.rssPeakMb} MB, failed ${run.failed}`);
		// The machine is shared: measure the raw limit again right after, and compare with both.
		const rawAfter = await rawPut(stack, library, best, CONCURRENCIES.length);
		console.log(`raw PUT x${best} again:`, perSecond(rawAfter));
		console.log(`migration / raw limit: ${((raw[best].seconds / run.seconds) * 100).toFixed(0)}% (before), ${((rawAfter.seconds / run.seconds) * 100).toFixed(0)}% (after)`);

		if (SCALE > 0) {
			seconds = performance.now();
			const big = await createLibrary(stack.site, 'lib-b', SCALE);
			console.log(`library: +${SCALE} attachments in ${((performance.now() - seconds) / 1000).toFixed(1)} s`);
			const scaled = await migrate(stack, big, best);
			console.log(`migration of ${SCALE} x${best}:`, perSecond(scaled), `${scaled.seconds.toFixed(1)} s (${(scaled.seconds / run.seconds).toFixed(2)}× the time of ${ATTACHMENTS}), sidecar RSS peak ${scaled.rssPeakMb} MB, failed ${scaled.failed}`);
		}
	} finally {
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

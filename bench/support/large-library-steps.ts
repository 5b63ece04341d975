// The measured steps of bench/large-library.ts that are more than one request: `wp media-cloud verify` under the
// real WP-CLI, the bulk migration timed against a raw PUT loop, and the sidecar's job database on disk.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sidecarDataDir } from '../../bin/dev/paths';
import { findWpCliPhar, WP_CLI_NOT_FOUND } from '../../bin/dev/wp-cli-phar';
import { authHeader } from '../../bin/dev/site';
import { sign } from '../../sidecar/src/auth/signature';
import type { BenchStack } from './bench-stack';
import { folderOf, SIZES } from './large-library-seed';

const readWholeFile = promisify(fs.readFile);
const WP_CLI = findWpCliPhar() ?? WP_CLI_NOT_FOUND;

/** Runs `wp media-cloud verify` in its own PHP process; answers its peak PHP memory and time. */
export function verifyPeak(stack: BenchStack): { seconds: number; peakMb: number; exit: number | null } {
	const probe = path.join(os.tmpdir(), `wpmc-bench-peak-${process.pid}.php`);
	const out = path.join(os.tmpdir(), `wpmc-bench-peak-${process.pid}.txt`);
	fs.writeFileSync(
		probe,
		`<?php register_shutdown_function( static fn () => file_put_contents( ${JSON.stringify(out)}, (string) memory_get_peak_usage() ) );\n`,
	);
	const started = performance.now();
	// memory_limit=-1: the measurement is the peak, not whether it fits a limit.
	const run = spawnSync(
		'php',
		[
			'-d',
			'memory_limit=-1',
			WP_CLI,
			`--path=${stack.site.dir}`,
			`--url=${stack.site.url}`,
			`--require=${probe}`,
			'--allow-root',
			'media-cloud',
			'verify',
			'--format=json',
		],
		{ encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	const seconds = (performance.now() - started) / 1000;
	if (run.status !== 0) console.warn(`  verify exited ${run.status}: ${(run.stderr || '').slice(-500)}`);
	const peak = fs.existsSync(out) ? Number(fs.readFileSync(out, 'utf8')) : NaN;
	fs.rmSync(probe, { force: true });
	fs.rmSync(out, { force: true });
	return { seconds, peakMb: peak / 1048576, exit: run.status };
}

/** The same files PUT by a plain loop with the sidecar's S3 settings (bench/migration.ts explains why). */
export async function rawPut(stack: BenchStack, attachments: number, concurrency: number): Promise<{ seconds: number; objects: number }> {
	const client = new S3Client({
		endpoint: stack.site.s3Endpoint,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		requestHandler: new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }) }),
	});
	const files: string[] = [];
	for (let n = 0; n < attachments; n++) files.push(`${folderOf(n)}/lib-${n}.jpg`, ...SIZES.map((size) => `${folderOf(n)}/lib-${n}-${size}.jpg`));
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < files.length) {
				const file = files[next++];
				// The same read as the sidecar's (callback readFile; fs.promises.readFile costs 3x the CPU on Node 20).
				const body = await readWholeFile(path.join(stack.site.uploadsDir, file));
				await client.send(
					new PutObjectCommand({
						Bucket: stack.site.bucket,
						Key: `raw/${file}`,
						Body: body,
						ContentType: 'image/jpeg',
						CacheControl: 'public, max-age=31536000, immutable',
					}),
				);
			}
		}),
	);
	client.destroy();
	return { seconds: (performance.now() - started) / 1000, objects: files.length };
}

/** POST /migration, then polls the sidecar (signed, as WordPress does) until the run has ended. */
export async function migrateAll(stack: BenchStack, concurrency: number): Promise<{ seconds: number; done: number; failed: number; state: string }> {
	const started = performance.now();
	const response = await fetch(`${stack.site.restUrl}media-cloud/v1/migration`, {
		method: 'POST',
		headers: { Authorization: authHeader(stack.site), 'Content-Type': 'application/json' },
		body: JSON.stringify({ concurrency }),
	});
	if (!response.ok) throw new Error(`POST /migration: ${response.status} ${await response.text()}`);
	let progress: { state: string; done: number; failed: number; total: number };
	let reported = 0;
	do {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const route = '/v1/migrations/current';
		progress = await (await fetch(`${stack.site.sidecarUrl}${route}`, { headers: { ...sign(stack.site.secret, 'GET', route, '') } })).json();
		if (performance.now() - reported > 30_000) {
			reported = performance.now();
			console.log(`  migration: ${progress.done}/${progress.total} after ${((reported - started) / 1000).toFixed(0)} s`);
		}
	} while (progress.state === 'running');
	return { seconds: (performance.now() - started) / 1000, done: progress.done, failed: progress.failed, state: progress.state };
}

/**
 * The job database's files (database and write-ahead log), in MB, once the sidecar has pruned the finished run
 * (it does so when WordPress has acknowledged every result: `runs.pruned` is set) and compacted it. Waits up to
 * a minute for each.
 */
export async function jobDatabaseMb(stack: BenchStack): Promise<{ mb: number; pruned: boolean }> {
	const dir = path.join(sidecarDataDir, stack.site.name);
	let pruned = false;
	for (let waited = 0; waited < 60_000 && !pruned; waited += 500) {
		const db = new Database(path.join(dir, 'jobs.sqlite'), { readonly: true, fileMustExist: true });
		try {
			pruned =
				(db.prepare("SELECT pruned FROM runs WHERE kind = 'migrate' ORDER BY id DESC LIMIT 1").get() as { pruned: string | null } | undefined)
					?.pruned != null;
		} finally {
			db.close();
		}
		if (!pruned) await new Promise((resolve) => setTimeout(resolve, 500));
	}
	// The sidecar compacts the file right after pruning (VACUUM, then a checkpoint): measure once the size holds.
	let mb = filesMb(dir);
	for (let waited = 0; pruned && waited < 60_000; waited += 1000) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const now = filesMb(dir);
		if (now === mb) break;
		mb = now;
	}
	return { mb, pruned };
}

function filesMb(dir: string): number {
	let bytes = 0;
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (file.startsWith('jobs.sqlite')) bytes += fs.statSync(path.join(dir, file)).size;
	}
	return bytes / 1048576;
}

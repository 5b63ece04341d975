// Benchmark: one big file up and back down through the sidecar's own code, against a plain multipart upload
// (and download) with the same SDK, on s3rver over loopback.
//   npm run bench -- big-file [--mb=1024] [--rounds=3] [--port=9150]
// 1. Starts s3rver (bin/dev/s3-server.ts, a process of its own) on --port in a temporary folder, and writes a file
//    of --mb MiB of random bytes.
// 2. Each measured step runs in a child process of its own, so its peak RSS (getrusage maxrss) is its own:
//    - sidecar upload: uploadFiles() (files/upload-files.ts) through the S3 adapter, as POST /v1/offloads does;
//    - plain upload: @aws-sdk/lib-storage Upload of fs.createReadStream() with its defaults (5 MiB parts, 4 at once);
//    - sidecar download back: restoreFiles() (files/restore-files.ts), as a download-back job does;
//    - plain download: GetObject piped to a file;
//    - whole-object download: GetObject read into one buffer, then written (what download back did before).
//    The order alternates between rounds; medians are reported. Every copy is compared with the original (sha256).
// Results go in docs/benchmarks.md ("Big files").
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { restoreFiles } from '../sidecar/src/files/restore-files';
import { uploadFiles } from '../sidecar/src/files/upload-files';
import { adapterFor } from '../sidecar/src/storage/registry';
import { median } from './support/bench-stack';

// Node 20 is this project's platform; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const MIB = 1024 * 1024;
const BUCKET = 'big-file-bench';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

type Step = 'sidecar-upload' | 'plain-upload' | 'sidecar-download' | 'plain-download' | 'whole-download';

interface Measured {
	step: Step;
	seconds: number;
	/** Peak resident memory of the child process over its whole life, MiB. */
	peakRssMib: number;
	/** Resident memory just before the step started (modules loaded), MiB. */
	baseRssMib: number;
	sha256: string;
}

/** Runs in a child process: one step, then prints what it measured as one JSON line. */
async function child(step: Step, endpoint: string, uploadsDir: string, relativePath: string, key: string): Promise<void> {
	const storage = {
		provider: 's3-compatible',
		endpoint,
		region: 'us-east-1',
		bucket: BUCKET,
		access_key: CREDENTIALS.accessKeyId,
		secret_key: CREDENTIALS.secretAccessKey,
		path_style: true,
	};
	const client = new S3Client({
		endpoint,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: CREDENTIALS,
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
	const local = path.join(uploadsDir, relativePath);
	const restored = path.join(uploadsDir, 'restored', relativePath);
	fs.rmSync(restored, { force: true });
	global.gc?.();
	const baseRss = process.memoryUsage().rss;
	const started = process.hrtime.bigint();
	let written = local;
	switch (step) {
		case 'sidecar-upload':
			await uploadFiles(adapterFor(storage), uploadsDir, [{ path: relativePath, key: `sidecar/${key}`, content_type: 'video/mp4' }], {
				cacheControl: 'public, max-age=60',
				verify: true,
			});
			break;
		case 'plain-upload':
			await new Upload({ client, params: { Bucket: BUCKET, Key: `plain/${key}`, Body: fs.createReadStream(local), ContentType: 'video/mp4' } }).done();
			break;
		case 'sidecar-download':
			await restoreFiles(adapterFor(storage), uploadsDir, [{ path: path.join('restored', relativePath), key: `sidecar/${key}` }]);
			written = restored;
			break;
		case 'plain-download': {
			const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `plain/${key}` }));
			fs.mkdirSync(path.dirname(restored), { recursive: true });
			await pipeline(object.Body as NodeJS.ReadableStream, fs.createWriteStream(restored));
			written = restored;
			break;
		}
		case 'whole-download': {
			const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `plain/${key}` }));
			fs.mkdirSync(path.dirname(restored), { recursive: true });
			fs.writeFileSync(restored, Buffer.from(await object.Body!.transformToByteArray()));
			written = restored;
			break;
		}
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const peakRssMib = process.resourceUsage().maxRSS / 1024;
	const sha256 = step.endsWith('upload') ? '' : await fileSha256(written);
	const measured: Measured = { step, seconds, peakRssMib, baseRssMib: baseRss / MIB, sha256 };
	process.stdout.write(`${JSON.stringify(measured)}\n`);
}

async function fileSha256(file: string): Promise<string> {
	const hash = createHash('sha256');
	await pipeline(fs.createReadStream(file), hash);
	return hash.digest('hex');
}

function runStep(step: Step, endpoint: string, uploadsDir: string, relativePath: string, key: string): Measured {
	const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
	const result = spawnSync(
		tsx,
		[__filename, `--child=${step}`, `--endpoint=${endpoint}`, `--uploads=${uploadsDir}`, `--path=${relativePath}`, `--key=${key}`],
		{
			encoding: 'utf8',
			env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', WPMC_LOG_LEVEL: 'warn' },
			maxBuffer: 16 * MIB,
		},
	);
	const line = result.stdout.trim().split('\n').pop() ?? '';
	if (result.status !== 0 || !line.startsWith('{')) throw new Error(`${step} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
	return JSON.parse(line) as Measured;
}

async function main(): Promise<void> {
	const sizeMib = Number(args.mb ?? 1024);
	const rounds = Number(args.rounds ?? 3);
	const port = Number(args.port ?? 9150);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-big-file-'));
	const uploadsDir = path.join(work, 'uploads');
	const relativePath = '2026/11/big.mp4';
	fs.mkdirSync(path.join(uploadsDir, '2026/11'), { recursive: true });
	const endpoint = `http://127.0.0.1:${port}`;
	const server = spawn(
		process.execPath,
		[
			'--openssl-legacy-provider',
			'--import',
			'tsx',
			path.join(__dirname, '..', 'bin', 'dev', 's3-server.ts'),
			'--port',
			String(port),
			'--dir',
			path.join(work, 's3'),
		],
		{
			stdio: 'ignore',
		},
	);
	try {
		const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
		for (let tries = 0; ; tries++) {
			try {
				await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
				break;
			} catch (error) {
				if (tries > 100) throw error;
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
		process.stdout.write(`writing ${sizeMib} MiB of random bytes…\n`);
		const file = fs.openSync(path.join(uploadsDir, relativePath), 'w');
		for (let written = 0; written < sizeMib; written += 16) fs.writeSync(file, randomBytes(Math.min(16, sizeMib - written) * MIB));
		fs.closeSync(file);
		const original = await fileSha256(path.join(uploadsDir, relativePath));

		const results: Measured[] = [];
		for (let round = 0; round < rounds; round++) {
			const key = `round-${round}/big.mp4`;
			const uploads: Step[] = round % 2 ? ['plain-upload', 'sidecar-upload'] : ['sidecar-upload', 'plain-upload'];
			const downloads: Step[] =
				round % 2 ? ['whole-download', 'plain-download', 'sidecar-download'] : ['sidecar-download', 'plain-download', 'whole-download'];
			for (const step of [...uploads, ...downloads]) {
				const measured = runStep(step, endpoint, uploadsDir, relativePath, key);
				if (measured.sha256 && measured.sha256 !== original) throw new Error(`${step}: the copy differs from the original`);
				results.push(measured);
				process.stdout.write(
					`round ${round + 1} ${step.padEnd(16)} ${measured.seconds.toFixed(1).padStart(6)} s  peak RSS ${measured.peakRssMib.toFixed(0).padStart(5)} MiB (at start ${measured.baseRssMib.toFixed(0)} MiB)\n`,
				);
			}
			fs.rmSync(path.join(work, 's3', BUCKET), { recursive: true, force: true });
			await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
		}
		process.stdout.write(
			`\n${sizeMib} MiB, ${rounds} rounds, medians:\n| step | time (s) | MiB/s | peak RSS (MiB) | RSS at start (MiB) |\n|---|---|---|---|---|\n`,
		);
		for (const step of ['sidecar-upload', 'plain-upload', 'sidecar-download', 'plain-download', 'whole-download'] as Step[]) {
			const of = results.filter((r) => r.step === step);
			const seconds = median(of.map((r) => r.seconds));
			process.stdout.write(
				`| ${step} | ${seconds.toFixed(1)} | ${(sizeMib / seconds).toFixed(0)} | ${median(of.map((r) => r.peakRssMib)).toFixed(0)} | ${median(of.map((r) => r.baseRssMib)).toFixed(0)} |\n`,
			);
		}
	} finally {
		server.kill();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

if (args.child) {
	child(args.child as Step, args.endpoint, args.uploads, args.path, args.key).catch((error) => {
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		process.exit(1);
	});
} else {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		process.exit(1);
	});
}

// POST /v1/restores against the running sidecar of the SQLite site: offloaded files come back on disk while
// WordPress waits (image editor, `wp media regenerate`). Objects are put into the bucket with an independent
// S3 client, so only the sidecar's restore path is under test.
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { s3rverStorage, sidecarPost } from '../support/sidecar-request';
import { createS3Client, getSite } from '../support/stack';
import { startHoldingProxy } from './holding-proxy';

const site = getSite('sqlite');
const s3 = createS3Client(site);
// A folder of this run only, under uploads and under the bucket prefix.
const folder = `restore-test-${Date.now()}-${randomBytes(3).toString('hex')}`;
const keyOf = (relativePath: string) => `wp-content/uploads/${relativePath}`;
const keys: string[] = [];

async function putObject(relativePath: string, body: Buffer): Promise<string> {
	const key = keyOf(relativePath);
	await s3.send(new PutObjectCommand({ Bucket: site.s3.bucket, Key: key, Body: body, ContentLength: body.length }));
	keys.push(key);
	return key;
}

const restore = (files: Array<{ path: string; key: string }>) => sidecarPost(site, '/v1/restores', { storage: s3rverStorage(site), files });

/** Every file under a folder, relative to it: shows that nothing else (no temporary file) was left behind. */
function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(dir, entry)).isFile()).sort();
}

afterAll(async () => {
	fs.rmSync(path.join(site.uploadsDir, folder), { recursive: true, force: true });
	if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: site.s3.bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
});

test('files removed locally come back on disk byte for byte, in new folders too, with no temporary file left', async () => {
	const files = await Promise.all(
		['2026/11/photo.jpg', '2026/11/photo-150x150.jpg', '2026/11/photo-1024x683.jpg', '2026/11/sub dir/é clip.mp4'].map(async (name, index) => {
			const relativePath = `${folder}/${name}`;
			const body = randomBytes(1024 * (index * 200 + 1));
			return { path: relativePath, key: await putObject(relativePath, body), body };
		}),
	);
	const answer = await restore(files.map(({ path: p, key }) => ({ path: p, key })));
	expect(answer.status).toBe(200);
	expect(answer.body).toEqual({ files: files.map(({ path: p }) => ({ path: p, restored: true })) });
	for (const file of files) {
		expect(fs.readFileSync(path.join(site.uploadsDir, file.path)).equals(file.body)).toBe(true);
	}
	expect(filesUnder(path.join(site.uploadsDir, folder, '2026/11'))).toEqual(['photo-1024x683.jpg', 'photo-150x150.jpg', 'photo.jpg', 'sub dir/é clip.mp4']);
});

test('a file already on disk is not overwritten (restored: false), the others of the request are restored', async () => {
	const kept = `${folder}/kept/a.jpg`;
	const missing = `${folder}/kept/a-300x200.jpg`;
	fs.mkdirSync(path.dirname(path.join(site.uploadsDir, kept)), { recursive: true });
	fs.writeFileSync(path.join(site.uploadsDir, kept), 'the local copy WordPress has');
	const keptKey = await putObject(kept, Buffer.from('what the bucket holds'));
	const missingBody = randomBytes(4096);
	const missingKey = await putObject(missing, missingBody);

	const answer = await restore([
		{ path: kept, key: keptKey },
		{ path: missing, key: missingKey },
	]);
	expect(answer.status).toBe(200);
	expect(answer.body.files).toEqual([
		{ path: kept, restored: false },
		{ path: missing, restored: true },
	]);
	expect(fs.readFileSync(path.join(site.uploadsDir, kept), 'utf8')).toBe('the local copy WordPress has');
	expect(fs.readFileSync(path.join(site.uploadsDir, missing)).equals(missingBody)).toBe(true);
});

test('an object missing from the bucket gives E_FILE_MISSING and writes nothing', async () => {
	const relativePath = `${folder}/gone/2026/11/never-uploaded.jpg`;
	const answer = await restore([{ path: relativePath, key: keyOf(relativePath) }]);
	expect(answer.status).toBe(422);
	expect(answer.body).toMatchObject({ code: 'E_FILE_MISSING', message: expect.stringContaining('never-uploaded.jpg'), remedy: expect.any(String) });
	expect(fs.existsSync(path.join(site.uploadsDir, folder, 'gone'))).toBe(false);
});

/** Polls until `check` returns a value (the sidecar works on its own pace); fails with `what` after a minute. */
async function waitFor<T>(what: string, check: () => T | undefined | false): Promise<T> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const found = check();
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`Still waiting for ${what} after 60 s`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

// What download back refuses before it asks the storage (paths leaving uploads, symlinks, names a server runs):
// test/unit/restore-destinations.test.ts.
describe('download back writes all the files of a request or none', () => {
	test('an object missing from the bucket fails the whole request: the files of the same request that exist are not written either', async () => {
		const dir = `${folder}/half/2026/11`;
		const present = `${dir}/present.jpg`;
		const presentKey = await putObject(present, randomBytes(64 * 1024));
		const answer = await restore([
			{ path: present, key: presentKey },
			{ path: `${dir}/gone.jpg`, key: keyOf(`${dir}/gone.jpg`) },
		]);
		expect(answer.status).toBe(422);
		expect(answer.body.code).toBe('E_FILE_MISSING');
		expect(fs.existsSync(path.join(site.uploadsDir, folder, 'half'))).toBe(false);
	});
});

describe('download back streams each object to disk', () => {
	const BIG = 40 * 1024 * 1024;
	const HOLD_AT = 8 * 1024 * 1024;

	test('a 40 MB object is written to a temporary file as it arrives and renamed once whole', async () => {
		const relativePath = `${folder}/stream/2026/11/clip.mp4`;
		const body = randomBytes(BIG);
		const key = await putObject(relativePath, body);
		const proxy = await startHoldingProxy(site.s3.endpoint, `/${site.s3.bucket}/${key}`, HOLD_AT);
		try {
			const answer = restoreThrough(proxy.url, [{ path: relativePath, key }]);
			await proxy.held;
			// While the storage holds the rest, the first bytes are already on disk under a temporary name: the
			// object is not gathered in memory first.
			const dir = path.dirname(path.join(site.uploadsDir, relativePath));
			const partial = await waitFor('a temporary file with the first bytes', () => {
				const found = fs.existsSync(dir) && fs.readdirSync(dir).find((name) => name.endsWith('.wpmc-partial'));
				return found && fs.statSync(path.join(dir, found)).size > 0 ? found : undefined;
			});
			expect(partial).toMatch(/^clip\.mp4\.[0-9a-f]+\.wpmc-partial$/);
			expect(fs.existsSync(path.join(dir, 'clip.mp4'))).toBe(false);
			proxy.release();
			const done = await answer;
			expect(done.status).toBe(200);
			expect(done.body.files).toEqual([{ path: relativePath, restored: true }]);
			expect(fs.readFileSync(path.join(dir, 'clip.mp4')).equals(body)).toBe(true);
			expect(fs.readdirSync(dir)).toEqual(['clip.mp4']);
		} finally {
			await proxy.close();
		}
	}, 120_000);

	test('a file WordPress writes while the download runs is kept: the older copy from the bucket never replaces it', async () => {
		const relativePath = `${folder}/meanwhile/2026/11/photo-1024x683.jpg`;
		const key = await putObject(relativePath, randomBytes(BIG));
		const proxy = await startHoldingProxy(site.s3.endpoint, `/${site.s3.bucket}/${key}`, HOLD_AT);
		try {
			const answer = restoreThrough(proxy.url, [{ path: relativePath, key }]);
			await proxy.held;
			// As `wp media regenerate` or the image editor would, while the restore was waiting for the bucket.
			const file = path.join(site.uploadsDir, relativePath);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, 'the size WordPress just made');
			proxy.release();
			const done = await answer;
			expect(done.status).toBe(200);
			expect(done.body.files).toEqual([{ path: relativePath, restored: false }]);
			expect(fs.readFileSync(file, 'utf8')).toBe('the size WordPress just made');
			expect(fs.readdirSync(path.dirname(file))).toEqual(['photo-1024x683.jpg']);
		} finally {
			await proxy.close();
		}
	}, 120_000);

	test('a folder swapped for a symlink to elsewhere while the file downloads: nothing is written outside uploads', async () => {
		const relativePath = `${folder}/swap/2026/11/clip.mp4`;
		const key = await putObject(relativePath, randomBytes(BIG));
		const year = path.join(site.uploadsDir, folder, 'swap', '2026');
		fs.mkdirSync(path.join(year, '11'), { recursive: true });
		const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-restore-swap-'));
		fs.mkdirSync(path.join(elsewhere, '11'));
		const proxy = await startHoldingProxy(site.s3.endpoint, `/${site.s3.bucket}/${key}`, HOLD_AT);
		try {
			const answer = restoreThrough(proxy.url, [{ path: relativePath, key }]);
			await proxy.held;
			// The check of the path has passed; now the folder on the way becomes a symlink that leads outside.
			fs.renameSync(year, `${year}-moved`);
			fs.symlinkSync(elsewhere, year);
			proxy.release();
			const done = await answer;
			expect(done.status).toBe(403);
			expect(done.body).toMatchObject({ code: 'E_PATH_OUTSIDE_UPLOADS', remedy: expect.any(String) });
			expect(filesUnder(elsewhere)).toEqual([]);
		} finally {
			await proxy.close();
			fs.rmSync(elsewhere, { recursive: true, force: true });
		}
	}, 120_000);
});

const restoreThrough = (endpoint: string, files: Array<{ path: string; key: string }>) =>
	sidecarPost(site, '/v1/restores', { storage: s3rverStorage(site, endpoint), files });

// Files above the sidecar's 16 MiB threshold go up as multipart uploads through the upload path WordPress uses
// (POST /v1/offloads on the stack's sidecar), with a fault proxy (test/support/fault-proxy.ts) in front of
// s3rver that fails chosen parts: each part is retried on its own, and a failed upload is aborted.
// docs/benchmarks.md ("Big files") measures a 1 GB file; a 40 MB one shows the behaviour here.
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startFaultProxy, type FaultProxy, type LoggedRequest } from '../support/fault-proxy';
import { adapterFor } from '../../sidecar/src/storage/registry';
import { startBunnyFake } from '../support/bunny-fake';
import { s3rverStorage, sidecarPost } from '../support/sidecar-request';
import { createS3Client, getSite } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);
const folder = `big-files-${Date.now()}-${randomBytes(3).toString('hex')}`;
const keyOf = (relativePath: string) => `wp-content/uploads/${relativePath}`;
const SIZE = 40 * 1024 * 1024;
const PART = 8 * 1024 * 1024;
const uploadedKeys: string[] = [];
let proxy: FaultProxy;

beforeAll(async () => {
	proxy = await startFaultProxy(site.s3.endpoint);
});

afterAll(async () => {
	await proxy?.close();
	fs.rmSync(path.join(site.uploadsDir, folder), { recursive: true, force: true });
	if (uploadedKeys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: site.s3.bucket, Delete: { Objects: uploadedKeys.map((Key) => ({ Key })) } }));
});

function writeLocal(name: string): { path: string; key: string; body: Buffer } {
	const relativePath = `${folder}/2026/11/${name}`;
	const body = randomBytes(SIZE);
	fs.mkdirSync(path.dirname(path.join(site.uploadsDir, relativePath)), { recursive: true });
	fs.writeFileSync(path.join(site.uploadsDir, relativePath), body);
	uploadedKeys.push(keyOf(relativePath));
	return { path: relativePath, key: keyOf(relativePath), body };
}

const offload = (file: { path: string; key: string }) =>
	sidecarPost(site, '/v1/offloads', {
		storage: s3rverStorage(site, proxy.url),
		cache_control: 'public, max-age=60',
		verify: true,
		files: [{ path: file.path, key: file.key, content_type: 'video/mp4' }],
	});

/** The proxy's requests for one key: `part` is the part number of an UploadPart, `uploadId` set on every multipart request. */
function requestsFor(key: string): Array<LoggedRequest & { part?: number; uploadId?: string; uploads: boolean }> {
	return proxy.log
		.filter((entry) => entry.path === `/${site.s3.bucket}/${key}`)
		.map((entry) => {
			const query = new URLSearchParams(entry.query);
			return {
				...entry,
				part: query.has('partNumber') ? Number(query.get('partNumber')) : undefined,
				uploadId: query.get('uploadId') ?? undefined,
				uploads: query.has('uploads'),
			};
		});
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a 40 MB file goes up in 8 MiB parts; a part answered 503 once and one whose connection is reset are sent again, and the object arrives byte for byte', async () => {
	const file = writeLocal('clip.mp4');
	const failedOnce = new Set<string>();
	proxy.faults.rule = ({ method, path: requestPath, query }) => {
		const part = new URLSearchParams(query).get('partNumber');
		if (method !== 'PUT' || requestPath !== `/${site.s3.bucket}/${file.key}` || !part || failedOnce.has(part)) return undefined;
		if (part === '2') return failedOnce.add(part) && 'slowdown';
		if (part === '4') return failedOnce.add(part) && 'reset';
		return undefined;
	};
	try {
		const answer = await offload(file);
		expect(answer.status).toBe(201);
		expect(answer.body.objects).toEqual([expect.objectContaining({ key: file.key, size: SIZE, verified: true })]);
	} finally {
		proxy.faults.rule = undefined;
	}

	const requests = requestsFor(file.key);
	expect(requests.filter((r) => r.method === 'POST' && r.uploads)).toHaveLength(1);
	// No single PUT of the whole object: only parts.
	expect(requests.filter((r) => r.method === 'PUT' && r.part === undefined)).toEqual([]);
	const parts = requests.filter((r) => r.method === 'PUT' && r.part !== undefined);
	expect(new Set(parts.map((r) => r.part))).toEqual(new Set([1, 2, 3, 4, 5]));
	expect(parts.filter((r) => r.part === 2).map((r) => r.status)).toEqual(['slowdown', 200]);
	expect(parts.filter((r) => r.part === 4).map((r) => r.status)).toEqual(['reset', 200]);
	for (const part of [1, 3, 5]) expect(parts.filter((r) => r.part === part).map((r) => r.status)).toEqual([200]);
	expect(requests.filter((r) => r.method === 'POST' && r.uploadId).map((r) => r.status)).toEqual([200]);

	const stored = await s3.send(new GetObjectCommand({ Bucket: site.s3.bucket, Key: file.key }));
	expect(stored.ContentType).toBe('video/mp4');
	expect(stored.CacheControl).toBe('public, max-age=60');
	expect(sha256(await stored.Body!.transformToByteArray())).toBe(sha256(file.body));
	expect(Math.ceil(SIZE / PART)).toBe(5);
}, 120_000);

test('a part that keeps failing fails the upload with the storage named as the cause, the multipart upload is aborted, and the file stays local', async () => {
	const file = writeLocal('broken.mp4');
	proxy.faults.rule = ({ method, path: requestPath, query }) =>
		method === 'PUT' && requestPath === `/${site.s3.bucket}/${file.key}` && new URLSearchParams(query).get('partNumber') === '3' ? 'slowdown' : undefined;
	let answer;
	try {
		answer = await offload(file);
	} finally {
		proxy.faults.rule = undefined;
	}
	expect(answer.status).toBeGreaterThanOrEqual(500);
	expect(answer.body).toMatchObject({ code: expect.stringMatching(/^E_/), message: expect.any(String), remedy: expect.any(String) });

	const requests = requestsFor(file.key);
	const uploadId = requests.find((r) => r.method === 'POST' && r.uploads) && requests.find((r) => r.uploadId)?.uploadId;
	expect(uploadId).toBeTruthy();
	// Part 3 was tried as often as the client retries (3 attempts), then the upload was aborted, never completed.
	expect(requests.filter((r) => r.part === 3).map((r) => r.status)).toEqual(['slowdown', 'slowdown', 'slowdown']);
	expect(requests.filter((r) => r.method === 'DELETE' && r.uploadId === uploadId)).toHaveLength(1);
	expect(requests.filter((r) => r.method === 'POST' && r.uploadId)).toEqual([]);
	await expect(s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: file.key }))).rejects.toMatchObject({ name: 'NotFound' });
	expect(fs.readFileSync(path.join(site.uploadsDir, file.path)).equals(file.body)).toBe(true);
}, 120_000);

test('Bunny (no multipart API): a 40 MB file goes up as one PUT read from disk as a stream, and comes back as a stream, byte for byte', async () => {
	const bunny = await startBunnyFake();
	try {
		const adapter = adapterFor({
			provider: 'bunny',
			endpoint: bunny.url,
			region: 'de',
			bucket: bunny.zone,
			access_key: '',
			secret_key: bunny.password,
			path_style: false,
		});
		const file = writeLocal('bunny.mp4');
		const absolute = path.join(site.uploadsDir, file.path);
		let opened = 0;
		await adapter.put({
			key: file.key,
			body: () => {
				opened++;
				return fs.createReadStream(absolute);
			},
			size: SIZE,
			contentType: 'video/mp4',
			cacheControl: '',
		});
		expect(opened).toBe(1);
		expect(sha256(bunny.files.get(file.key)!)).toBe(sha256(file.body));

		const download = await adapter.download(file.key);
		expect(download).not.toBeNull();
		const hash = createHash('sha256');
		let chunks = 0;
		for await (const chunk of download!.body) {
			chunks++;
			hash.update(chunk as Buffer);
		}
		// Arrives in many pieces as the fake sends them, not as one buffer.
		expect(chunks).toBeGreaterThan(1);
		expect(hash.digest('hex')).toBe(sha256(file.body));
		expect(await adapter.download(`${file.key}.missing`)).toBeNull();
	} finally {
		await bunny.close();
	}
}, 120_000);

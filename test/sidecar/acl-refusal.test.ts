// A bucket that refuses ACL headers (AWS "bucket owner enforced" object ownership answers every PUT carrying
// x-amz-acl with 400 AccessControlListNotSupported). s3rver has no such setting, so a proxy in front of it gives
// AWS's answer (test/support/fault-servers.ts). The sidecar is one of this test's own, on a data folder of its
// own, so it can be restarted without touching the stack's sidecars and what it remembers starts empty.
import { DeleteObjectsCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { restartServer, stopServer } from '../../bin/dev/processes';
import { s3Proxy, type S3Proxy } from '../support/fault-servers';
import { startOwnSidecar, type OwnSidecar } from '../support/own-sidecar';
import { s3rverStorage, sidecarPost } from '../support/sidecar-request';
import { createS3Client, getSite } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);
const SERVER_KEY = 'sidecar-acl-test';
const folder = `acl-test-${Date.now()}-${randomBytes(3).toString('hex')}`;
/** Above the sidecar's 16 MB buffer limit (files/upload-files.ts): sent as a stream. */
const LARGE = 17 * 1024 * 1024;
const keyOf = (relativePath: string) => `wp-content/uploads/${relativePath}`;
const uploadedKeys: string[] = [];

let proxy: S3Proxy;
let sidecar: OwnSidecar;

beforeAll(async () => {
	// The refusal comes 300 ms late, as from a distant region: the PUTs of an attachment are all on their way by then.
	proxy = await s3Proxy(site.s3.endpoint, { refuseAcl: true, refuseAclDelayMs: 300 });
	sidecar = await startOwnSidecar(SERVER_KEY, { WPMC_SECRET: site.sidecarSecret, WPMC_UPLOADS_DIR: site.uploadsDir });
}, 90_000);

afterAll(async () => {
	await sidecar?.stop();
	await proxy?.close();
	fs.rmSync(path.join(site.uploadsDir, folder), { recursive: true, force: true });
	if (uploadedKeys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: site.s3.bucket, Delete: { Objects: uploadedKeys.map((Key) => ({ Key })) } }));
}, 30_000);

/** An image with its 8 sizes (as WordPress makes them) and a video above the buffer limit, written under uploads. */
function writeAttachment(name: string): Array<{ path: string; key: string; body: Buffer }> {
	const sizes = ['', '-150x150', '-300x200', '-768x512', '-1024x683', '-1536x1024', '-2048x1365', '-600x400', '-scaled'];
	const files = sizes.map((suffix, index) => ({ path: `${folder}/2026/11/${name}${suffix}.jpg`, body: randomBytes(8 * 1024 * (index + 1)) }));
	files.push({ path: `${folder}/2026/11/${name}-clip.mp4`, body: randomBytes(LARGE) });
	for (const file of files) {
		fs.mkdirSync(path.dirname(path.join(site.uploadsDir, file.path)), { recursive: true });
		fs.writeFileSync(path.join(site.uploadsDir, file.path), file.body);
	}
	return files.map((file) => ({ ...file, key: keyOf(file.path) }));
}

async function offload(files: Array<{ path: string; key: string }>) {
	uploadedKeys.push(...files.map((file) => file.key));
	return sidecarPost(sidecar, '/v1/offloads', {
		storage: s3rverStorage(site, proxy.url),
		cache_control: 'public, max-age=60',
		verify: true,
		files: files.map(({ path: p, key }) => ({ path: p, key })),
	});
}

async function expectInBucket(files: Array<{ key: string; body: Buffer }>): Promise<void> {
	for (const file of files) {
		const object = await s3.send(new GetObjectCommand({ Bucket: site.s3.bucket, Key: file.key }));
		expect(Buffer.from(await object.Body!.transformToByteArray()).equals(file.body)).toBe(true);
	}
}

/** The proxy's PUTs of the given keys, per key, in arrival order: true where the PUT carried x-amz-acl. */
function putsByKey(keys: string[], log = proxy.putLog): Map<string, boolean[]> {
	const byKey = new Map(keys.map((key) => [key, [] as boolean[]]));
	for (const put of log) byKey.get(put.path.replace(`/${site.s3.bucket}/`, ''))?.push(put.acl);
	return byKey;
}

test('every PUT of an attachment sent in parallel is refused and retried without the header, the streamed one too', async () => {
	const files = writeAttachment('first');
	const answer = await offload(files);
	expect(answer.status).toBe(201);
	expect(answer.body.objects).toHaveLength(10);
	expect(answer.body.objects.every((object: { verified: boolean }) => object.verified)).toBe(true);
	await expectInBucket(files);

	const byKey = putsByKey(files.map((file) => file.key));
	// All PUTs went out together, so several carried the header before the first refusal came back; each of
	// those was retried once without it, and every key ended with exactly one PUT without it.
	const refused = [...byKey.values()].filter((puts) => puts[0]);
	expect(refused.length).toBeGreaterThanOrEqual(2);
	for (const puts of byKey.values()) expect(puts).toEqual(puts[0] ? [true, false] : [false]);
	// The video is streamed from disk and its PUT is the first to leave: refused, then sent again from the file.
	expect(byKey.get(keyOf(`${folder}/2026/11/first-clip.mp4`))).toEqual([true, false]);
	expect(proxy.puts.total).toBe(10 + refused.length);
});

test('after a restart the sidecar remembers the refusal: no PUT to that bucket carries x-amz-acl', async () => {
	await stopServer(SERVER_KEY);
	await restartServer(SERVER_KEY, { timeoutMs: 60_000 });
	const seenBefore = proxy.putLog.length;

	const files = writeAttachment('second');
	const answer = await offload(files);
	expect(answer.status).toBe(201);
	expect(answer.body.objects).toHaveLength(10);
	await expectInBucket(files);

	const newPuts = proxy.putLog.slice(seenBefore);
	expect(newPuts).toHaveLength(10);
	expect(newPuts.filter((put) => put.acl)).toEqual([]);
}, 90_000);

// Storage faults: with a proxy in front of the S3 server answering 10% of requests 503 SlowDown, resetting
// some connections and stalling others for 2 s, the migration still completes, every object arrives and
// every attachment is recorded; the faults really happened (the proxy's log says so).
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { offloadRecord, setSettings } from '../support/media';
import { createS3Client, getSite, startSidecar, stopSidecar } from '../support/stack';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { cancelLeftoverRun, createLibrary, rest, waitForState, type LibraryItem } from './library';

const site = getSite('sqlite');
const s3 = createS3Client(site);
const folder = `faults-${Date.now().toString(36)}`;

let proxy: FaultProxy;
let restore: () => Promise<void>;
let library: LibraryItem[];

beforeAll(async () => {
	process.env.WPMC_RETRY_BASE_MS = '100';
	await stopSidecar(site);
	await startSidecar(site);
	await cancelLeftoverRun(site);
	proxy = await startFaultProxy(site.s3.endpoint, { slowDown: 0.1, reset: 0.03, stall: 0.03, stallMs: 2000 });
	restore = await setSettings(site, { endpoint: proxy.url });
	library = await createLibrary(site, folder, 40);
}, 120_000);

afterAll(async () => {
	await restore?.();
	await proxy?.close();
	s3.destroy();
});

test('503 SlowDown, connection resets and 2 s stalls: the run completes through retries', async () => {
	expect((await rest(site, 'POST', '/migration', { concurrency: 8 })).status).toBe(200);
	const progress = await waitForState(site, ['done'], 180_000);
	// Other tests may leave attachments with missing files on the shared site: only ours must all succeed.
	const ours = new Set(library.map((item) => item.id));
	expect(progress.errors.filter((error: { attachment_id: number }) => ours.has(error.attachment_id))).toEqual([]);
	expect(progress.done + progress.failed).toBe(progress.total);

	const statuses = proxy.log.map((request) => request.status);
	expect(statuses.filter((status) => status === 'slowdown').length).toBeGreaterThan(5);
	expect(statuses.filter((status) => status === 'reset').length).toBeGreaterThan(0);

	const expected = library.flatMap((item) => Object.keys(item.files).map((file) => `wp-content/uploads/${file}`)).sort();
	const listing = await s3.send(new ListObjectsV2Command({ Bucket: site.s3.bucket, Prefix: `wp-content/uploads/${folder}/` }));
	expect((listing.Contents ?? []).map((object) => object.Key).sort()).toEqual(expected);
	for (const item of library) {
		expect([...((await offloadRecord(site, item.id))?.keys ?? [])].sort()).toEqual(Object.keys(item.files).map((file) => `wp-content/uploads/${file}`).sort());
	}
}, 240_000);

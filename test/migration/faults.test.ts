// Storage faults: with a proxy in front of the S3 server answering 10% of requests 503 SlowDown, resetting
// some connections and stalling others for 2 s, the migration still completes, every object arrives and
// every attachment is recorded; the faults really happened (the proxy's log says so). A storage that stops
// answering altogether holds the run (no item fails for good) until it answers again.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { offloadRecord, setSettings } from '../support/media';
import { createS3Client, getSite, startSidecar, stopSidecar } from '../support/stack';
import { messages, wp, withWpCli } from '../support/wp-cli';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { cancelLeftoverRun, createLibrary, waitForState, type LibraryItem } from '../support/library';
import { rest } from '../support/rest';

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
		expect([...((await offloadRecord(site, item.id))?.keys ?? [])].sort()).toEqual(
			Object.keys(item.files)
				.map((file) => `wp-content/uploads/${file}`)
				.sort(),
		);
	}
}, 240_000);

withWpCli(test, 'the storage outage case (it reads wp media-cloud status)')(
	'a storage outage holds the run without failing any item, and the run finishes once the storage is back',
	async () => {
		const more = await createLibrary(site, `${folder}-outage`, 6);
		Object.assign(proxy.faults, { slowDown: 0, stall: 0, reset: 1 }); // every connection dropped: the storage is down
		proxy.log.length = 0;
		expect((await rest(site, 'POST', '/migration', { concurrency: 2 })).status).toBe(200);

		let progress: any;
		for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 300))) {
			progress = (await rest(site, 'GET', '/migration')).body;
			if (progress.waiting_for_storage) break;
		}
		expect(progress.state).toBe('running');
		// A connection dropped before any answer is a reset, not a storage that was too slow (the SDK names both TimeoutError).
		expect(progress.waiting_for_storage).toMatchObject({
			code: 'E_NETWORK',
			message: `The storage endpoint ${new URL(proxy.url).host} closed the connection before answering (ECONNRESET).`,
		});
		expect(progress.waiting_for_storage.remedy).toMatch(/proxy or firewall/i);
		expect(progress.waiting_for_storage.retry_at).toBeGreaterThanOrEqual(progress.waiting_for_storage.since);
		const status = await wp(site, 'media-cloud status');
		expect(messages(status.stderr, 'Warning')).toContainEqual(
			expect.stringMatching(
				/^Waiting for the storage: The storage endpoint .* closed the connection before answering \(ECONNRESET\)\. It is tried again by itself at \d\d:\d\d:\d\d; no file is marked failed meanwhile\.$/,
			),
		);

		// Held for a while: the breaker probes one item at a time, and our items stop using up their attempts (without
		// it, each would be retried every 0.1–0.8 s here and fail for good after 8 attempts).
		// (Other tests may leave attachments with files missing on this shared site: they fail on their own.)
		const ours = new Set(more.map((item) => item.id));
		const attemptsOfOurs = (answer: any) =>
			Object.fromEntries(
				answer.errors
					.filter((error: { attachment_id: number }) => ours.has(error.attachment_id))
					.map((error: { attachment_id: number; attempts: number }) => [error.attachment_id, error.attempts]),
			);
		const before = attemptsOfOurs(progress);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		progress = (await rest(site, 'GET', '/migration')).body;
		expect(progress.state).toBe('running');
		expect(attemptsOfOurs(progress)).toEqual(before);
		expect(progress.errors.filter((error: { attachment_id: number; permanent: boolean }) => ours.has(error.attachment_id) && error.permanent)).toEqual([]);
		expect(proxy.log.filter((request) => request.status === 'reset').length).toBeGreaterThan(8);

		proxy.faults.reset = 0; // the storage is back
		progress = await waitForState(site, ['done'], 120_000);
		expect(progress.waiting_for_storage).toBeNull();
		expect(progress.errors.filter((error: { attachment_id: number }) => ours.has(error.attachment_id))).toEqual([]);
		for (const item of more) expect((await offloadRecord(site, item.id))?.keys).toHaveLength(Object.keys(item.files).length);
	},
	240_000,
);

// A storage that accepts connections and never answers, met by a real WordPress upload. Before: the upload
// blocked for 120 s until PHP gave up on the sidecar (cURL 28), and the pending reason blamed the sidecar.
// Now the sidecar gives up on the silent storage first, the upload returns with the attachment pending, and
// the reason names the storage's host:port and what to do.
import { offloadRecord, pendingMarker, setSettings, uploadFixture } from '../support/media';
import { silentServer, type SilentServer } from '../support/silent-server';
import { getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';

const site = getSite('sqlite');

/** The silence limit the test's sidecar runs with (WPMC_STORAGE_TIMEOUT_SECONDS), lowered from 30 s to keep the test short. */
const SILENCE_SECONDS = 3;

let storage: SilentServer;

beforeAll(async () => {
	storage = await silentServer();
	await stopSidecar(site);
	// The sidecar inherits the test's environment. No periodic heartbeats: the drain test runs the only drain.
	process.env.WPMC_STORAGE_TIMEOUT_SECONDS = String(SILENCE_SECONDS);
	process.env.WPMC_HEARTBEAT_SECONDS = '0';
	await startSidecar(site);
}, 120_000);

afterAll(async () => {
	await stopSidecar(site);
	delete process.env.WPMC_STORAGE_TIMEOUT_SECONDS;
	delete process.env.WPMC_HEARTBEAT_SECONDS;
	await startSidecar(site);
	await storage?.close();
}, 120_000);

test('an upload to a storage that never answers returns well before PHP’s 120 s, pending, with a reason that names the storage', async () => {
	const restore = await setSettings(site, { provider: 's3-compatible', endpoint: storage.url, path_style: true });
	let id = 0;
	try {
		const started = Date.now();
		const attachment = await uploadFixture(site, 'graphic-800x600.png');
		const elapsedMs = Date.now() - started;
		id = attachment.id;

		expect(storage.accepted).toBeGreaterThan(0); // The sidecar did reach the silent storage.
		// Bounded by the silence limit, with generous slack for a loaded machine; before, PHP waited 120 s.
		expect(elapsedMs).toBeLessThan(60_000);
		expect(attachment.source_url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
		expect(await offloadRecord(site, id)).toBeNull();

		const pending = await pendingMarker(site, id);
		expect(pending?.code).toBe('E_TIMEOUT');
		expect(pending?.reason).toContain(`The storage at 127.0.0.1:${storage.port} accepted the connection but sent nothing for ${SILENCE_SECONDS} s`);
		expect(pending?.reason).toMatch(/not the sidecar/);
		expect(pending?.reason).toMatch(/restart a self-hosted server/);
		expect(pending?.reason).not.toMatch(/sidecar did not answer|cURL/i);
	} finally {
		await restore();
		// Leave no pending item behind for the other tests' heartbeats.
		if (id) await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	}
}, 200_000);

test('a drain of pending uploads stops at the first storage timeout instead of waiting the limit out for each', async () => {
	const restore = await setSettings(site, { provider: 's3-compatible', endpoint: storage.url, path_style: true });
	const ids: number[] = [];
	try {
		for (let i = 0; i < 3; i++) ids.push((await uploadFixture(site, 'graphic-800x600.png')).id);
		const attempts = async () => {
			let sum = 0;
			for (const id of ids) {
				const pending = await pendingMarker(site, id);
				expect(pending?.code).toBe('E_TIMEOUT');
				sum += pending!.attempts;
			}
			return sum;
		};
		const before = await attempts();
		const drained = await wpEval<{ offloaded: number; failed: number; pending: number }>(site, 'return WP_Media_Cloud\\Pending_Queue::drain();');
		// One of them meets the silent storage; the rest wait for the next drain (before: each waited the limit out).
		// (`failed` may also count another test's leftover that fails on its own, e.g. a missing file.)
		expect(drained.offloaded).toBe(0);
		expect(await attempts()).toBe(before + 1);
		expect(drained.pending).toBeGreaterThanOrEqual(ids.length);
	} finally {
		await restore();
		for (const id of ids) await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	}
}, 200_000);

// The parts of a run KindRunner used to hold inside itself, on a real job database in a temporary folder:
// what a failed item does to its run (job-failure.ts) and what the progress says (run-progress.ts).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SidecarError } from '../../sidecar/src/errors';
import { openJobDatabase } from '../../sidecar/src/jobs/database';
import { recordFailure } from '../../sidecar/src/jobs/job-failure';
import { JobStore, RunState } from '../../sidecar/src/jobs/job-store';
import { runProgress } from '../../sidecar/src/jobs/run-progress';
import { StorageOutage } from '../../sidecar/src/jobs/storage-outage';

let dir: string;
let store: JobStore;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-outcomes-'));
	store = new JobStore(openJobDatabase(dir));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A running run of `count` queued jobs, `total` attachments counted at start. */
function runWith(count: number, total = count) {
	const run = store.createRun('migrate', 4, 1000, total, null);
	store.addPage(
		run.id,
		Array.from({ length: count }, (_, i) => ({ attachment_id: i + 1, payload: { attachment_id: i + 1 } })),
		count,
		true,
		0,
	);
	return store.latestRun('migrate')!;
}

const context = (outage = new StorageOutage()) => ({ store, outage, kind: 'migrate', siteId: 1 });

test('a refused key pauses the run with its reason and fix, and the item keeps its attempt', () => {
	const run = runWith(2);
	const [job] = store.claim(run.id, 'w', 1);
	const outcome = recordFailure(context(), job, new SidecarError('E_AUTH', 'The storage refused the access key.', 'Check the access key in Settings.'));
	expect(outcome).toBe('paused');
	const progress = runProgress(store, store.latestRun('migrate')!, 1, null);
	expect(progress.state).toBe('paused');
	expect(progress.paused_reason).toMatchObject({
		code: 'E_AUTH',
		message: 'The storage refused the access key.',
		remedy: 'Check the access key in Settings.',
	});
	expect(progress.failed).toBe(0);
	store.setState(store.latestRun('migrate')!, RunState.RUNNING);
	// Its first try was given back: claimed again, it is on its first attempt, not its second.
	expect(store.claim(run.id, 'w', 2).find((again) => again.id === job.id)?.attempts).toBe(1);
});

test("an item's own error is retried, then listed as failed for good with its remedy", () => {
	const run = runWith(1);
	const missing = new SidecarError('E_FILE_MISSING', 'The file is not on disk.', 'Restore it from a backup.');
	const outcomes = [];
	for (let attempt = 1; attempt <= 3; attempt++) {
		// Retries wait for their backoff: make the job due now instead of waiting.
		const db = new Database(path.join(dir, 'jobs.sqlite'));
		db.prepare('UPDATE jobs SET run_after = 0').run();
		db.close();
		const [job] = store.claim(run.id, 'w', 1);
		outcomes.push(recordFailure(context(), job, missing));
	}
	expect(outcomes).toEqual(['retried', 'retried', 'failed']);
	const progress = runProgress(store, store.latestRun('migrate')!, 1, null);
	expect(progress).toMatchObject({ state: 'running', failed: 1, done: 0 });
	expect(progress.errors).toEqual([
		{ attachment_id: 1, code: 'E_FILE_MISSING', reason: 'The file is not on disk.', remedy: 'Restore it from a backup.', attempts: 3, permanent: true },
	]);
});

test('a storage that stops answering holds items without spending their attempts, and the progress says it waits', () => {
	const run = runWith(10);
	const outage = new StorageOutage();
	const outcomes = store
		.claim(run.id, 'w', 10)
		.map((job) => recordFailure(context(outage), job, new SidecarError('E_NETWORK', 'No answer from 127.0.0.1:9', 'Check the endpoint.')));
	// The first failures in a row are the items' own tries; from the eighth on, the breaker holds the run.
	expect(outcomes.filter((outcome) => outcome === 'held').length).toBeGreaterThan(0);
	const progress = runProgress(store, store.latestRun('migrate')!, 1, outage.report());
	expect(progress.waiting_for_storage).not.toBeNull();
	expect(progress.failed).toBe(0);
});

test('the total is the count made at start until the pages known hold more, and idle runs have no rate', () => {
	const run = runWith(3, 5);
	expect(runProgress(store, run, 1, null)).toMatchObject({ total: 5, done: 0, rate_per_second: 0, eta_seconds: null, site_id: 1 });
	const bigger = runWith(7, 5);
	expect(runProgress(store, bigger, 1, null).total).toBe(7);
});

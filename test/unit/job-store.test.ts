// The sidecar's job table on its own (a real SQLite file in a temporary folder): numbered schema migrations,
// claims that two processes can never both win, backoff, and the requeue of jobs whose worker died.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openJobDatabase } from '../../sidecar/src/jobs/database';
import { JobStatus, JobStore, RunState } from '../../sidecar/src/jobs/job-store';
import { retryDecision } from '../../sidecar/src/jobs/retry-policy';
import { SCHEMA_MIGRATIONS } from '../../sidecar/src/jobs/schema';

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-jobs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ attachment_id: from + i, payload: { attachment_id: from + i } }));

test('the schema is migrated to the last numbered version once, and reopening keeps the data', () => {
	const db = openJobDatabase(dir);
	expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_MIGRATIONS[SCHEMA_MIGRATIONS.length - 1].version);
	new JobStore(db).createRun('migrate', 4, 10, 10, null);
	db.close();
	const again = openJobDatabase(dir);
	expect(new JobStore(again).latestRun('migrate')?.total).toBe(10);
	again.close();
});

test('a job database of an older sidecar (schema 1, a paused run with jobs) is upgraded in place, keeping its run', () => {
	// What a sidecar before schema 2 left behind: its tables, a paused run and a queued job.
	const old = new Database(path.join(dir, 'jobs.sqlite'));
	old.exec(SCHEMA_MIGRATIONS[0].sql);
	old.pragma('user_version = 1');
	old.prepare("INSERT INTO runs (id, kind, state, concurrency, total, created_at) VALUES (1, 'migrate', 1, 8, 3, 0)").run();
	old.prepare("INSERT INTO jobs (run_id, attachment_id, status, payload) VALUES (1, 42, 0, '{}')").run();
	old.close();

	const store = new JobStore(openJobDatabase(dir));
	const run = store.latestRun('migrate')!;
	expect(run).toMatchObject({ id: 1, state: RunState.PAUSED, total: 3, paused_reason: null });
	expect(store.counts(1).queued).toBe(1);
	// The new column works: the engine can pause the resumed run for a storage-wide reason.
	store.setState(run, RunState.RUNNING);
	expect(store.pauseFor(1, { code: 'E_AUTH', message: 'refused', remedy: 'fix the key' })).toBe(true);
	expect(JSON.parse(store.latestRun('migrate')!.paused_reason!)).toEqual({ code: 'E_AUTH', message: 'refused', remedy: 'fix the key' });
});

test('two connections (two processes) claiming at once never get the same job', () => {
	const first = new JobStore(openJobDatabase(dir));
	const second = new JobStore(openJobDatabase(dir));
	const run = first.createRun('migrate', 4, 100, 100, null);
	first.addPage(run.id, page(1, 100), 100, true, 100);
	const claimed: number[] = [];
	for (let round = 0; round < 30; round++) {
		claimed.push(...first.claim(run.id, 'a', 3).map((job) => job.attachment_id));
		claimed.push(...second.claim(run.id, 'b', 4).map((job) => job.attachment_id));
	}
	expect(claimed).toHaveLength(100);
	expect(new Set(claimed).size).toBe(100);
	expect(first.claim(run.id, 'a', 10)).toEqual([]);
});

test('a page and its cursor are stored together, and a page sent twice adds no duplicate job', () => {
	const store = new JobStore(openJobDatabase(dir));
	const run = store.createRun('migrate', 4, 50, 50, null);
	store.addPage(run.id, page(1, 20), 20, false, 0);
	store.addPage(run.id, page(1, 20), 20, false, 0); // the sidecar died before it saw the first answer
	expect(store.counts(run.id).queued).toBe(20);
	expect(store.run(run.id).cursor).toBe(20);
});

test('a failed job waits for its backoff, then becomes permanent after its last attempt', () => {
	const store = new JobStore(openJobDatabase(dir));
	const run = store.createRun('migrate', 4, 1, 1, null);
	store.addPage(run.id, page(1, 1), 1, true, 1);
	const [job] = store.claim(run.id, 'a', 1);
	store.fail(job, 'E_STORAGE', 'SlowDown', false, 60_000, 'The provider asks to slow down; it is retried.');
	expect(store.claim(run.id, 'a', 1)).toEqual([]); // still in backoff
	expect(store.errors(run.id)).toEqual([
		{
			attachment_id: 1,
			last_error_code: 'E_STORAGE',
			last_error: 'SlowDown',
			last_remedy: 'The provider asks to slow down; it is retried.',
			last_said: null,
			attempts: 1,
			permanent: 0,
		},
	]);

	expect(retryDecision('E_FILE_MISSING', 2).permanent).toBe(false);
	expect(retryDecision('E_FILE_MISSING', 3).permanent).toBe(true);
	expect(retryDecision('E_STORAGE', 7).permanent).toBe(false);
	expect(retryDecision('E_STORAGE', 8).permanent).toBe(true);
	const delays = [1, 2, 3, 4].map((attempt) => retryDecision('E_STORAGE', attempt, 1000).delayMs);
	for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] * 1.1);
});

test('jobs a dead process had claimed are queued again; confirmed ones are never', () => {
	const store = new JobStore(openJobDatabase(dir));
	const run = store.createRun('migrate', 4, 3, 3, null);
	store.addPage(run.id, page(1, 3), 3, true, 3);
	const jobs = store.claim(run.id, 'dead-process', 3);
	store.confirm(jobs[0].id, { objects: [] }, 123);

	expect(store.requeueStale('new-process', 10 * 60_000)).toBe(2);
	const counts = store.counts(run.id);
	expect(counts).toMatchObject({ queued: 2, running: 0, confirmed: 1, bytes: 123 });
	expect(store.unacknowledged('migrate', 10).map((job) => job.attachment_id)).toEqual([1]);
	store.acknowledge([jobs[0].id]);
	expect(store.counts(run.id)).toMatchObject({ confirmed: 0, done: 1 });
	expect(JobStatus.CONFIRMED).toBe(2);
	expect(store.setState(run, RunState.PAUSED).state).toBe(RunState.PAUSED);
});

test('a finished run gives up its acknowledged jobs once WordPress has them all, keeping its summary and failures', () => {
	const db = openJobDatabase(dir);
	const store = new JobStore(db);
	// 20,000 attachments with the payload a real page item has (three files): 113 MB after 100,000 before pruning.
	const files = (id: number) =>
		['', '-150x150', '-300x200'].map((size) => ({
			path: `2024/01/photo-${id}${size}.jpg`,
			key: `wp-content/uploads/2024/01/photo-${id}${size}.jpg`,
			content_type: 'image/jpeg',
		}));
	const run = store.createRun('migrate', 8, 20_000, 20_000, null);
	for (let from = 1; from <= 20_000; from += 500) {
		store.addPage(
			run.id,
			Array.from({ length: 500 }, (_, i) => ({
				attachment_id: from + i,
				payload: { attachment_id: from + i, key_prefix: 'wp-content/uploads/', files: files(from + i) },
			})),
			from + 499,
			from + 499 >= 20_000,
			20_000,
		);
	}
	let jobs = store.claim(run.id, 'a', 20_000);
	const failed = jobs.slice(0, 3);
	for (const job of failed) store.fail(job, 'E_FILE_MISSING', 'gone', true, 0, 'Restore it from a backup.');
	jobs = jobs.slice(3);
	for (const job of jobs) store.confirm(job.id, { objects: files(job.attachment_id) }, 300);
	const peakMb = fs.statSync(path.join(dir, 'jobs.sqlite')).size / 1048576;

	// Finished, but some results are not acknowledged yet: nothing is pruned (they would be sent again).
	store.acknowledge(jobs.slice(0, 10_000).map((job) => job.id));
	store.setState(run, RunState.DONE);
	expect(store.pruneFinished()).toBe(0);
	store.acknowledge(jobs.slice(10_000).map((job) => job.id));
	expect(store.pruneFinished()).toBe(jobs.length);
	expect(store.pruneFinished()).toBe(0); // once

	expect(store.counts(run.id)).toMatchObject({ done: jobs.length, failed: 3, queued: 0, confirmed: 0, bytes: jobs.length * 300 });
	expect(store.errors(run.id).map((error) => error.attachment_id)).toEqual(failed.map((job) => job.attachment_id));
	expect((db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(3);
	// The database and its write-ahead log, as they are on disk: compacted by the sidecar itself.
	const afterMb =
		['jobs.sqlite', 'jobs.sqlite-wal'].reduce((sum, file) => sum + (fs.existsSync(path.join(dir, file)) ? fs.statSync(path.join(dir, file)).size : 0), 0) /
		1048576;
	expect(peakMb).toBeGreaterThan(4);
	expect(afterMb).toBeLessThan(1);
});

test('a worker whose claim the lease took back cannot fail the job: not while it waits in the queue, nor once another try holds it', () => {
	const store = new JobStore(openJobDatabase(dir));
	const run = store.createRun('migrate', 4, 1, 1, null);
	store.addPage(run.id, page(1, 1), 1, true, 1);
	const [stale] = store.claim(run.id, 'worker-a', 1);
	// The lease ran out (worker-a hung): the job is queued again, as a new process's requeue does.
	expect(store.requeueStale('worker-b', -1)).toBe(1);
	expect(store.fail(stale, 'E_FILE_MISSING', 'gone', true, 0)).toBe(false);
	expect(store.counts(run.id)).toMatchObject({ queued: 1, failed: 0 });

	const [fresh] = store.claim(run.id, 'worker-b', 1);
	expect(store.fail(stale, 'E_FILE_MISSING', 'gone', true, 0)).toBe(false);
	expect(store.counts(run.id)).toMatchObject({ running: 1, failed: 0 });
	expect(store.errors(run.id)).toEqual([]);
	// The live claim still counts.
	expect(store.fail(fresh, 'E_STORAGE', 'SlowDown', false, 0)).toBe(true);
	expect(store.counts(run.id)).toMatchObject({ queued: 1, running: 0 });
});

test('each site of a network has its own latest run and its own unacknowledged results (schema 7)', () => {
	const store = new JobStore(openJobDatabase(dir));
	const main = store.createRun('migrate', 4, 10, 10, null);
	const site2 = store.createRun('migrate', 4, 10, 10, null, { id: 2, callbackUrl: '/site2' });
	expect(store.latestRun('migrate')?.id).toBe(main.id);
	expect(store.latestRun('migrate', 2)).toMatchObject({ id: site2.id, site_id: 2, callback_url: '/site2' });
	expect(store.latestRun('migrate', 3)).toBeUndefined();
	store.addPage(site2.id, page(7, 1), 7, true, 1);
	const [job] = store.claim(site2.id, 'a', 1);
	store.confirm(job.id, {}, 1);
	expect(store.unacknowledged('migrate', 10)).toEqual([]);
	expect(store.unacknowledged('migrate', 10, 2).map((row) => row.attachment_id)).toEqual([7]);
	store.setState(store.run(main.id), RunState.DONE);
	expect(store.sitesWithWork('migrate')).toEqual([2]);
});

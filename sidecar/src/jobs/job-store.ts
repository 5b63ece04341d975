import type { JobDatabase } from './database';
import type { ErrorSaid } from './error-said';

export type RunKind = 'migrate' | 'download' | 'move';

/** Integer states, stored as such: cheap to index and compare. */
export const RunState = { RUNNING: 0, PAUSED: 1, CANCELLED: 2, DONE: 3 } as const;
export const JobStatus = {
	QUEUED: 0,
	RUNNING: 1,
	/** Uploaded and confirmed; the result waits for WordPress to acknowledge it. Never uploaded again. */
	CONFIRMED: 2,
	DONE: 3,
	FAILED: 4,
	/** WordPress said there was nothing to do (already offloaded meanwhile, or no longer exists). */
	SKIPPED: 5,
} as const;

/** The site of a network a run belongs to, and where its callbacks go (see schema 7). */
export interface RunSite {
	/** WordPress's blog id; 1 on a single site and the network's main site. */
	id: number;
	/** The site's home URL and its network's, as JSON (routes/run-site.ts, callbackFor); a path or a URL from an older sidecar; null for WPMC_WORDPRESS_URL. */
	callbackUrl: string | null;
}
export const MAIN_SITE: RunSite = { id: 1, callbackUrl: null };

export const RUN_STATE_NAMES = ['running', 'paused', 'cancelled', 'done'] as const;
export type RunStateName = (typeof RUN_STATE_NAMES)[number];

export interface RunRow {
	id: number;
	kind: RunKind;
	state: number;
	concurrency: number;
	cursor: number;
	max_id: number;
	enumerated: number;
	total: number;
	selection: string | null;
	created_at: number;
	resumed_at: number | null;
	finished_at: number | null;
	/** JSON { code, message, remedy, said? } when the engine paused the run because of a storage-wide error. */
	paused_reason: string | null;
	/** JSON { done, skipped, bytes } of the acknowledged jobs deleted when the run finished (pruneFinished). */
	pruned: string | null;
	site_id: number;
	callback_url: string | null;
}

export interface JobRow {
	id: number;
	run_id: number;
	attachment_id: number;
	status: number;
	attempts: number;
	payload: string;
	result: string | null;
	last_error_code: string | null;
	last_error: string | null;
	/** JSON ErrorSaid: the failure as codes WordPress words (null when the catalog has no sentence for it). */
	last_said: string | null;
	permanent: number;
	claimed_by: string | null;
	/** ms epoch of the claim: with the status, it tells a live claim from one the lease took back. */
	claimed_at: number | null;
}

export interface NewJob {
	attachment_id: number;
	payload: unknown;
}

/**
 * Every read and write of the job database, as statements prepared once. Claims run in IMMEDIATE
 * transactions, so two claimers can never take the same job even if a second process opened the file.
 */
export class JobStore {
	private readonly s;

	constructor(private readonly db: JobDatabase) {
		const p = (sql: string) => db.prepare(sql);
		this.s = {
			latestRun: p('SELECT * FROM runs WHERE kind = ? AND site_id = ? ORDER BY id DESC LIMIT 1'),
			runById: p('SELECT * FROM runs WHERE id = ?'),
			insertRun: p(
				`INSERT INTO runs (kind, state, concurrency, max_id, total, selection, created_at, resumed_at, site_id, callback_url) VALUES (?, ${RunState.RUNNING}, ?, ?, ?, ?, ?, ?, ?, ?)`,
			),
			setState: p('UPDATE runs SET state = ?, resumed_at = ?, finished_at = ?, paused_reason = NULL WHERE id = ?'),
			setCallback: p('UPDATE runs SET callback_url = ? WHERE id = ?'),
			pauseFor: p(`UPDATE runs SET state = ${RunState.PAUSED}, paused_reason = ? WHERE id = ? AND state = ${RunState.RUNNING}`),
			setConcurrency: p('UPDATE runs SET concurrency = ? WHERE id = ?'),
			setCursor: p('UPDATE runs SET cursor = ?, enumerated = ?, total = MAX(total, ?) WHERE id = ?'),
			// Sites whose runs of a kind need a runner: one running or paused, or results WordPress has not acknowledged.
			sitesWithWork: p(`SELECT DISTINCT site_id FROM runs r WHERE kind = ? AND (state < ${RunState.CANCELLED}
				OR EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id AND j.status = ${JobStatus.CONFIRMED}))`),
			insertJob: p(`INSERT OR IGNORE INTO jobs (run_id, attachment_id, status, payload) VALUES (?, ?, ${JobStatus.QUEUED}, ?)`),
			claimable: p(`SELECT id FROM jobs WHERE run_id = ? AND status = ${JobStatus.QUEUED} AND run_after <= ? ORDER BY id LIMIT ?`),
			claim: p(
				`UPDATE jobs SET status = ${JobStatus.RUNNING}, claimed_by = ?, claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND status = ${JobStatus.QUEUED} RETURNING *`,
			),
			nextRetryAt: p(`SELECT MIN(run_after) AS at FROM jobs WHERE run_id = ? AND status = ${JobStatus.QUEUED}`),
			countStatus: p('SELECT status, COUNT(*) AS n, SUM(bytes) AS bytes FROM jobs WHERE run_id = ? GROUP BY status'),
			confirm: p(
				`UPDATE jobs SET status = ${JobStatus.CONFIRMED}, result = ?, bytes = ?, last_error = NULL, last_error_code = NULL, last_said = NULL, claimed_by = NULL, finished_at = ? WHERE id = ? AND status = ${JobStatus.RUNNING}`,
			),
			// Only the claim that is still live counts: a worker whose claim the lease took back (requeueStale) and that
			// fails afterwards must not spend an attempt of, or fail for good, a job queued again or claimed by another.
			// A claim is named by its time and its attempt number: two claims can fall in the same millisecond.
			fail: p(`UPDATE jobs SET status = ?, run_after = ?, last_error_code = ?, last_error = ?, last_remedy = ?, last_said = ?, permanent = ?, claimed_by = NULL, finished_at = ?
				WHERE id = ? AND status = ${JobStatus.RUNNING} AND claimed_at IS ? AND attempts = ?`),
			skip: p(`UPDATE jobs SET status = ${JobStatus.SKIPPED}, last_error = ?, claimed_by = NULL, finished_at = ? WHERE id = ?`),
			release: p(
				`UPDATE jobs SET status = ${JobStatus.QUEUED}, attempts = MAX(0, attempts - 1), run_after = 0, claimed_by = NULL WHERE id = ? AND status = ${JobStatus.RUNNING}`,
			),
			unacknowledged: p(
				`SELECT j.* FROM jobs j JOIN runs r ON r.id = j.run_id WHERE j.status = ${JobStatus.CONFIRMED} AND r.kind = ? AND r.site_id = ? ORDER BY j.id LIMIT ?`,
			),
			acknowledge: p(`UPDATE jobs SET status = ${JobStatus.DONE}, result = NULL WHERE id = ? AND status = ${JobStatus.CONFIRMED}`),
			// Cancelled and done runs are over (RunState.CANCELLED < RunState.DONE).
			unpruned: p(`SELECT id FROM runs WHERE state >= ${RunState.CANCELLED} AND pruned IS NULL`),
			inFlight: p(`SELECT COUNT(*) AS n FROM jobs WHERE run_id = ? AND status IN (${JobStatus.RUNNING}, ${JobStatus.CONFIRMED})`),
			prunable: p(
				`SELECT status, COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM jobs WHERE run_id = ? AND status IN (${JobStatus.DONE}, ${JobStatus.SKIPPED}) GROUP BY status`,
			),
			deletePrunable: p(`DELETE FROM jobs WHERE run_id = ? AND status IN (${JobStatus.DONE}, ${JobStatus.SKIPPED})`),
			setPruned: p('UPDATE runs SET pruned = ? WHERE id = ?'),
			prunedOf: p('SELECT pruned FROM runs WHERE id = ?'),
			requeueStale: p(
				`UPDATE jobs SET status = ${JobStatus.QUEUED}, claimed_by = NULL WHERE status = ${JobStatus.RUNNING} AND (claimed_by IS NOT ? OR claimed_at < ?)`,
			),
			finishedSince: p(
				`SELECT COUNT(*) AS n FROM jobs WHERE run_id = ? AND finished_at >= ? AND status IN (${JobStatus.CONFIRMED}, ${JobStatus.DONE}, ${JobStatus.SKIPPED})`,
			),
			queued: p(`SELECT COUNT(*) AS n FROM jobs WHERE run_id = ? AND status = ${JobStatus.QUEUED}`),
			// An item being tried right now (running) has its claim counted in `attempts` already; the user is shown
			// finished tries only, so a probe in flight during an outage does not read as an attempt used up.
			errors: p(`SELECT attachment_id, last_error_code, last_error, last_remedy, last_said, attempts - (status = ${JobStatus.RUNNING}) AS attempts, permanent FROM jobs
				WHERE run_id = ? AND last_error IS NOT NULL AND status IN (${JobStatus.QUEUED}, ${JobStatus.RUNNING}, ${JobStatus.FAILED}) ORDER BY permanent DESC, id LIMIT ?`),
		};
	}

	/** The latest run of a kind on one site of the network (every site's runs are its own). */
	latestRun(kind: RunKind, siteId = MAIN_SITE.id): RunRow | undefined {
		return this.s.latestRun.get(kind, siteId) as RunRow | undefined;
	}

	/** Sites with a run of this kind running or paused, or with results WordPress has not acknowledged. */
	sitesWithWork(kind: RunKind): number[] {
		return (this.s.sitesWithWork.all(kind) as Array<{ site_id: number }>).map((row) => row.site_id);
	}

	run(id: number): RunRow {
		return this.s.runById.get(id) as RunRow;
	}

	createRun(kind: RunKind, concurrency: number, maxId: number, total: number, selection: number[] | null, site: RunSite = MAIN_SITE): RunRow {
		const now = Date.now();
		const info = this.s.insertRun.run(kind, concurrency, maxId, total, selection ? JSON.stringify(selection) : null, now, now, site.id, site.callbackUrl);
		return this.run(Number(info.lastInsertRowid));
	}

	/** Where a resumed run calls its site back: the site may have moved since it started. */
	setCallback(runId: number, callbackUrl: string | null): void {
		this.s.setCallback.run(callbackUrl, runId);
	}

	setState(run: RunRow, state: number): RunRow {
		const now = Date.now();
		const resumedAt = state === RunState.RUNNING ? now : run.resumed_at;
		this.s.setState.run(state, resumedAt, state >= RunState.CANCELLED ? now : null, run.id);
		return this.run(run.id);
	}

	/**
	 * Pauses a running run for a reason that stops every job alike (the storage refused the credentials, the
	 * bucket does not exist…): retrying each item would only fail them all. Resuming clears the reason.
	 */
	pauseFor(runId: number, reason: { code: string; message: string; remedy: string; said?: ErrorSaid }): boolean {
		return this.s.pauseFor.run(JSON.stringify(reason), runId).changes > 0;
	}

	/** Puts a claimed job back in the queue as if it had never been tried (its failure was the run's, not its own). */
	release(jobId: number): void {
		this.s.release.run(jobId);
	}

	setConcurrency(runId: number, concurrency: number): void {
		this.s.setConcurrency.run(concurrency, runId);
	}

	/** Adds a page of jobs and moves the cursor past it in one transaction: a crash keeps both or neither. */
	addPage(runId: number, jobs: NewJob[], cursor: number, enumerated: boolean, total: number): void {
		this.db
			.transaction(() => {
				for (const job of jobs) this.s.insertJob.run(runId, job.attachment_id, JSON.stringify(job.payload));
				this.s.setCursor.run(cursor, enumerated ? 1 : 0, total, runId);
			})
			.immediate();
	}

	claim(runId: number, owner: string, limit: number): JobRow[] {
		if (limit <= 0) return [];
		return this.db
			.transaction(() => {
				const now = Date.now();
				const ids = this.s.claimable.all(runId, now, limit) as Array<{ id: number }>;
				return ids.map(({ id }) => this.s.claim.get(owner, now, id) as JobRow).filter(Boolean);
			})
			.immediate();
	}

	/** When the earliest job in backoff becomes claimable (ms epoch), or null when none waits. */
	nextRetryAt(runId: number): number | null {
		return (this.s.nextRetryAt.get(runId) as { at: number | null }).at;
	}

	confirm(jobId: number, result: unknown, bytes: number): void {
		this.s.confirm.run(JSON.stringify(result), bytes, Date.now(), jobId);
	}

	/**
	 * Puts a claimed job back in the queue after `retryInMs`, or marks it failed for good. Answers false (and
	 * changes nothing) when the claim is no longer live: the lease gave the job to another try meanwhile.
	 */
	fail(
		job: Pick<JobRow, 'id' | 'claimed_at' | 'attempts'>,
		code: string,
		message: string,
		permanent: boolean,
		retryInMs: number,
		remedy = '',
		said: ErrorSaid | null = null,
	): boolean {
		const now = Date.now();
		return (
			this.s.fail.run(
				permanent ? JobStatus.FAILED : JobStatus.QUEUED,
				now + retryInMs,
				code,
				message,
				remedy || null,
				said ? JSON.stringify(said) : null,
				permanent ? 1 : 0,
				permanent ? now : null,
				job.id,
				job.claimed_at,
				job.attempts,
			).changes > 0
		);
	}

	skip(jobId: number, reason: string): void {
		this.s.skip.run(reason, Date.now(), jobId);
	}

	/** Confirmed results WordPress has not acknowledged yet, of every run of a kind on a site (also cancelled ones). */
	unacknowledged(kind: RunKind, limit: number, siteId = MAIN_SITE.id): JobRow[] {
		return this.s.unacknowledged.all(kind, siteId, limit) as JobRow[];
	}

	acknowledge(jobIds: number[]): void {
		this.db.transaction(() => jobIds.forEach((id) => this.s.acknowledge.run(id))).immediate();
	}

	/** Requeues running jobs claimed by another (dead) process, or claimed longer ago than the lease. */
	requeueStale(owner: string, leaseMs: number): number {
		return this.s.requeueStale.run(owner, Date.now() - leaseMs).changes;
	}

	/**
	 * Deletes the done and skipped jobs of finished runs (done or cancelled) once WordPress has acknowledged every
	 * result, keeping their counts in the run (`pruned`) and the failed and unsent jobs as they are: the run's
	 * summary and its failures stay, the rows of 100,000 uploads go. Answers how many rows were deleted.
	 */
	pruneFinished(): number {
		let deleted = 0;
		for (const { id } of this.s.unpruned.all() as Array<{ id: number }>) {
			deleted += this.db
				.transaction(() => {
					if ((this.s.inFlight.get(id) as { n: number }).n > 0) return 0; // Results WordPress has not acknowledged yet.
					const summary = { done: 0, skipped: 0, bytes: 0 };
					for (const row of this.s.prunable.all(id) as Array<{ status: number; n: number; bytes: number }>) {
						summary[row.status === JobStatus.DONE ? 'done' : 'skipped'] += row.n;
						summary.bytes += row.bytes;
					}
					this.s.setPruned.run(JSON.stringify(summary), id);
					return this.s.deletePrunable.run(id).changes;
				})
				.immediate();
		}
		// Deleted rows leave free pages the next run reuses; past a few MB of them the file is compacted, so the
		// data folder does not keep the size of the largest run ever made (145 MB after 100,000 attachments, 0.1 MB
		// once compacted). In WAL mode VACUUM writes to the log: the checkpoint puts it in the file and truncates both.
		if (
			deleted > 0 &&
			(this.db.pragma('freelist_count', { simple: true }) as number) * (this.db.pragma('page_size', { simple: true }) as number) > 4 * 1048576
		) {
			try {
				this.db.exec('VACUUM');
				this.db.pragma('wal_checkpoint(TRUNCATE)');
			} catch {
				// Another connection is busy: the free pages are reused all the same.
			}
		}
		return deleted;
	}

	counts(runId: number): { queued: number; running: number; confirmed: number; done: number; failed: number; skipped: number; bytes: number } {
		const pruned = (this.s.prunedOf.get(runId) as { pruned: string | null } | undefined)?.pruned;
		const kept = pruned ? (JSON.parse(pruned) as { done: number; skipped: number; bytes: number }) : { done: 0, skipped: 0, bytes: 0 };
		const counts = { queued: 0, running: 0, confirmed: 0, done: kept.done, failed: 0, skipped: kept.skipped, bytes: kept.bytes };
		const names = ['queued', 'running', 'confirmed', 'done', 'failed', 'skipped'] as const;
		for (const row of this.s.countStatus.all(runId) as Array<{ status: number; n: number; bytes: number | null }>) {
			counts[names[row.status]] += row.n;
			counts.bytes += row.bytes ?? 0;
		}
		return counts;
	}

	queued(runId: number): number {
		return (this.s.queued.get(runId) as { n: number }).n;
	}

	finishedSince(runId: number, since: number): number {
		return (this.s.finishedSince.get(runId, since) as { n: number }).n;
	}

	errors(runId: number, limit = 200) {
		return this.s.errors.all(runId, limit) as Array<{
			attachment_id: number;
			last_error_code: string;
			last_error: string;
			last_remedy: string | null;
			last_said: string | null;
			attempts: number;
			permanent: number;
		}>;
	}
}

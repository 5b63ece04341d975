// What `GET /v1/<kind>/current` answers for a site's latest run: counts, rate and time left, the pause or outage
// it waits on, and the failures with their fixes. Read from the job database alone, so a restarted sidecar answers
// the same; kept apart from KindRunner so it can be read and tested without a running engine.
import { parseSaid } from './error-said';
import { type JobStore, RUN_STATE_NAMES, RunState, type RunRow } from './job-store';
import type { PausedReason, RunProgress } from './progress';
import type { OutageReport } from './storage-outage';

/** The rate is what finished in the last 20 s (or since the run started or resumed, if sooner). */
const RATE_WINDOW_MS = 20_000;

export function idleProgress(siteId: number): RunProgress {
	return {
		site_id: siteId,
		state: 'idle',
		total: 0,
		done: 0,
		failed: 0,
		bytes: 0,
		rate_per_second: 0,
		eta_seconds: null,
		awaiting_wordpress: 0,
		paused_reason: null,
		waiting_for_storage: null,
		errors: [],
	};
}

/** A run's progress; `outage` is what the storage-outage breaker reports now (null: the storage answers). */
export function runProgress(store: JobStore, run: RunRow, siteId: number, outage: OutageReport | null, now = Date.now()): RunProgress {
	const counts = store.counts(run.id);
	const done = counts.done + counts.skipped + counts.confirmed;
	const window = Math.min(RATE_WINDOW_MS, now - (run.resumed_at ?? run.created_at));
	const rate = run.state === RunState.RUNNING && window > 500 ? (store.finishedSince(run.id, now - window) * 1000) / window : 0;
	// Jobs are added page by page: until the last page, the run's total (counted at start) may be above what is known.
	const total = Math.max(run.total, done + counts.failed + counts.queued + counts.running);
	const remaining = Math.max(0, total - done - counts.failed);
	return {
		id: run.id,
		site_id: siteId,
		state: RUN_STATE_NAMES[run.state],
		total,
		done,
		failed: counts.failed,
		bytes: counts.bytes,
		rate_per_second: Math.round(rate * 10) / 10,
		eta_seconds: rate > 0 ? Math.round(remaining / rate) : null,
		concurrency: run.concurrency,
		awaiting_wordpress: counts.confirmed,
		started_at: Math.floor(run.created_at / 1000),
		finished_at: run.finished_at ? Math.floor(run.finished_at / 1000) : null,
		waiting_for_storage: run.state === RunState.RUNNING ? outage : null,
		paused_reason: run.state === RunState.PAUSED && run.paused_reason ? (JSON.parse(run.paused_reason) as PausedReason) : null,
		errors: store.errors(run.id).map((error) => {
			const said = parseSaid(error.last_said);
			return {
				attachment_id: error.attachment_id,
				code: error.last_error_code,
				reason: error.last_error,
				remedy: error.last_remedy ?? '',
				attempts: error.attempts,
				permanent: error.permanent === 1,
				...(said ? { said } : {}),
			};
		}),
	};
}

// What a failed item means for its run, decided in one place:
// - an error of the storage settings (refused key, missing bucket, wrong region, TLS) would fail every item alike:
//   the run pauses with that reason and the item gets its attempt back (resume reads the settings again);
// - a storage that stops answering trips the outage breaker: the item gets its attempt back and the run holds;
// - anything else is the item's own: retried with backoff, or failed for good (retry-policy.ts).
import { SidecarError } from '../errors';
import { log } from '../log';
import { saidOf } from './error-said';
import type { JobRow, JobStore } from './job-store';
import { retryDecision, stopsTheRun } from './retry-policy';
import type { StorageOutage } from './storage-outage';

export type FailureOutcome = 'paused' | 'held' | 'retried' | 'failed';

export interface FailureContext {
	store: JobStore;
	outage: StorageOutage;
	/** For the log line only. */
	kind: string;
	siteId: number;
}

/** Any error as a SidecarError with a code and a remedy: an unexpected one is E_INTERNAL, pointing to the log. */
export function asSidecarError(error: unknown): SidecarError {
	return error instanceof SidecarError ? error : new SidecarError('E_INTERNAL', (error as Error)?.message ?? String(error), 'Check the sidecar log.');
}

export function recordFailure(context: FailureContext, job: JobRow, error: unknown): FailureOutcome {
	const { store, outage, kind, siteId } = context;
	const coded = asSidecarError(error);
	if (stopsTheRun(coded.code)) {
		store.release(job.id);
		const said = saidOf(coded);
		if (store.pauseFor(job.run_id, { ...coded.toJSON(), ...(said ? { said } : {}) })) {
			log.warn({ kind, site: siteId, run: job.run_id, code: coded.code }, `${kind} run ${job.run_id} paused: ${coded.message} ${coded.remedy}`);
		}
		return 'paused';
	}
	if (outage.failed(coded)) {
		store.release(job.id); // The storage is down, not this item: it keeps its attempt.
		return 'held';
	}
	const decision = retryDecision(coded.code, job.attempts);
	store.fail(job, coded.code, coded.message, decision.permanent, decision.delayMs, coded.remedy, saidOf(coded));
	return decision.permanent ? 'failed' : 'retried';
}

// What a failed item means for its run, decided in one place:
// - an error of the storage settings (refused key, missing bucket, wrong region, TLS) would fail every item alike:
//   the run pauses with that reason and the item gets its attempt back (resume reads the settings again);
// - a storage that stops answering trips the outage breaker: the item gets its attempt back and the run holds;
// - anything else is the item's own: retried with backoff, or failed for good (retry-policy.ts).
import { INTERNAL_REMEDY, SidecarError } from '../errors';
import { log } from '../log';
import { saySidecar } from '../sidecar-messages';
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

/**
 * Any error as a SidecarError with a code and a remedy: an unexpected one is E_INTERNAL, naming the runtime's own
 * words (a full disk, a bug) and pointing to the log, where the stack is.
 */
export function asSidecarError(error: unknown): SidecarError {
	if (error instanceof SidecarError) return error;
	const text = (error as Error)?.message ?? String(error);
	return new SidecarError('E_INTERNAL', `The sidecar failed unexpectedly: ${text}`, INTERNAL_REMEDY, {
		cause: error,
		said: { message: saySidecar('sidecar.failed', { error: text }), remedy: saySidecar('sidecar.internal.fix') },
	});
}

export function recordFailure(context: FailureContext, job: JobRow, error: unknown): FailureOutcome {
	const { store, outage, kind, siteId } = context;
	const coded = asSidecarError(error);
	if (!(error instanceof SidecarError)) {
		// Nothing foresaw it: the stack goes to the log the remedy points to.
		log.error({ kind, site: siteId, run: job.run_id, attachment: job.attachment_id, err: error }, `${kind} item failed unexpectedly: ${coded.message}`);
	}
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

import type { SidecarError } from '../errors';
import { log } from '../log';
import { type ErrorSaid, saidOf } from './error-said';
import { retryBaseMs } from './retry-policy';

/** Network errors: the storage did not answer at all, which says nothing about the item being uploaded. */
const OUTAGE_CODES = new Set(['E_NETWORK', 'E_TIMEOUT']);
/** This many network failures in a row, with no success in between, and the storage counts as down. */
const FAILURES_IN_A_ROW = 8;
const MAX_WAIT_MS = 5 * 60_000;

export interface OutageReport {
	code: string;
	message: string;
	remedy: string;
	/** The message and remedy as codes WordPress words in the site's language (absent: show the English). */
	said?: ErrorSaid;
	since: number;
	retry_at: number;
}

/**
 * A circuit breaker for a storage that stopped answering. Per-item retries would turn an hour-long outage into
 * thousands of items failed for good; instead, once network failures come in a row, the run holds: failing items
 * keep their attempts, and one item at a time probes the storage, with waits doubling up to five minutes. The
 * first success ends the outage and the run goes on at full speed. Kept in memory: a restarted sidecar just
 * tries again.
 */
export class StorageOutage {
	private failuresInARow = 0;
	private outage: { error: SidecarError; since: number; retryAt: number; waitMs: number } | null = null;

	succeeded(): void {
		this.failuresInARow = 0;
		if (this.outage) log.info(`the storage answers again after ${Math.round((Date.now() - this.outage.since) / 1000)} s`);
		this.outage = null;
	}

	/** Records a failure; true when it belongs to the outage (the item is not to blame and keeps its attempt). */
	failed(error: SidecarError): boolean {
		// Other failures do not count: a file missing on disk says nothing about the storage, and a 5xx is an answer.
		if (!OUTAGE_CODES.has(error.code)) return false;
		this.failuresInARow++;
		if (!this.outage && this.failuresInARow < FAILURES_IN_A_ROW) return false;
		const now = Date.now();
		if (!this.outage) {
			const waitMs = retryBaseMs();
			this.outage = { error, since: now, retryAt: now + waitMs, waitMs };
			log.warn({ code: error.code }, `the storage does not answer (${error.message}); holding the run, next try in ${waitMs} ms`);
		} else if (now >= this.outage.retryAt) {
			// A probe failed: wait twice as long before the next one.
			const waitMs = Math.min(MAX_WAIT_MS, this.outage.waitMs * 2);
			this.outage = { ...this.outage, error, retryAt: now + waitMs, waitMs };
		}
		return true;
	}

	/** How many jobs may start now: none while waiting, one probe at a time during an outage. */
	allowedSlots(slots: number, inFlight: number): number {
		if (!this.outage) return slots;
		return Date.now() >= this.outage.retryAt && inFlight === 0 ? 1 : 0;
	}

	/** Milliseconds until the next probe, or null when the storage answers. */
	waitMs(): number | null {
		return this.outage ? Math.max(0, this.outage.retryAt - Date.now()) : null;
	}

	report(): OutageReport | null {
		if (!this.outage) return null;
		const { error, since, retryAt } = this.outage;
		const said = saidOf(error);
		return {
			code: error.code,
			message: error.message,
			remedy: error.remedy,
			...(said ? { said } : {}),
			since: Math.floor(since / 1000),
			retry_at: Math.ceil(retryAt / 1000),
		};
	}
}

import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * How long the sidecar waits for cloud storage. Two limits, and no limit on a request's total time:
 *
 * - **Connecting: 10 s.** A reachable host answers a TCP SYN within one round trip (under 1 s even across
 *   continents); Linux resends an unanswered SYN after 1, 3 and 7 s, so 10 s lets three resends over a lossy
 *   link through and gives up on a host that drops them (a firewall, a wrong port).
 * - **Silence: 30 s** (`WPMC_STORAGE_TIMEOUT_SECONDS`). A request is given up when no byte has moved on its
 *   connection, in either direction, for this long. It is an idle timeout, not a total one: four 8 MiB multipart
 *   parts in flight on a 1 Mbit/s uplink take ~4.5 minutes each and pass, because their bytes keep moving
 *   (a total limit of 120 s, as before, failed them all). S3 itself drops a
 *   client that stays silent for 20 s (its `RequestTimeout` error), and it keeps a long CompleteMultipartUpload
 *   alive by sending spaces; 30 s leaves room for a slow self-hosted server answering after a whole body.
 *
 * A request that timed out is not sent again by the SDK: a storage that accepted a connection and then said
 * nothing for 30 s is stuck, not flaky, and each retry would keep the user waiting as long again. The caller
 * retries later instead (the pending queue for the upload hook, the job engine's backoff for a migration).
 * Resets and 5xx answers are still retried at once.
 */
export const CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_SILENCE_SECONDS = 30;

/**
 * The most `WPMC_STORAGE_TIMEOUT_SECONDS` may be: WordPress waits 120 s for an upload (Sidecar_Client::request),
 * and an upload with verification may meet a silent storage twice (the PUT answered at the last moment, then the
 * HEAD): 2 × (10 s connecting + 45 s + 3 s, see SOCKET_TIMEOUT_DEFERRAL_MS) = 116 s stays under it.
 */
export const MAX_SILENCE_SECONDS = 45;

/**
 * `@smithy/node-http-handler` starts watching a socket for silence 3 s after the request begins when the limit is
 * 6 s or more (DEFER_EVENT_LISTENER_TIME in its source), so a silent request ends up to 3 s after the limit.
 */
const SOCKET_TIMEOUT_DEFERRAL_MS = 3_000;

export interface StorageTimeouts {
	connectMs: number;
	silenceMs: number;
}

/** Reads `WPMC_STORAGE_TIMEOUT_SECONDS`; a value that is not a number of seconds in range is refused by name. */
export function readStorageTimeouts(env: NodeJS.ProcessEnv = process.env): StorageTimeouts {
	const raw = env.WPMC_STORAGE_TIMEOUT_SECONDS?.trim();
	const seconds = raw ? Number(raw) : DEFAULT_SILENCE_SECONDS;
	if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_SILENCE_SECONDS) {
		throw new RangeError(
			`WPMC_STORAGE_TIMEOUT_SECONDS must be a number of seconds from 1 to ${MAX_SILENCE_SECONDS} (got "${raw}"); leave it unset for ${DEFAULT_SILENCE_SECONDS}.`,
		);
	}
	const silenceMs = Math.round(seconds * 1000);
	return { connectMs: Math.min(CONNECT_TIMEOUT_MS, silenceMs), silenceMs };
}

/** The problem with `WPMC_STORAGE_TIMEOUT_SECONDS`, for the start-up check (config.ts); null when it is fine. */
export function storageTimeoutProblem(env: NodeJS.ProcessEnv = process.env): string | null {
	try {
		readStorageTimeouts(env);
		return null;
	} catch (error) {
		return (error as Error).message;
	}
}

let current: StorageTimeouts | undefined;

/** The timeouts of this process, read once. */
export function storageTimeouts(): StorageTimeouts {
	current ??= readStorageTimeouts();
	return current;
}

/** The longest one request can take when the storage stops answering: connecting, then silence. */
export function silentRequestBudgetMs(timeouts: StorageTimeouts = storageTimeouts()): number {
	return timeouts.connectMs + timeouts.silenceMs + (timeouts.silenceMs >= 6_000 ? SOCKET_TIMEOUT_DEFERRAL_MS : 0);
}

/**
 * The HTTP handler of every S3 client: keep-alive connections (an attachment is ~8 parallel PUTs, a migration
 * thousands), the connect limit (shorter for the health check, which must answer while the user waits) and the
 * silence limit above. `requestTimeout` (a total limit in this version of the handler) stays off on purpose.
 */
export function storageRequestHandler(connectionTimeoutMs?: number): NodeHttpHandler {
	const timeouts = storageTimeouts();
	return new NodeHttpHandler({
		httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
		httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
		connectionTimeout: Math.min(connectionTimeoutMs ?? timeouts.connectMs, timeouts.connectMs),
		socketTimeout: timeouts.silenceMs,
	});
}

/**
 * True for the handler's own timeouts (connecting, or a silent socket). The handler also renames a reset
 * connection (ECONNRESET, EPIPE) "TimeoutError" (NODEJS_TIMEOUT_ERROR_CODES in its source): that is no timeout,
 * and is retried (a multipart part whose connection was reset is sent again: test/sidecar/big-files.test.ts).
 */
export function isTimeout(error: unknown): boolean {
	const e = error as { name?: string; code?: string } | undefined;
	if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE') return false;
	return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

type StandardRetryToken = Awaited<ReturnType<StandardRetryStrategy['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];

/** The SDK's standard retries (backoff, retry quota, clock-skew correction), except after a timeout (see above). */
export class RetryExceptTimeouts implements Pick<StandardRetryStrategy, 'acquireInitialRetryToken' | 'refreshRetryTokenForRetry' | 'recordSuccess'> {
	private readonly standard: StandardRetryStrategy;

	constructor(maxAttempts: number) {
		this.standard = new StandardRetryStrategy(maxAttempts);
	}

	acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
		return this.standard.acquireInitialRetryToken(scope);
	}

	refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
		// Rejecting here makes the SDK throw the request's own error, as when attempts run out.
		if (isTimeout(errorInfo.error)) return Promise.reject(errorInfo.error);
		return this.standard.refreshRetryTokenForRetry(token, errorInfo);
	}

	recordSuccess(token: StandardRetryToken): void {
		this.standard.recordSuccess(token);
	}
}

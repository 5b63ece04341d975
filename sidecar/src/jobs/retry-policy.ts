/**
 * How often a failed item is tried again, by error code. Problems a retry cannot fix by itself (a file
 * missing on disk, a key without permission) get a few quick tries, in case the user fixes them meanwhile;
 * storage hiccups (5xx, resets, timeouts) get more, with exponential backoff.
 */
const MAX_ATTEMPTS: Record<string, number> = {
	E_FILE_MISSING: 3,
	E_ACCESS_DENIED: 3,
	E_AUTH: 3,
	E_BUCKET_NOT_FOUND: 3,
	E_WRONG_REGION: 3,
	E_PATH_OUTSIDE_UPLOADS: 1,
	E_FORBIDDEN_NAME: 1,
	E_BAD_REQUEST: 1,
	E_SOURCE_UNAVAILABLE: 3,
};
const DEFAULT_MAX_ATTEMPTS = 8;
const MAX_DELAY_MS = 5 * 60_000;

/**
 * Errors of the storage settings rather than of an item: every other item would fail the same way, so the run
 * pauses with the reason instead (see KindRunner), and the items keep their attempts for after the fix.
 */
const RUN_WIDE_CODES = new Set(['E_AUTH', 'E_ACCESS_DENIED', 'E_BUCKET_NOT_FOUND', 'E_WRONG_REGION', 'E_TLS']);

export function stopsTheRun(code: string): boolean {
	return RUN_WIDE_CODES.has(code);
}

/** Base of the backoff; WPMC_RETRY_BASE_MS shortens it for tests. */
export function retryBaseMs(env: NodeJS.ProcessEnv = process.env): number {
	const value = Number(env.WPMC_RETRY_BASE_MS);
	return Number.isFinite(value) && value > 0 ? value : 2000;
}

export function retryDecision(code: string, attempts: number, baseMs = retryBaseMs()): { permanent: boolean; delayMs: number } {
	const permanent = attempts >= (MAX_ATTEMPTS[code] ?? DEFAULT_MAX_ATTEMPTS);
	// Jitter spreads the retries of items that failed together (a 503 burst) so they do not return together.
	const delayMs = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempts - 1)) * (0.75 + Math.random() * 0.5);
	return { permanent, delayMs: Math.round(delayMs) };
}

import type { JobDatabase } from '../jobs/database';

/**
 * The nonces of signed requests already answered. A nonce only needs remembering while its timestamp is
 * still accepted (MAX_CLOCK_DRIFT_SECONDS either side of now): after that the request is refused as expired
 * anyway, so each entry carries that moment and is forgotten after it.
 */
export interface SeenNonces {
	/** Remembers `nonce` until `expiresAt` (Unix seconds); false when it was seen before (a replay). */
	firstSeen(nonce: string, expiresAt: number, nowSeconds: number): boolean;
}

/**
 * Kept in the job database (table seen_nonces, schema migration 5), so a request answered before a restart
 * is still refused after it. INSERT OR IGNORE on the primary key is the atomic check-and-remember; expired
 * rows go on each call (one indexed range delete, a handful of rows: the heartbeat and page calls make a few
 * a minute).
 */
export function seenNoncesIn(db: JobDatabase): SeenNonces {
	const insert = db.prepare('INSERT OR IGNORE INTO seen_nonces (nonce, expires_at) VALUES (?, ?)');
	const prune = db.prepare('DELETE FROM seen_nonces WHERE expires_at < ?');
	return {
		firstSeen(nonce, expiresAt, nowSeconds) {
			prune.run(nowSeconds);
			return insert.run(nonce, expiresAt).changes === 1;
		},
	};
}

/** In memory only (a sidecar built without its job database, e.g. by a test of the HTTP layer alone). */
export function seenNoncesInMemory(): SeenNonces {
	const seen = new Map<string, number>();
	return {
		firstSeen(nonce, expiresAt, nowSeconds) {
			for (const [known, expiry] of seen) if (expiry < nowSeconds) seen.delete(known);
			if (seen.has(nonce)) return false;
			seen.set(nonce, expiresAt);
			return true;
		},
	};
}

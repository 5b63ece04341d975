import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How old (or how far in the future) a signed request may be, in seconds. */
export const MAX_CLOCK_DRIFT_SECONDS = 300;

export interface SignedHeaders {
	'X-WPMC-Timestamp': string;
	'X-WPMC-Nonce': string;
	'X-WPMC-Signature': string;
}

/**
 * The string both sides sign. The body is hashed so that a signature covers exactly the bytes sent;
 * the nonce lets the receiver refuse a replay within the drift window.
 */
export function canonicalString(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
	const bodyHash = createHash('sha256').update(body).digest('hex');
	return [method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n');
}

export function sign(secret: string, method: string, path: string, body: Buffer | string, now = Date.now()): SignedHeaders {
	const timestamp = String(Math.floor(now / 1000));
	const nonce = randomBytes(16).toString('hex');
	const signature = createHmac('sha256', secret)
		.update(canonicalString(method, path, timestamp, nonce, body))
		.digest('hex');
	return { 'X-WPMC-Timestamp': timestamp, 'X-WPMC-Nonce': nonce, 'X-WPMC-Signature': signature };
}

export function signatureMatches(secret: string, expectedInput: string, signature: string): boolean {
	const expected = createHmac('sha256', secret).update(expectedInput).digest();
	const given = Buffer.from(signature, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

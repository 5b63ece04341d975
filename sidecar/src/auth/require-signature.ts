import type { Request, RequestHandler } from 'express';
import { SidecarError } from '../errors';
import { type SeenNonces, seenNoncesInMemory } from './seen-nonces';
import { canonicalString, MAX_CLOCK_DRIFT_SECONDS, signatureMatches } from './signature';

export interface SignatureHeaders {
	timestamp: string;
	nonce: string;
	signature: string;
}

/**
 * The signature headers when they are all there, well formed and fresh; otherwise why not. Needs no body, so it
 * runs before the body is read: a request that fails here gets only a small body limit (app.ts).
 */
export function signatureHeadersOf(req: Request, nowSeconds = Math.floor(Date.now() / 1000)): SignatureHeaders | { refusal: string } {
	const timestamp = req.get('X-WPMC-Timestamp') ?? '';
	const nonce = req.get('X-WPMC-Nonce') ?? '';
	const signature = req.get('X-WPMC-Signature') ?? '';
	if (!timestamp || !nonce || !signature) return { refusal: 'The request is not signed.' };
	if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_DRIFT_SECONDS) {
		return { refusal: 'The request signature has expired.' };
	}
	if (nonce.length < 16 || nonce.length > 128) return { refusal: 'The request nonce is invalid.' };
	if (!/^[0-9a-f]{64}$/i.test(signature)) return { refusal: 'The request signature does not match.' };
	return { timestamp, nonce, signature };
}

/**
 * Refuses every request that is not signed with the shared secret, is too old, or replays a nonce.
 * Must run after a raw body parser: the signature covers the method, the path with its query
 * (req.originalUrl, exactly as sent) and the exact body bytes received.
 */
export function requireSignature(secret: string, seenNonces: SeenNonces = seenNoncesInMemory()): RequestHandler {
	return (req, _res, next) => {
		const refuse = (message: string) =>
			next(
				new SidecarError(
					'E_UNAUTHORIZED',
					message,
					'Make WPMC_SECRET on the sidecar equal WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php, and keep both clocks in sync.',
				),
			);

		const nowSeconds = Math.floor(Date.now() / 1000);
		const headers = signatureHeadersOf(req, nowSeconds);
		if ('refusal' in headers) return refuse(headers.refusal);

		const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		const input = canonicalString(req.method, req.originalUrl, headers.timestamp, headers.nonce, body);
		if (!signatureMatches(secret, input, headers.signature)) return refuse('The request signature does not match.');

		if (!seenNonces.firstSeen(headers.nonce, Number(headers.timestamp) + MAX_CLOCK_DRIFT_SECONDS, nowSeconds)) {
			return refuse('The request was already used (replay refused).');
		}
		next();
	};
}

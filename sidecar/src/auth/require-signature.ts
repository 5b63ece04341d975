import type { Request, RequestHandler } from 'express';
import { SidecarError } from '../errors';
import type { Message } from '../messages';
import { saySidecar } from '../sidecar-messages';
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
export function signatureHeadersOf(req: Request, nowSeconds = Math.floor(Date.now() / 1000)): SignatureHeaders | { refusal: Refusal } {
	const timestamp = req.get('X-WPMC-Timestamp') ?? '';
	const nonce = req.get('X-WPMC-Nonce') ?? '';
	const signature = req.get('X-WPMC-Signature') ?? '';
	if (!timestamp || !nonce || !signature) return { refusal: REFUSALS.unsigned };
	if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_DRIFT_SECONDS) {
		return { refusal: REFUSALS.expired };
	}
	if (nonce.length < 16 || nonce.length > 128) return { refusal: REFUSALS.nonce };
	if (!/^[0-9a-f]{64}$/i.test(signature)) return { refusal: REFUSALS.mismatch };
	return { timestamp, nonce, signature };
}

/** Why a request is refused: in English for the log and an older plugin, and as its code for WordPress to word. */
interface Refusal {
	text: string;
	said: Message;
}

const REFUSALS = {
	unsigned: { text: 'The request is not signed.', said: saySidecar('sidecar.unsigned') },
	expired: { text: 'The request signature has expired.', said: saySidecar('sidecar.signature_expired') },
	nonce: { text: 'The request nonce is invalid.', said: saySidecar('sidecar.nonce_invalid') },
	mismatch: { text: 'The request signature does not match.', said: saySidecar('sidecar.signature_mismatch') },
	replayed: { text: 'The request was already used (replay refused).', said: saySidecar('sidecar.replayed') },
} satisfies Record<string, Refusal>;

/**
 * Refuses every request that is not signed with the shared secret, is too old, or replays a nonce.
 * Must run after a raw body parser: the signature covers the method, the path with its query
 * (req.originalUrl, exactly as sent) and the exact body bytes received.
 */
export function requireSignature(secret: string, seenNonces: SeenNonces = seenNoncesInMemory()): RequestHandler {
	return (req, _res, next) => {
		const refuse = (refusal: Refusal) =>
			next(
				new SidecarError(
					'E_UNAUTHORIZED',
					refusal.text,
					'Make WPMC_SECRET on the sidecar equal WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php, and keep both clocks in sync.',
					{ said: { message: refusal.said, remedy: saySidecar('sidecar.unauthorized.fix') } },
				),
			);

		const nowSeconds = Math.floor(Date.now() / 1000);
		const headers = signatureHeadersOf(req, nowSeconds);
		if ('refusal' in headers) return refuse(headers.refusal);

		const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		const input = canonicalString(req.method, req.originalUrl, headers.timestamp, headers.nonce, body);
		if (!signatureMatches(secret, input, headers.signature)) return refuse(REFUSALS.mismatch);

		if (!seenNonces.firstSeen(headers.nonce, Number(headers.timestamp) + MAX_CLOCK_DRIFT_SECONDS, nowSeconds)) {
			return refuse(REFUSALS.replayed);
		}
		next();
	};
}

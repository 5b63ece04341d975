import type { RequestHandler } from 'express';
import { SidecarError } from '../errors';
import { canonicalString, MAX_CLOCK_DRIFT_SECONDS, signatureMatches } from './signature';

/**
 * Refuses every request that is not signed with the shared secret, is too old, or replays a nonce.
 * Must run after a raw body parser: the signature covers the exact bytes received.
 */
export function requireSignature(secret: string): RequestHandler {
	const seenNonces = new Map<string, number>();

	const forgetExpiredNonces = (nowSeconds: number) => {
		for (const [nonce, timestamp] of seenNonces) {
			if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_DRIFT_SECONDS) seenNonces.delete(nonce);
		}
	};

	return (req, _res, next) => {
		const refuse = (message: string) =>
			next(
				new SidecarError(
					'E_UNAUTHORIZED',
					message,
					'Make WPMC_SECRET on the sidecar equal WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php, and keep both clocks in sync.',
				),
			);

		const timestamp = req.get('X-WPMC-Timestamp') ?? '';
		const nonce = req.get('X-WPMC-Nonce') ?? '';
		const signature = req.get('X-WPMC-Signature') ?? '';
		if (!timestamp || !nonce || !signature) return refuse('The request is not signed.');

		const nowSeconds = Math.floor(Date.now() / 1000);
		if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_DRIFT_SECONDS) {
			return refuse('The request signature has expired.');
		}
		if (nonce.length < 16 || nonce.length > 128) return refuse('The request nonce is invalid.');

		const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		const input = canonicalString(req.method, req.originalUrl, timestamp, nonce, body);
		if (!signatureMatches(secret, input, signature)) return refuse('The request signature does not match.');

		forgetExpiredNonces(nowSeconds);
		if (seenNonces.has(nonce)) return refuse('The request was already used (replay refused).');
		seenNonces.set(nonce, Number(timestamp));
		next();
	};
}

// Signed requests to a sidecar, as WordPress sends them (docs/architecture.md, "PHP ↔ sidecar protocol").
// Written out here rather than imported from the sidecar, so a test also catches a change of the signing rule.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { TestSite } from './stack';

export interface SidecarAnswer<T = any> {
	status: number;
	body: T;
}

/** The headers WordPress signs a request with; `timestampSeconds` other than now makes an old (or future) request. */
export function signedHeaders(
	secret: string,
	method: string,
	path: string,
	body: string,
	timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
	const timestamp = String(timestampSeconds);
	const nonce = randomBytes(16).toString('hex');
	const bodyHash = createHash('sha256').update(body).digest('hex');
	const signature = createHmac('sha256', secret).update([method, path, timestamp, nonce, bodyHash].join('\n')).digest('hex');
	return { 'Content-Type': 'application/json', 'X-WPMC-Timestamp': timestamp, 'X-WPMC-Nonce': nonce, 'X-WPMC-Signature': signature };
}

/** POSTs a JSON body to a sidecar (the site's own, or one a test started with the site's secret). */
export async function sidecarPost<T = any>(target: { sidecarUrl: string; sidecarSecret: string }, path: string, payload: unknown): Promise<SidecarAnswer<T>> {
	const body = JSON.stringify(payload);
	const response = await fetch(`${target.sidecarUrl}${path}`, { method: 'POST', headers: signedHeaders(target.sidecarSecret, 'POST', path, body), body });
	return { status: response.status, body: (await response.json()) as T };
}

/** The site's bucket on s3rver as WordPress would send it for the s3-compatible provider. */
export function s3rverStorage(site: TestSite, endpoint = site.s3.endpoint) {
	return {
		provider: 's3-compatible',
		endpoint,
		region: site.s3.region,
		bucket: site.s3.bucket,
		access_key: site.s3.accessKeyId,
		secret_key: site.s3.secretAccessKey,
		path_style: true,
	};
}

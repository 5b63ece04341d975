import { randomBytes } from 'node:crypto';
import type { HealthContext } from './types';

/** Where probe objects go: beside the real uploads, so prefix-scoped policies and CDN rules apply to them too. */
export function probeKey(objectPrefix: string): string {
	const prefix = objectPrefix.replace(/^\/+|\/+$/g, '');
	return `${prefix ? `${prefix}/` : ''}.wpmc-health/probe-${Date.now()}-${randomBytes(4).toString('hex')}.txt`;
}

export function probeBody(): Buffer {
	return Buffer.from(`WP Media Cloud health probe ${randomBytes(16).toString('hex')}\n`);
}

/** Uploads the probe once per run (the upload, public-access and CDN checks share it); throws the classified error. */
export async function ensureProbe(context: HealthContext): Promise<void> {
	if (context.probe.uploaded) return;
	if (context.probe.uploadError) throw context.probe.uploadError;
	try {
		await context.adapter.put({
			key: context.probe.key,
			body: context.probe.body,
			size: context.probe.body.length,
			contentType: 'text/plain',
			// A CDN must not keep the probe: every run uploads a new one anyway.
			cacheControl: 'no-store',
		});
		context.probe.uploaded = true;
	} catch (error) {
		context.probe.uploadError = error;
		throw error;
	}
}

/** Removes the probe if a check left it (best effort: a leftover probe is a few bytes under .wpmc-health/). */
export async function removeProbe(context: HealthContext): Promise<void> {
	if (!context.probe.uploaded) return;
	try {
		await context.adapter.delete([context.probe.key]);
	} catch {
		// The upload check reports delete failures; here we only clean up.
	}
	context.probe.uploaded = false;
}

/** Anonymous GET of a URL: what a visitor's browser does. Resolves the status and bytes, or rejects like fetch. */
export async function anonymousGet(url: string, timeoutMs: number): Promise<{ status: number; body: Buffer; server: string }> {
	const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { 'Cache-Control': 'no-cache' } });
	const body = Buffer.from(await response.arrayBuffer());
	return { status: response.status, body, server: response.headers.get('server') ?? '' };
}

/** fetch() hides the socket error in `cause`; classification wants its code. */
export function fetchFailure(error: unknown): unknown {
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	if ((error as Error)?.name === 'TimeoutError') return error;
	return cause?.code ? Object.assign(new Error(cause.message ?? cause.code), { code: cause.code, name: cause.code }) : error;
}

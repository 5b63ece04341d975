import type { Message } from '../../messages';
import { classifyStorageError } from '../../storage/classify-error';
import { providerHint } from '../../storage/storage-messages';
import { say } from '../health-messages';
import { anonymousGet, fetchFailure } from '../probe';
import { failed, type HealthContext, type HealthResult } from '../types';

/** Where the base of the URL pages use comes from, as WordPress' Public_Url::base() decides it. */
export type PageBaseSource = 'cdn' | 'public_url' | 'provider';

/**
 * The base of the URLs rendered pages use (no trailing slash), by WordPress' rule (Public_Url::base()): the CDN host
 * when set, else the public URL setting, else the provider's own form (virtual host or path, per Path-Style).
 */
export function pageBaseOf(context: HealthContext): { base: string; source: PageBaseSource } {
	if (context.cdnBase) return { base: context.cdnBase, source: 'cdn' };
	if ((context.storage.public_url ?? '').trim()) return { base: context.publicBase, source: 'public_url' };
	return { base: context.publicBase, source: 'provider' };
}

/** The probe's URL under a base, each key segment encoded as WordPress leaves file names (a visitor's request). */
export const probeUrl = (base: string, key: string) => `${base}/${key.split('/').map(encodeURIComponent).join('/')}`;

type Answer = { status: number; body: Buffer } | { error: unknown };

async function fetchProbe(url: string, timeoutMs: number): Promise<Answer> {
	try {
		return await anonymousGet(url, timeoutMs);
	} catch (error) {
		return { error };
	}
}

const serves = (answer: Answer, body: Buffer) => 'status' in answer && answer.status === 200 && answer.body.equals(body);

/**
 * The bucket's own URL in the other addressing style (path ↔ virtual host), when the Path-Style setting decides the
 * form of this provider's URLs; '' when it does not (a public URL or CDN is set, or the provider has one form only).
 */
function otherStyleBase(context: HealthContext): string {
	const { provider, storage } = context;
	const toggled = { ...storage, path_style: !storage.path_style };
	if (provider.forcePathStyle(toggled) === provider.forcePathStyle(storage)) return '';
	const base = provider.publicBase(toggled);
	// A base that is not even a URL (virtual host on an IP address: bucket.127.0.0.1) cannot be the fix.
	return base && base !== context.publicBase && URL.canParse(base) ? base : '';
}

/** What pages' URL answered, as the sentence that says so (the URL is in each). */
function whatHappened(context: HealthContext, url: string, base: string, answer: Answer): Message {
	if ('error' in answer) {
		const invalid = (answer.error as { cause?: { code?: string } })?.cause?.code === 'ERR_INVALID_URL';
		if (invalid) return say('page_url.invalid', { url });
		const { storage, provider } = context;
		const classified = classifyStorageError(fetchFailure(answer.error), { bucket: storage.bucket, provider, endpoint: base });
		return say('page_url.unreachable', { url, error: classified.said.message });
	}
	if (answer.status === 401 || answer.status === 403) return say('page_url.denied', { url, status: answer.status });
	if (answer.status === 404) return say('page_url.not_found', { url });
	return say('page_url.other_content', { url, status: answer.status });
}

/**
 * Fetches the probe object (uploaded, not deleted yet) anonymously through the URL pages would show it at, and
 * compares the bytes. `failure` is null when that URL serves it, else the failure with its cause and fix (checked
 * against the other addressing style when Path-Style decides the URL, so the fix can say which way to turn it).
 */
export async function checkPageUrl(context: HealthContext, test: string): Promise<{ url: string; ms: number; failure: HealthResult | null }> {
	const { provider, storage, probe } = context;
	const { base, source } = pageBaseOf(context);
	if (!base) {
		const message = say('page_url.no_public_url', { provider: provider.label });
		return { url: '', ms: 0, failure: failed(test, 'no_public_url', message, providerHint(provider, 'publicAccess'), { stage: 'page_url', source }) };
	}
	const url = probeUrl(base, probe.key);
	const start = Date.now();
	const answer = await fetchProbe(url, context.timeoutMs);
	const ms = Date.now() - start;
	if (serves(answer, probe.body)) return { url, ms, failure: null };

	const status = 'status' in answer ? answer.status : undefined;
	const details = { stage: 'page_url', source, url, status, ms };
	const found = whatHappened(context, url, base, answer);
	const fail = (cause: string, message: Message, fix: Message, more: Record<string, unknown> = {}) => ({
		url,
		ms,
		failure: failed(test, cause, message, fix, { ...details, ...more }),
	});

	// The endpoint serves the bucket in the other addressing style: the Path-Style setting is the fix.
	const other = source === 'provider' ? otherStyleBase(context) : '';
	if (other && serves(await fetchProbe(probeUrl(other, probe.key), context.timeoutMs), probe.body)) {
		const working_url = probeUrl(other, probe.key);
		return fail(
			'path_style',
			say(storage.path_style ? 'page_url.loads_virtual_hosted' : 'page_url.loads_path_style', { failure: found, working_url }),
			say(storage.path_style ? 'page_url.turn_path_style_off.fix' : 'page_url.turn_path_style_on.fix', { base: other }),
			{ working_base: other },
		);
	}

	if (source === 'cdn') {
		const host = URL.canParse(base) ? new URL(base).host : base;
		if ('error' in answer) return fail('cdn_unreachable', found, say('page_url.cdn_typo.fix', { host }));
		const fix = context.publicBase
			? say('page_url.cdn_origin.fix', { public_base: context.publicBase, host })
			: say('page_url.cdn_origin_unknown.fix', { host });
		return fail(status === 403 || status === 404 ? 'cdn_not_pulling' : 'cdn_wrong_host', found, fix);
	}
	if (status === 401 || status === 403) return fail('public_access_denied', found, providerHint(provider, 'publicAccess'));
	const unreachable = 'error' in answer;
	const fix =
		source === 'public_url'
			? say('page_url.public_url_setting.fix')
			: unreachable
				? say('page_url.check_endpoint.fix')
				: say('page_url.enter_public_url.fix', { public_hint: providerHint(provider, 'publicAccess') });
	return fail(unreachable ? 'public_url_unreachable' : 'public_url_wrong', found, fix);
}

import { classifyStorageError } from '../../storage/classify-error';
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

/**
 * Fetches the probe object (uploaded, not deleted yet) anonymously through the URL pages would show it at, and
 * compares the bytes. `failure` is null when that URL serves it, else the failure with its cause and fix (checked
 * against the other addressing style when Path-Style decides the URL, so the fix can say which way to turn it).
 */
export async function checkPageUrl(context: HealthContext, test: string, label: string): Promise<{ url: string; ms: number; failure: HealthResult | null }> {
	const { provider, storage, probe } = context;
	const { base, source } = pageBaseOf(context);
	if (!base) {
		return {
			url: '',
			ms: 0,
			failure: failed(
				test,
				label,
				'no_public_url',
				`A test file was uploaded, but ${provider.label} has no public URL that can be derived from the settings, so pages cannot show files from the bucket.`,
				provider.hints.publicAccess,
				{ stage: 'page_url', source },
			),
		};
	}
	const url = probeUrl(base, probe.key);
	const start = Date.now();
	const answer = await fetchProbe(url, context.timeoutMs);
	const ms = Date.now() - start;
	if (serves(answer, probe.body)) return { url, ms, failure: null };

	const status = 'status' in answer ? answer.status : undefined;
	const details = { stage: 'page_url', source, url, status, ms };
	const found = (what: string) => `A test file was uploaded and read back, but the URL pages use for files, ${url}, ${what}`;
	const whatHappened = (() => {
		if ('error' in answer) {
			const invalid = (answer.error as { cause?: { code?: string } })?.cause?.code === 'ERR_INVALID_URL';
			return invalid
				? 'is not a valid URL, so browsers cannot load it.'
				: `cannot be reached: ${classifyStorageError(fetchFailure(answer.error), { bucket: storage.bucket, provider, endpoint: base }).message}`;
		}
		if (status === 401 || status === 403) return `answers HTTP ${status} (Access Denied) to visitors.`;
		if (status === 404) return 'answers HTTP 404 for a file that is in the bucket.';
		return `answers HTTP ${status} with other content than the file in the bucket.`;
	})();

	// The endpoint serves the bucket in the other addressing style: the Path-Style setting is the fix.
	const other = source === 'provider' ? otherStyleBase(context) : '';
	if (other && serves(await fetchProbe(probeUrl(other, probe.key), context.timeoutMs), probe.body)) {
		const turn = storage.path_style ? 'off' : 'on';
		return {
			url,
			ms,
			failure: failed(
				test,
				label,
				'path_style',
				`${found(whatHappened)} The same file loads at ${probeUrl(other, probe.key)}: ${storage.path_style ? 'this endpoint serves buckets as subdomains (virtual-hosted style)' : 'this endpoint serves buckets only in the path (path style)'}.`,
				`Turn ${turn} “Path-Style URLs” in Media Cloud › Settings and save: pages then show files from ${other}/….`,
				{ ...details, working_base: other },
			),
		};
	}

	if (source === 'cdn') {
		const host = URL.canParse(base) ? new URL(base).host : base;
		if ('error' in answer) {
			return {
				url,
				ms,
				failure: failed(
					test,
					label,
					'cdn_unreachable',
					found(whatHappened),
					`Check the CDN host setting (${host}) for a typo: it must be the host name your CDN gave you. Clear it to serve files from the bucket’s own URL.`,
					details,
				),
			};
		}
		const cause = status === 403 || status === 404 ? 'cdn_not_pulling' : 'cdn_wrong_host';
		return {
			url,
			ms,
			failure: failed(
				test,
				label,
				cause,
				found(whatHappened),
				`Point the CDN’s origin at the bucket’s public URL${context.publicBase ? ` (${context.publicBase})` : ''}, or correct the CDN host setting (${host}).`,
				details,
			),
		};
	}
	if (status === 401 || status === 403) {
		return { url, ms, failure: failed(test, label, 'public_access_denied', found(whatHappened), provider.hints.publicAccess, details) };
	}
	const unreachable = 'error' in answer;
	const fix =
		source === 'public_url'
			? 'Set the public URL setting to the address that serves this bucket (check the bucket name and path in it), or clear it to use the bucket’s own URL.'
			: unreachable
				? 'Check the endpoint and region settings, or enter the address that serves this bucket’s files as the public URL.'
				: `Enter the address that serves this bucket’s files as the public URL. ${provider.hints.publicAccess}`;
	const cause = unreachable ? 'public_url_unreachable' : 'public_url_wrong';
	return { url, ms, failure: failed(test, label, cause, found(whatHappened), fix, details) };
}

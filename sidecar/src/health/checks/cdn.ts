import { classifyStorageError } from '../../storage/classify-error';
import { anonymousGet, ensureProbe, fetchFailure } from '../probe';
import { failed, good, type HealthCheck } from '../types';

const LABEL = 'CDN ping';

/** Fetches the probe object through the CDN host and compares the bytes with what is in the bucket. */
export const cdn: HealthCheck = async (context) => {
	const { cdnBase, storage, provider } = context;
	if (!cdnBase) return good('cdn', LABEL, 'No CDN host is configured: files are served from the bucket’s public URL.');
	try {
		await ensureProbe(context);
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider });
		return failed(
			'cdn',
			LABEL,
			'not_tested',
			'The CDN could not be tested because no test file could be uploaded.',
			`Fix the upload test first: ${classified.remedy}`,
			undefined,
			'recommended',
		);
	}
	const host = new URL(cdnBase).host;
	const url = `${cdnBase}/${context.probe.key.split('/').map(encodeURIComponent).join('/')}`;
	// eslint-disable-next-line @wordpress/no-unused-vars-before-return -- the clock starts before the request it times
	const start = Date.now();
	let answer: Awaited<ReturnType<typeof anonymousGet>>;
	try {
		answer = await anonymousGet(url, context.timeoutMs);
	} catch (error) {
		const classified = classifyStorageError(fetchFailure(error), { bucket: storage.bucket, provider, endpoint: cdnBase });
		return failed(
			'cdn',
			LABEL,
			'cdn_unreachable',
			`The CDN host ${host} cannot be reached: ${classified.message}`,
			`Check the CDN host setting for a typo (it must be the host name your CDN gave you). ${classified.remedy}`,
			{ url },
		);
	}
	const details = { url, status: answer.status, ms: Date.now() - start };
	if (answer.status === 200 && answer.body.equals(context.probe.body)) {
		return good('cdn', LABEL, `The CDN host ${host} serves the bucket’s files (same bytes, ${details.ms} ms).`, details);
	}
	if (answer.status === 404 || answer.status === 403) {
		return failed(
			'cdn',
			LABEL,
			'cdn_not_pulling',
			`The CDN host ${host} answers, but not with this bucket’s files (HTTP ${answer.status} for a file that is in the bucket): the CDN does not pull from the bucket.`,
			`Point your CDN pull zone’s origin at the bucket’s public URL${context.publicBase ? ` (${context.publicBase})` : ''}, or correct the CDN host setting.`,
			details,
		);
	}
	return failed(
		'cdn',
		LABEL,
		'cdn_wrong_host',
		`The CDN host ${host} serves other content than the bucket (HTTP ${answer.status}, ${answer.body.length} bytes that differ from the test file): it is the wrong host or points at another origin.`,
		`Set the CDN host to the host name of the CDN that pulls from this bucket${context.publicBase ? ` (origin ${context.publicBase})` : ''}.`,
		details,
	);
};

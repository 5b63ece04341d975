import { classifyStorageError } from '../../storage/classify-error';
import { anonymousGet, ensureProbe, fetchFailure } from '../probe';
import { failed, good, type HealthCheck } from '../types';

const LABEL = 'Public access';

/** A visitor's view: anonymous GET of the probe object through the bucket's public URL (not the CDN). */
export const publicAccess: HealthCheck = async (context) => {
	const { provider, storage, publicBase } = context;
	if (!publicBase) {
		return failed(
			'public_access',
			LABEL,
			'no_public_url',
			`${provider.label} has no public URL that can be derived from the settings, so files cannot be shown to visitors.`,
			provider.hints.publicAccess,
		);
	}
	try {
		await ensureProbe(context);
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider });
		return failed(
			'public_access',
			LABEL,
			'not_tested',
			'Public access could not be tested because no test file could be uploaded.',
			`Fix the upload test first: ${classified.remedy}`,
			undefined,
			'recommended',
		);
	}
	const url = `${publicBase}/${context.probe.key.split('/').map(encodeURIComponent).join('/')}`;
	let answer: Awaited<ReturnType<typeof anonymousGet>>;
	try {
		answer = await anonymousGet(url, context.timeoutMs);
	} catch (error) {
		const classified = classifyStorageError(fetchFailure(error), { bucket: storage.bucket, provider, endpoint: publicBase });
		return failed(
			'public_access',
			LABEL,
			`public_url_${classified.reason}`,
			`The public URL ${publicBase} cannot be reached: ${classified.message}`,
			`Check the public URL setting. ${classified.remedy}`,
			{ url },
		);
	}
	const details = { url, status: answer.status };
	if (answer.status === 401 || answer.status === 403) {
		return failed(
			'public_access',
			LABEL,
			'public_access_denied',
			`Files are in the bucket but visitors get HTTP ${answer.status} (Access Denied) at ${publicBase}: the bucket is not publicly readable.`,
			provider.hints.publicAccess,
			details,
		);
	}
	if (answer.status === 404) {
		return failed(
			'public_access',
			LABEL,
			'public_url_wrong',
			`The public URL ${publicBase} does not serve this bucket's files (HTTP 404 for a file that exists).`,
			'Set the public URL to the address that serves this bucket (check the bucket name and path in it), or clear it to use the derived one.',
			details,
		);
	}
	if (answer.status !== 200 || !answer.body.equals(context.probe.body)) {
		return failed(
			'public_access',
			LABEL,
			'public_url_wrong',
			`The public URL ${publicBase} answered HTTP ${answer.status} with other content than the file in the bucket.`,
			'Set the public URL to the address that serves this bucket.',
			details,
		);
	}
	return good('public_access', LABEL, `Visitors can read files at ${publicBase}.`, details);
};

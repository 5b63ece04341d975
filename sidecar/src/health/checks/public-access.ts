import { classifyStorageError } from '../../storage/classify-error';
import { providerHint } from '../../storage/storage-messages';
import { say } from '../health-messages';
import { anonymousGet, ensureProbe, fetchFailure } from '../probe';
import { failed, good, type HealthCheck } from '../types';

/** A visitor's view: anonymous GET of the probe object through the bucket's public URL (not the CDN). */
export const publicAccess: HealthCheck = async (context) => {
	const { provider, storage, publicBase } = context;
	if (!publicBase) {
		return failed(
			'public_access',
			'no_public_url',
			say('public_access.no_public_url', { provider: provider.label }),
			providerHint(provider, 'publicAccess'),
		);
	}
	try {
		await ensureProbe(context);
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: context.adapter.endpointUrl });
		return failed(
			'public_access',
			'not_tested',
			say('public_access.not_tested'),
			say('check.upload_first.fix', { remedy: classified.said.remedy }),
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
			`public_url_${classified.reason}`,
			say('public_access.unreachable', { base: publicBase, error: classified.said.message }),
			say('public_access.unreachable.fix', { remedy: classified.said.remedy }),
			{ url },
		);
	}
	const details = { url, status: answer.status };
	if (answer.status === 401 || answer.status === 403) {
		return failed(
			'public_access',
			'public_access_denied',
			say('public_access.denied', { status: answer.status, base: publicBase }),
			providerHint(provider, 'publicAccess'),
			details,
		);
	}
	if (answer.status === 404) {
		return failed('public_access', 'public_url_wrong', say('public_access.not_found', { base: publicBase }), say('public_access.not_found.fix'), details);
	}
	if (answer.status !== 200 || !answer.body.equals(context.probe.body)) {
		return failed(
			'public_access',
			'public_url_wrong',
			say('public_access.other_content', { base: publicBase, status: answer.status }),
			say('public_access.other_content.fix'),
			details,
		);
	}
	return good('public_access', say('public_access.passed', { base: publicBase }), details);
};

import { classifyStorageError } from '../../storage/classify-error';
import { anonymousGet, ensureProbe, fetchFailure } from '../probe';
import { say } from '../health-messages';
import { failed, good, type HealthCheck } from '../types';

/** Fetches the probe object through the CDN host and compares the bytes with what is in the bucket. */
export const cdn: HealthCheck = async (context) => {
	const { cdnBase, storage, provider, publicBase } = context;
	if (!cdnBase) return good('cdn', say('cdn.none'));
	try {
		await ensureProbe(context);
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: context.adapter.endpointUrl });
		return failed('cdn', 'not_tested', say('cdn.not_tested'), say('check.upload_first.fix', { remedy: classified.said.remedy }), undefined, 'recommended');
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
			'cdn_unreachable',
			say('cdn.unreachable', { host, error: classified.said.message }),
			say('cdn.unreachable.fix', { remedy: classified.said.remedy }),
			{ url },
		);
	}
	const details = { url, status: answer.status, ms: Date.now() - start };
	if (answer.status === 200 && answer.body.equals(context.probe.body)) {
		return good('cdn', say('cdn.passed', { host, ms: details.ms }), details);
	}
	if (answer.status === 404 || answer.status === 403) {
		return failed(
			'cdn',
			'cdn_not_pulling',
			say('cdn.not_pulling', { host, status: answer.status }),
			publicBase ? say('cdn.not_pulling.fix', { public_base: publicBase }) : say('cdn.not_pulling_no_base.fix'),
			details,
		);
	}
	return failed(
		'cdn',
		'cdn_wrong_host',
		say('cdn.wrong_host', { host, status: answer.status, bytes: answer.body.length }),
		publicBase ? say('cdn.wrong_host.fix', { public_base: publicBase }) : say('cdn.wrong_host_no_base.fix'),
		details,
	);
};

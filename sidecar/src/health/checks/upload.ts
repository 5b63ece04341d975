import { classifyStorageError } from '../../storage/classify-error';
import { ensureProbe } from '../probe';
import { providerHint } from '../../storage/storage-messages';
import { say } from '../health-messages';
import { failed, good, type HealthCheck } from '../types';
import { checkPageUrl } from './page-url';

/**
 * Puts a probe object, reads it back byte for byte, fetches it as a visitor through the URL pages use (what
 * "Test connection" must prove: Public_Url::base() in WordPress), deletes it and confirms it is gone.
 */
export const upload: HealthCheck = async (context) => {
	const { storage, provider, adapter, probe } = context;
	const classify = (error: unknown) => classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: adapter.endpointUrl });
	const writeHint = providerHint(provider, 'writeAccess');
	const ms: Record<string, number> = {};
	let pageUrl = '';
	let start = Date.now();
	try {
		await ensureProbe(context);
		ms.put = Date.now() - start;
	} catch (error) {
		const classified = classify(error);
		if (classified.reason === 'access_denied') {
			// Listing worked (or was not tried) but writing is refused: the classic read-only key.
			return failed('upload', 'read_only_key', say('upload.read_only_key', { provider: provider.label, bucket: storage.bucket }), writeHint);
		}
		return failed('upload', classified.reason, say('upload.put_failed', { error: classified.said.message }), classified.said.remedy);
	}
	try {
		start = Date.now();
		const stored = await adapter.get(probe.key);
		ms.get = Date.now() - start;
		if (!stored || !stored.equals(probe.body)) {
			const message = say(stored ? 'upload.read_back_differs' : 'upload.read_back_missing');
			return failed('upload', 'corrupted_upload', message, say('upload.not_faithful.fix'), { ms });
		}
		// Not a storage error: the probe is removed by the run (removeProbe) even when pages cannot load it.
		const page = await checkPageUrl(context, 'upload');
		ms.page = page.ms;
		if (page.failure) return { ...page.failure, details: { ...page.failure.details, ms } };
		pageUrl = page.url;
		start = Date.now();
		await adapter.delete([probe.key]);
		probe.uploaded = false;
		ms.delete = Date.now() - start;
		if (await adapter.head(probe.key)) {
			return failed('upload', 'delete_ignored', say('upload.delete_ignored'), say('upload.delete_ignored.fix', { write_hint: writeHint }), { ms });
		}
	} catch (error) {
		const classified = classify(error);
		if (classified.reason === 'access_denied') {
			return failed('upload', 'delete_denied', say('upload.delete_denied', { bucket: storage.bucket }), writeHint, { ms });
		}
		return failed('upload', classified.reason, say('upload.read_or_delete_failed', { error: classified.said.message }), classified.said.remedy, { ms });
	}
	const timings = { url: pageUrl, put_ms: ms.put, get_ms: ms.get, page_ms: ms.page, delete_ms: ms.delete };
	// The bucket refuses ACL headers (bucket owner enforced): uploads are sent without them, and the result says so.
	const message = adapter.aclRefused ? say('upload.passed_without_acl', timings) : say('upload.passed', timings);
	return good('upload', message, { ms, acl_refused: adapter.aclRefused, page_url: pageUrl });
};

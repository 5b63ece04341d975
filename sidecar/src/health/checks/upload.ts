import { classifyStorageError } from '../../storage/classify-error';
import { ensureProbe } from '../probe';
import { failed, good, type HealthCheck } from '../types';
import { checkPageUrl } from './page-url';

const LABEL = 'Upload test';

/**
 * Puts a probe object, reads it back byte for byte, fetches it as a visitor through the URL pages use (what
 * "Test connection" must prove: Public_Url::base() in WordPress), deletes it and confirms it is gone.
 */
export const upload: HealthCheck = async (context) => {
	const { storage, provider, adapter, probe } = context;
	const classify = (error: unknown) => classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: adapter.endpointUrl });
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
			return failed(
				'upload',
				LABEL,
				'read_only_key',
				`${provider.label} refused to store a test file: the keys can read but not write to "${storage.bucket}".`,
				provider.hints.writeAccess,
			);
		}
		return failed('upload', LABEL, classified.reason, `Uploading a test file failed: ${classified.message}`, classified.remedy);
	}
	try {
		start = Date.now();
		const stored = await adapter.get(probe.key);
		ms.get = Date.now() - start;
		if (!stored || !stored.equals(probe.body)) {
			return failed(
				'upload',
				LABEL,
				'corrupted_upload',
				`The test file read back from the bucket ${stored ? 'differs from what was uploaded' : 'is missing right after its upload'}.`,
				'The endpoint does not store files faithfully: check that it is really S3-compatible, or a proxy in front of it rewrites bodies.',
				{ ms },
			);
		}
		// Not a storage error: the probe is removed by the run (removeProbe) even when pages cannot load it.
		const page = await checkPageUrl(context, 'upload', LABEL);
		ms.page = page.ms;
		if (page.failure) return { ...page.failure, details: { ...page.failure.details, ms } };
		pageUrl = page.url;
		start = Date.now();
		await adapter.delete([probe.key]);
		probe.uploaded = false;
		ms.delete = Date.now() - start;
		if (await adapter.head(probe.key)) {
			return failed(
				'upload',
				LABEL,
				'delete_ignored',
				'The test file is still in the bucket after it was deleted.',
				`${provider.hints.writeAccess} Deleting is needed for mirror deletion and clean-up.`,
				{ ms },
			);
		}
	} catch (error) {
		const classified = classify(error);
		if (classified.reason === 'access_denied') {
			return failed(
				'upload',
				LABEL,
				'delete_denied',
				`The keys can upload but not read back or delete files in "${storage.bucket}".`,
				provider.hints.writeAccess,
				{ ms },
			);
		}
		return failed('upload', LABEL, classified.reason, `Reading back or deleting the test file failed: ${classified.message}`, classified.remedy, { ms });
	}
	const acl = adapter.aclRefused ? ' The bucket refuses ACL headers (bucket owner enforced); uploads are sent without them.' : '';
	return good(
		'upload',
		LABEL,
		`A test file was uploaded, read back, loaded by a visitor’s request at ${pageUrl} (the URL pages use) and deleted (put ${ms.put} ms, get ${ms.get} ms, public ${ms.page} ms, delete ${ms.delete} ms).${acl}`,
		{ ms, acl_refused: acl !== '', page_url: pageUrl },
	);
};

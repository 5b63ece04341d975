import { classifyStorageError } from '../../storage/classify-error';
import { providerHint } from '../../storage/storage-messages';
import { say } from '../health-messages';
import { failed, good, type HealthCheck } from '../types';

/** Lists one key of the bucket: proves the keys, the bucket name and the region without writing anything. */
export const credentials: HealthCheck = async (context) => {
	const { storage, provider } = context;
	const needsAccessKey = provider.capabilities.needsAccessKey;
	if (!storage.secret_key || (needsAccessKey && !storage.access_key)) {
		// Without an access key the one secret is the storage zone password (Bunny).
		const missing = !needsAccessKey
			? say('credentials.missing_zone_password')
			: !storage.access_key && !storage.secret_key
				? say('credentials.missing_keys')
				: !storage.access_key
					? say('credentials.missing_access_key')
					: say('credentials.missing_secret_key');
		return failed('credentials', 'missing_credentials', missing, providerHint(provider, 'credentials'));
	}
	// eslint-disable-next-line @wordpress/no-unused-vars-before-return -- the clock starts before the request it times
	const start = Date.now();
	try {
		await context.adapter.probeList();
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: context.adapter.endpointUrl });
		return failed('credentials', classified.reason, classified.said.message, classified.said.remedy);
	}
	return good('credentials', say('credentials.accepted', { provider: provider.label, bucket: storage.bucket }), { ms: Date.now() - start });
};

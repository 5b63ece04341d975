import { classifyStorageError } from '../../storage/classify-error';
import { failed, good, type HealthCheck } from '../types';

const LABEL = 'Storage credentials';

/** Lists one key of the bucket: proves the keys, the bucket name and the region without writing anything. */
export const credentials: HealthCheck = async (context) => {
	const { storage, provider } = context;
	const needsAccessKey = provider.capabilities.needsAccessKey;
	if (!storage.secret_key || (needsAccessKey && !storage.access_key)) {
		// Without an access key the one secret is the storage zone password (Bunny).
		const fields = !needsAccessKey
			? 'storage zone password'
			: [!storage.access_key && 'access key', !storage.secret_key && 'secret key'].filter(Boolean).join(' and ');
		return failed(
			'credentials',
			LABEL,
			'missing_credentials',
			`The ${fields} ${fields.includes(' and ') ? 'are' : 'is'} not set.`,
			provider.hints.credentials,
		);
	}
	// eslint-disable-next-line @wordpress/no-unused-vars-before-return -- the clock starts before the request it times
	const start = Date.now();
	try {
		await context.adapter.probeList();
	} catch (error) {
		const classified = classifyStorageError(error, { bucket: storage.bucket, provider, endpoint: context.adapter.endpointUrl });
		return failed('credentials', LABEL, classified.reason, classified.message, classified.remedy);
	}
	return good('credentials', LABEL, `${provider.label} accepted the keys and the bucket "${storage.bucket}" can be listed.`, { ms: Date.now() - start });
};

import { SidecarError } from '../errors';
import { adapterFor, providerFor } from '../storage/registry';
import type { StorageSettings } from '../storage/types';
import type { JobProcessor, PageItem, RunSettings, Schedule } from './processor';
import { restoreFiles, restoreFromElsewhere } from '../files/restore-files';
import { sayFiles } from '../files/files-messages';

interface DownloadItem extends PageItem {
	/**
	 * Where the attachment was offloaded to (its record): provider and bucket, and since 0.2 the endpoint and
	 * region. Never credentials: items are stored in the job database, the settings come with each page.
	 */
	provider?: string;
	bucket?: string;
	endpoint?: string;
	region?: string;
	files: Array<{ path: string; key: string }>;
}

/**
 * Download back: restores the local copy of every file of an offloaded attachment from the bucket (e.g. before
 * deactivating the plugin), through the same restore path as POST /v1/restores (files/restore-files.ts).
 */
export function downloadProcessor(uploadsDir: string): JobProcessor {
	return {
		kind: 'download',
		pageRoute: '/media-cloud/v1/sidecar/downloads/page',
		resultsRoute: '/media-cloud/v1/sidecar/downloads/results',
		async process(item: PageItem, settings: RunSettings, schedule: Schedule) {
			const { files } = item as DownloadItem;
			const storage = storageOf(item as DownloadItem, settings.storage);
			const elsewhere = storage.bucket !== settings.storage.bucket || storage.endpoint !== settings.storage.endpoint;
			const outcomes = elsewhere
				? await restoreFromElsewhere(adapterFor(storage), storage.bucket, uploadsDir, files, schedule)
				: await restoreFiles(adapterFor(storage), uploadsDir, files, schedule);
			return { result: { files: outcomes.map(({ path, restored }) => ({ path, restored })) }, bytes: outcomes.reduce((sum, o) => sum + o.bytes, 0) };
		},
	};
}

/**
 * The storage an attachment's files are in: its own bucket when the settings have moved to another bucket of
 * the same provider (same credentials). Another provider's bucket cannot be reached with these credentials.
 */
function storageOf(item: DownloadItem, current: StorageSettings): StorageSettings {
	if (item.provider && item.provider !== current.provider) {
		const [provider, bucket, now] = [providerFor({ provider: item.provider }).label, item.bucket ?? '', providerFor(current).label];
		throw new SidecarError(
			'E_BAD_REQUEST',
			`Attachment ${item.attachment_id} was offloaded to ${provider} (bucket "${bucket}"), but the storage settings now point at ${now}.`,
			'Switch Settings › Storage back to that provider and bucket to download its files, then run download back again.',
			{
				said: {
					message: sayFiles('files.stored_elsewhere', { attachment_id: item.attachment_id, provider, bucket, current_provider: now }),
					remedy: sayFiles('files.stored_elsewhere.fix'),
				},
			},
		);
	}
	const location = {
		bucket: item.bucket || current.bucket,
		// A record without an endpoint (before 0.2) is read where the settings point.
		...(typeof item.endpoint === 'string' ? { endpoint: item.endpoint, region: item.region ?? current.region } : {}),
	};
	return { ...current, ...location };
}

import { adapterFor } from '../storage/registry';
import type { StorageSettings } from '../storage/types';
import type { JobProcessor, PageItem, RunSettings, Schedule } from './processor';
import type { RunKind } from './job-store';
import { type FileToRestore, restoreFromElsewhere } from '../files/restore-files';
import { type FileToUpload, uploadFiles } from '../files/upload-files';

interface MigrateItem extends PageItem {
	key_prefix: string;
	files: FileToUpload[];
	/**
	 * Set when moving an offloaded attachment to the current storage: where its objects are now. Files whose
	 * local copy was removed are fetched from there first (and removed again by WordPress once confirmed).
	 */
	source?: { storage: StorageSettings; files: FileToRestore[] };
}

const ROUTES: Record<'migrate' | 'move', { page: string; results: string }> = {
	migrate: { page: '/media-cloud/v1/sidecar/migration/page', results: '/media-cloud/v1/sidecar/migration/results' },
	move: { page: '/media-cloud/v1/sidecar/moves/page', results: '/media-cloud/v1/sidecar/moves/results' },
};

/**
 * Bulk migration (attachments not offloaded yet) and the move of attachments stored elsewhere to the current
 * storage: both upload an attachment's files through the same path as the upload hook.
 */
export function migrateProcessor(uploadsDir: string, kind: Extract<RunKind, 'migrate' | 'move'> = 'migrate'): JobProcessor {
	return {
		kind,
		pageRoute: ROUTES[kind].page,
		resultsRoute: ROUTES[kind].results,
		async process(item: PageItem, settings: RunSettings, schedule: Schedule) {
			const { key_prefix, files, source } = item as MigrateItem;
			if (source && source.files.length > 0)
				await restoreFromElsewhere(adapterFor(source.storage), source.storage.bucket, uploadsDir, source.files, schedule);
			const objects = await uploadFiles(adapterFor(settings.storage), uploadsDir, files, {
				cacheControl: settings.cache_control,
				verify: settings.verify,
				schedule,
			});
			return { result: { key_prefix, objects, moved: Boolean(source) }, bytes: objects.reduce((sum, object) => sum + object.size, 0) };
		},
	};
}

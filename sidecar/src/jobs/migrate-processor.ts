import { adapterFor } from '../storage/registry';
import type { JobProcessor, PageItem, RunSettings, Schedule } from './processor';
import { type FileToUpload, uploadFiles } from './upload-files';

interface MigrateItem extends PageItem {
	key_prefix: string;
	files: FileToUpload[];
}

/** Bulk migration: uploads an attachment's files through the same path as the upload hook. */
export function migrateProcessor(uploadsDir: string): JobProcessor {
	return {
		kind: 'migrate',
		pageRoute: '/media-cloud/v1/sidecar/migration/page',
		resultsRoute: '/media-cloud/v1/sidecar/migration/results',
		async process(item: PageItem, settings: RunSettings, schedule: Schedule) {
			const { key_prefix, files } = item as MigrateItem;
			const objects = await uploadFiles(adapterFor(settings.storage), uploadsDir, files, {
				cacheControl: settings.cache_control,
				verify: settings.verify,
				schedule,
			});
			return { result: { key_prefix, objects }, bytes: objects.reduce((sum, object) => sum + object.size, 0) };
		},
	};
}

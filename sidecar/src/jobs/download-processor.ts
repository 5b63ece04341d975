import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SidecarError } from '../errors';
import { adapterFor, providerFor } from '../storage/registry';
import type { StorageSettings } from '../storage/types';
import type { JobProcessor, PageItem, RunSettings, Schedule } from './processor';

interface DownloadItem extends PageItem {
	/** The provider and bucket the attachment was offloaded to (its record); older pages may lack them. */
	provider?: string;
	bucket?: string;
	files: Array<{ path: string; key: string }>;
}

/**
 * Download back: restores the local copy of every file of an offloaded attachment from the bucket (e.g. before
 * deactivating the plugin). Files already on disk are left alone; each download is written to a temporary
 * name and renamed, so a crash never leaves a truncated file where WordPress expects a whole one.
 */
export function downloadProcessor(uploadsDir: string): JobProcessor {
	const root = path.resolve(uploadsDir);
	return {
		kind: 'download',
		pageRoute: '/media-cloud/v1/sidecar/downloads/page',
		resultsRoute: '/media-cloud/v1/sidecar/downloads/results',
		async process(item: PageItem, settings: RunSettings, schedule: Schedule) {
			const { files } = item as DownloadItem;
			const adapter = adapterFor(storageOf(item as DownloadItem, settings.storage));
			const outcomes = await Promise.all(
				files.map((file) =>
					schedule(async () => {
						const target = insideUploads(root, file.path);
						if (await exists(target)) return { path: file.path, restored: false, bytes: 0 };
						const body = await adapter.get(file.key);
						if (!body) {
							throw new SidecarError('E_FILE_MISSING', `"${file.key}" is neither on disk nor in the bucket.`, 'Restore the file from a backup; Media Cloud › Tools › Audit lists every such file.');
						}
						await mkdir(path.dirname(target), { recursive: true });
						const partial = `${target}.wpmc-partial`;
						await writeFile(partial, body);
						await rename(partial, target);
						return { path: file.path, restored: true, bytes: body.length };
					}),
				),
			);
			return { result: { files: outcomes.map(({ path: p, restored }) => ({ path: p, restored })) }, bytes: outcomes.reduce((sum, o) => sum + o.bytes, 0) };
		},
	};
}

/**
 * The storage an attachment's files are in: its own bucket when the settings have moved to another bucket of
 * the same provider (same credentials). Another provider's bucket cannot be reached with these credentials.
 */
function storageOf(item: DownloadItem, current: StorageSettings): StorageSettings {
	if (item.provider && item.provider !== current.provider) {
		throw new SidecarError(
			'E_BAD_REQUEST',
			`Attachment ${item.attachment_id} was offloaded to ${providerFor({ provider: item.provider }).label} (bucket "${item.bucket}"), but the storage settings now point at ${providerFor(current).label}.`,
			'Switch Settings › Storage back to that provider and bucket to download its files, then run download back again.',
		);
	}
	return item.bucket && item.bucket !== current.bucket ? { ...current, bucket: item.bucket } : current;
}

function insideUploads(root: string, relativePath: string): string {
	const target = path.resolve(root, relativePath);
	const relative = path.relative(root, target);
	if (path.isAbsolute(relativePath) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
		throw new SidecarError('E_PATH_OUTSIDE_UPLOADS', `Refused to write "${relativePath}": the path leaves the uploads folder.`, 'Check the attachment metadata; only files inside wp-content/uploads are restored.');
	}
	return target;
}

async function exists(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

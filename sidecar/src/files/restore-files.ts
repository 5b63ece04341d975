import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SidecarError } from '../errors';
import type { StorageAdapter } from '../storage/types';
import type { Schedule } from '../jobs/processor';
import { reasonOf, sayFiles } from './files-messages';
import { assertStillInside, checkDestination, type Destination, makeFolders, removeFolders } from './restore-destinations';

export interface FileToRestore {
	/** Relative to the uploads folder, as WordPress stores it. */
	path: string;
	key: string;
}

export interface RestoredFile {
	path: string;
	/** False when the file was already on disk and left alone. */
	restored: boolean;
	bytes: number;
}

const runNow: Schedule = (task) => task();

/** A downloaded file waiting under its temporary name beside where it goes. */
interface Downloaded {
	dir: string;
	partial: string;
	bytes: number;
}

/**
 * The one restore path of the sidecar, used by download back (jobs/download-processor.ts) and by
 * POST /v1/restores (WordPress needs a removed local copy back, e.g. for the image editor). A file already on
 * disk is left alone. All or nothing per request, in three steps:
 * 1. every destination is checked (restore-destinations.ts) before anything is written: one refused path or
 *    name fails the request with nothing written;
 * 2. each missing file is streamed from the bucket into a temporary file of its own beside its destination
 *    (never whole in memory; opened with O_EXCL|O_NOFOLLOW, in a folder checked again after it was made);
 * 3. only when every download succeeded are they put in place, never over a file: one that appeared while
 *    the download ran (WordPress regenerating or editing it, another restore) is newer than the bucket's copy
 *    and stays (restored: false). On any failure the temporary files and the folders this restore made are
 *    removed, so a crash or a missing object never leaves half an attachment restored, nor a truncated file
 *    where WordPress expects a whole one.
 */
export async function restoreFiles(adapter: StorageAdapter, uploadsDir: string, files: FileToRestore[], schedule: Schedule = runNow): Promise<RestoredFile[]> {
	const root = path.resolve(uploadsDir);
	const realRoot = await realpath(root).catch(() => root);
	const destinations = await Promise.all(files.map((file) => checkDestination(root, realRoot, file.path, file.key)));

	const madeFolders: string[] = [];
	const downloads = await Promise.allSettled(
		files.map((file, index) =>
			destinations[index].onDisk ? null : schedule(() => downloadBeside(adapter, file.key, destinations[index], realRoot, madeFolders)),
		),
	);
	const done = downloads.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : []));
	const failed = downloads.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	const keptOnDisk = new Set<number>();
	try {
		if (failed) throw failed.reason;
		for (const [index, outcome] of downloads.entries()) {
			const downloaded = outcome.status === 'fulfilled' ? outcome.value : null;
			if (!downloaded) continue;
			// Checked again just before the rename: the folder must still be the one the file was written in.
			await assertStillInside(downloaded.dir, realRoot, destinations[index].relativePath);
			if (!(await putInPlace(downloaded.partial, path.join(downloaded.dir, destinations[index].name)))) keptOnDisk.add(index);
			downloaded.partial = '';
		}
	} catch (error) {
		await Promise.all(done.filter((d) => d.partial).map((d) => unlink(d.partial).catch(() => undefined)));
		await removeFolders(madeFolders);
		throw error;
	}
	return files.map((file, index) => {
		const outcome = downloads[index];
		const restored = !destinations[index].onDisk && !keptOnDisk.has(index);
		const bytes = restored && outcome.status === 'fulfilled' && outcome.value ? outcome.value.bytes : 0;
		return { path: file.path, restored, bytes };
	});
}

/**
 * Restores an attachment's files from a storage other than the current one (its record names an older bucket
 * or endpoint). Any failure there (a bucket deleted since, a key that no longer works) concerns this attachment
 * only: it must not pause the whole run the way a refused key of the current storage does.
 */
export async function restoreFromElsewhere(
	adapter: StorageAdapter,
	bucket: string,
	uploadsDir: string,
	files: FileToRestore[],
	schedule: Schedule = runNow,
): Promise<RestoredFile[]> {
	try {
		return await restoreFiles(adapter, uploadsDir, files, schedule);
	} catch (error) {
		if (error instanceof SidecarError && ['E_FILE_MISSING', 'E_PATH_OUTSIDE_UPLOADS', 'E_FORBIDDEN_NAME', 'E_BAD_REQUEST'].includes(error.code))
			throw error;
		const reason = error instanceof SidecarError ? `${error.message} ${error.remedy}` : String(error);
		throw new SidecarError(
			'E_SOURCE_UNAVAILABLE',
			`The attachment's files could not be read from the bucket "${bucket}" it is stored in: ${reason}`,
			'It keeps working from there as long as that bucket serves it. Give the settings access to that bucket (or restore the files on disk), then run this again.',
			{ said: { message: sayFiles('files.source_unavailable', { bucket, error: reasonOf(error) }), remedy: sayFiles('files.source_unavailable.fix') } },
		);
	}
}

/**
 * Streams one object into a temporary file beside its destination: a name of its own per download (two restores
 * of one file at once, the editor and a regenerate, must not share one), created with O_EXCL (never an existing
 * file) and O_NOFOLLOW (never through a symlink).
 */
async function downloadBeside(adapter: StorageAdapter, key: string, destination: Destination, realRoot: string, madeFolders: string[]): Promise<Downloaded> {
	const object = await adapter.download(key);
	if (!object) {
		throw new SidecarError(
			'E_FILE_MISSING',
			`"${key}" is neither on disk nor in the bucket.`,
			'Restore the file from a backup; Media Cloud › Tools › Audit lists every such file.',
			{ said: { message: sayFiles('files.missing_everywhere', { key }), remedy: sayFiles('files.missing_everywhere.fix') } },
		);
	}
	let partial = '';
	try {
		const dir = await makeFolders(destination, realRoot, madeFolders);
		partial = path.join(dir, `${destination.name}.${randomBytes(4).toString('hex')}.wpmc-partial`);
		let bytes = 0;
		const counted = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				bytes += chunk.length;
				done(null, chunk);
			},
		});
		const file = await open(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
		await pipeline(object.body, counted, file.createWriteStream());
		if (object.size >= 0 && bytes !== object.size) {
			throw new SidecarError(
				'E_NETWORK',
				`The download of "${key}" ended after ${bytes} of ${object.size} bytes.`,
				'Nothing was written; run this again.',
				{
					said: {
						message: sayFiles('files.download_truncated', { key, bytes, size: object.size }),
						remedy: sayFiles('files.download_truncated.fix'),
					},
				},
			);
		}
		return { dir, partial, bytes };
	} catch (error) {
		object.body.destroy();
		if (partial) await unlink(partial).catch(() => undefined);
		throw error;
	}
}

/**
 * Gives the downloaded file its name unless a file of that name exists by now; false when one did (the
 * temporary file is then removed). A hard link is the one no-clobber move POSIX has (rename replaces whatever is
 * there). Where the uploads folder's file system has no hard links, a check just before the rename leaves a
 * window of microseconds instead of the whole download's.
 */
async function putInPlace(partial: string, destination: string): Promise<boolean> {
	try {
		await link(partial, destination);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') {
			await unlink(partial);
			return false;
		}
		if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
		const exists = await lstat(destination).then(
			() => true,
			() => false,
		);
		if (exists) {
			await unlink(partial);
			return false;
		}
		await rename(partial, destination);
		return true;
	}
	await unlink(partial);
	return true;
}

import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SidecarError } from '../errors';
import type { StorageAdapter } from '../storage/types';
import type { Schedule } from './processor';

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

/**
 * The one restore path of the sidecar, used by download back (jobs/download-processor.ts) and by
 * POST /v1/restores (WordPress needs a removed local copy back, e.g. for the image editor). A file already on
 * disk is left alone; each download is written to a temporary name and renamed, so a crash never leaves a
 * truncated file where WordPress expects a whole one. Every path is checked before anything is written, so a
 * forbidden path never leaves half an attachment restored.
 */
export async function restoreFiles(adapter: StorageAdapter, uploadsDir: string, files: FileToRestore[], schedule: Schedule = runNow): Promise<RestoredFile[]> {
	const root = path.resolve(uploadsDir);
	const realRoot = await realpath(root).catch(() => root);
	const targets = await Promise.all(files.map((file) => targetInUploads(root, realRoot, file.path)));
	return Promise.all(files.map((file, index) => schedule(() => restoreOne(adapter, file, targets[index]))));
}

/**
 * Restores an attachment's files from a storage other than the current one (its record names an older bucket
 * or endpoint). Any failure there (a bucket deleted since, a key that no longer works) concerns this attachment
 * only: it must not pause the whole run the way a refused key of the current storage does.
 */
export async function restoreFromElsewhere(adapter: StorageAdapter, bucket: string, uploadsDir: string, files: FileToRestore[], schedule: Schedule = runNow): Promise<RestoredFile[]> {
	try {
		return await restoreFiles(adapter, uploadsDir, files, schedule);
	} catch (error) {
		if (error instanceof SidecarError && (error.code === 'E_FILE_MISSING' || error.code === 'E_PATH_OUTSIDE_UPLOADS')) throw error;
		const reason = error instanceof SidecarError ? `${error.message} ${error.remedy}` : String(error);
		throw new SidecarError(
			'E_SOURCE_UNAVAILABLE',
			`The attachment's files could not be read from the bucket "${bucket}" it is stored in: ${reason}`,
			'It keeps working from there as long as that bucket serves it. Give the settings access to that bucket (or restore the files on disk), then run this again.',
		);
	}
}

async function restoreOne(adapter: StorageAdapter, file: FileToRestore, target: string): Promise<RestoredFile> {
	if (await isFile(target)) return { path: file.path, restored: false, bytes: 0 };
	const body = await adapter.get(file.key);
	if (!body) {
		throw new SidecarError('E_FILE_MISSING', `"${file.key}" is neither on disk nor in the bucket.`, 'Restore the file from a backup; Media Cloud › Tools › Audit lists every such file.');
	}
	await mkdir(path.dirname(target), { recursive: true });
	// A name of its own per download: two restores of the same file at once (the editor and a regenerate)
	// must not write into one temporary file and rename it away from under each other.
	const partial = `${target}.${randomBytes(4).toString('hex')}.wpmc-partial`;
	try {
		await writeFile(partial, body, { flag: 'wx' });
		await rename(partial, target);
	} catch (error) {
		await unlink(partial).catch(() => undefined);
		throw error;
	}
	return { path: file.path, restored: true, bytes: body.length };
}

const outside = (relativePath: string) =>
	new SidecarError('E_PATH_OUTSIDE_UPLOADS', `Refused to write "${relativePath}": the path leaves the uploads folder.`, 'Check the attachment metadata; only files inside wp-content/uploads are restored.');

/**
 * The absolute path a file is restored to, refusing anything that would write outside the uploads folder:
 * absolute paths, `..` segments, and a folder on the way that is a symlink to elsewhere (checked on the
 * deepest folder that already exists; the ones below it are created by us).
 */
async function targetInUploads(root: string, realRoot: string, relativePath: string): Promise<string> {
	if (relativePath.includes('\0') || path.isAbsolute(relativePath)) throw outside(relativePath);
	const target = path.resolve(root, relativePath);
	if (!isInside(root, target)) throw outside(relativePath);
	for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
		let real: string;
		try {
			real = await realpath(dir);
		} catch {
			if (dir === root) return target;
			continue; // not created yet: the folder above decides
		}
		if (real !== realRoot && !isInside(realRoot, real)) throw outside(relativePath);
		return target;
	}
}

function isInside(root: string, candidate: string): boolean {
	const relative = path.relative(root, candidate);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

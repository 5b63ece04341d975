import { createReadStream, readFile } from 'node:fs';
import { promisify } from 'node:util';
import { SidecarError } from '../errors';
import { MULTIPART_THRESHOLD } from '../storage/multipart-upload';
import type { StorageAdapter } from '../storage/types';
import { resolveUploadFiles } from './uploads-path';
import { contentTypeOf } from './content-type';
import { sayFiles } from './files-messages';

export interface FileToUpload {
	/** Relative to the uploads folder. */
	path: string;
	key: string;
	content_type?: string;
}

export interface OffloadedObject {
	path: string;
	key: string;
	size: number;
	etag?: string;
	/** True when a HEAD after the upload found the object with the same size. */
	verified: boolean;
}

export interface UploadOptions {
	cacheControl: string;
	/** Confirm each object with a HEAD after the upload (needed before a local file may be removed). */
	verify: boolean;
	/** Runs each PUT; the migration passes its run-wide limiter, the upload hook runs all files at once. */
	schedule?: <T>(task: () => Promise<T>) => Promise<T>;
}

/**
 * The one upload path of the sidecar, used by the upload hook (POST /v1/offloads) and the migration engine.
 * All paths are checked before anything is uploaded, so a missing or forbidden file never leaves a
 * half-offloaded attachment.
 */
export async function uploadFiles(adapter: StorageAdapter, uploadsDir: string, files: FileToUpload[], options: UploadOptions): Promise<OffloadedObject[]> {
	const resolved = await resolveUploadFiles(
		uploadsDir,
		files.map((file) => file.path),
	);
	const local = files.map((file, index) => ({ ...file, local: resolved[index] }));
	const schedule = options.schedule ?? (<T>(task: () => Promise<T>) => task());
	return Promise.all(
		local.map(({ key, content_type, local: file }) =>
			schedule(async (): Promise<OffloadedObject> => {
				const body = await readBody(file.absolutePath, file.size);
				const uploaded = await adapter.put({
					key,
					body,
					size: file.size,
					contentType: contentTypeOf(Buffer.isBuffer(body) ? body : null, content_type, file.relativePath),
					cacheControl: options.cacheControl,
				});
				const verified = options.verify ? await confirm(adapter, key, file.size) : false;
				return { path: file.relativePath, key, size: file.size, etag: uploaded.etag, verified };
			}),
		),
	);
}

/**
 * Files up to this size are read into memory and sent as one PUT: the SDK can retry a buffer after a 503 or a
 * reset, but not a stream it has half sent. Larger files (video) are streamed from disk in parts, each part
 * retried on its own (storage/multipart-upload.ts; Bunny, which has no parts, gets one streamed PUT).
 */
const BUFFER_LIMIT = MULTIPART_THRESHOLD;

/**
 * The callback `readFile`, not the one of `fs/promises`: on Node 20 the promise version reads through a
 * FileHandle with extra round trips and costs three to four times the CPU per file (3,500 images of 26 KB:
 * 116–156 ms vs 454–504 ms), which a migration on a small server takes from the uploads themselves.
 */
const readWholeFile = promisify(readFile);

/** A large file is handed over as a way to open it, not as an open stream: a refused PUT can then be sent again. */
async function readBody(absolutePath: string, size: number) {
	return size <= BUFFER_LIMIT ? readWholeFile(absolutePath) : () => createReadStream(absolutePath);
}

async function confirm(adapter: StorageAdapter, key: string, size: number): Promise<boolean> {
	const found = await adapter.head(key);
	if (found && found.size === size) return true;
	throw new SidecarError(
		'E_STORAGE',
		`The bucket does not hold "${key}" with the uploaded size after the upload.`,
		'The local file was kept. Run Media Cloud › Health; the upload will be retried.',
		{ said: { message: sayFiles('files.not_confirmed', { key }), remedy: sayFiles('files.not_confirmed.fix') } },
	);
}

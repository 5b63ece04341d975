import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { lookup as lookupMimeType } from 'mime-types';
import { SidecarError } from '../errors';
import { offloadRequestSchema, parseBody } from '../schemas';
import { adapterFor } from '../storage/registry';
import type { StorageAdapter } from '../storage/types';
import { resolveUploadFile } from '../uploads-path';

export interface OffloadedObject {
	path: string;
	key: string;
	size: number;
	etag?: string;
	/** True when a HEAD after the upload found the object with the same size. */
	verified: boolean;
}

/**
 * POST /v1/offloads — uploads every file of one attachment, in parallel, and answers with where each went.
 * All paths are checked before anything is uploaded, so a bad path never leaves a half-offloaded attachment.
 */
export function offloadsRouter(uploadsDir: string): Router {
	const router = Router();
	router.post('/v1/offloads', async (req, res) => {
		const request = parseBody(offloadRequestSchema, req.body);
		const files = await Promise.all(request.files.map(async (file) => ({ ...file, local: await resolveUploadFile(uploadsDir, file.path) })));
		const adapter = adapterFor(request.storage);

		const objects = await Promise.all(
			files.map(async ({ key, content_type, local }): Promise<OffloadedObject> => {
				const uploaded = await adapter.put({
					key,
					body: await readBody(local.absolutePath, local.size),
					size: local.size,
					contentType: content_type || lookupMimeType(local.relativePath) || 'application/octet-stream',
					cacheControl: request.cache_control,
				});
				const verified = request.verify ? await confirm(adapter, key, local.size) : false;
				return { path: local.relativePath, key, size: local.size, etag: uploaded.etag, verified };
			}),
		);
		res.status(201).json({ objects });
	});
	return router;
}

/**
 * Files up to this size are read into memory: the SDK can retry a buffer after a 503 or a reset, but not a
 * stream it has half sent. Larger files (video) are streamed.
 */
const BUFFER_LIMIT = 16 * 1024 * 1024;

async function readBody(absolutePath: string, size: number) {
	return size <= BUFFER_LIMIT ? readFile(absolutePath) : createReadStream(absolutePath);
}

async function confirm(adapter: StorageAdapter, key: string, size: number): Promise<boolean> {
	const found = await adapter.head(key);
	if (found && found.size === size) return true;
	throw new SidecarError(
		'E_STORAGE',
		`The bucket does not hold "${key}" with the uploaded size after the upload.`,
		'The local file was kept. Run Media Cloud › Health; the upload will be retried.',
	);
}

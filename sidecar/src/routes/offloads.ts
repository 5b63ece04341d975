import { Router } from 'express';
import { uploadFiles } from '../files/upload-files';
import { offloadRequestSchema, parseBody } from '../schemas';
import { adapterFor } from '../storage/registry';

export type { OffloadedObject } from '../files/upload-files';

/**
 * POST /v1/offloads — uploads every file of one attachment (the upload hook), in parallel, and answers with
 * where each went. The bulk migration uses the same upload path (files/upload-files.ts).
 */
export function offloadsRouter(uploadsDir: string): Router {
	const router = Router();
	router.post('/v1/offloads', async (req, res) => {
		const request = parseBody(offloadRequestSchema, req.body);
		const objects = await uploadFiles(adapterFor(request.storage), uploadsDir, request.files, {
			cacheControl: request.cache_control,
			verify: request.verify,
		});
		res.status(201).json({ objects });
	});
	return router;
}

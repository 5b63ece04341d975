import { Router } from 'express';
import { Limiter } from '../jobs/limiter';
import { restoreFiles } from '../files/restore-files';
import { parseBody, restoreRequestSchema } from '../schemas';
import { adapterFor } from '../storage/registry';

/**
 * Downloads in flight across all restore requests: each is streamed to disk (memory stays flat whatever the
 * file's size), but `wp media regenerate` can send many requests at once, and a shared bound keeps the
 * connections to the storage and the open files few.
 */
const RESTORE_CONCURRENCY = 16;

/**
 * POST /v1/restores — puts offloaded files back on disk while WordPress waits (the image editor,
 * `wp media regenerate`) when the local copies were removed. Files already on disk are left alone
 * (`restored: false`). Same restore path as the download-back job (files/restore-files.ts).
 */
export function restoresRouter(uploadsDir: string): Router {
	const router = Router();
	const limiter = new Limiter(RESTORE_CONCURRENCY);
	router.post('/v1/restores', async (req, res) => {
		const request = parseBody(restoreRequestSchema, req.body);
		const restored = await restoreFiles(adapterFor(request.storage), uploadsDir, request.files, (task) => limiter.run(task));
		res.status(200).json({ files: restored.map(({ path, restored: wasRestored }) => ({ path, restored: wasRestored })) });
	});
	return router;
}

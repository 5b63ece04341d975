import { Router } from 'express';
import { deletionRequestSchema, parseBody } from '../schemas';
import { adapterFor } from '../storage/registry';

/** POST /v1/deletions — removes objects from the bucket (mirror deletion). Deleting a missing key is not an error. */
export function deletionsRouter(): Router {
	const router = Router();
	router.post('/v1/deletions', async (req, res) => {
		const request = parseBody(deletionRequestSchema, req.body);
		await adapterFor(request.storage).delete(request.keys);
		res.status(200).json({ deleted: request.keys.length });
	});
	return router;
}

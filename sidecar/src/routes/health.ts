import { Router } from 'express';
import { runHealth } from '../health/run-health';
import { healthRequestSchema } from '../health/schema';
import { parseBody } from '../schemas';

/** POST /v1/health — runs the storage health checks and answers `{ results }` in the Site Health shape. */
export function healthRouter(): Router {
	const router = Router();
	router.post('/v1/health', async (req, res) => {
		const request = parseBody(healthRequestSchema, req.body);
		const results = await runHealth({
			storage: request.storage,
			checks: request.checks,
			objectPrefix: request.object_prefix,
			timeoutMs: request.timeout_ms,
		});
		res.json({ results });
	});
	return router;
}

import { Router } from 'express';
import { z } from 'zod';
import type { JobEngine } from '../jobs/engine';
import { parseBody } from '../schemas';
import { concurrencySchema, STATE_VALUES, stateChangeSchema } from './migrations';

const startSchema = z.object({
	/** Selected attachments, or null for every attachment stored elsewhere. */
	ids: z.array(z.number().int().positive()).max(100_000).nullable().default(null),
	total: z.number().int().min(0),
	concurrency: concurrencySchema.default(16),
});

/**
 * Move to the current storage: attachments whose record names another bucket, endpoint or provider are
 * uploaded to the storage the settings point at now, on the same job engine as the migration (progress,
 * pause/resume, crash safety). WordPress lists them and re-points each record once its objects are confirmed.
 */
export function movesRouter(engine: JobEngine): Router {
	const router = Router();
	const runner = engine.runner('move');

	router.post('/v1/moves', (req, res) => {
		const request = parseBody(startSchema, req.body);
		runner.start({ concurrency: request.concurrency, maxId: Number.MAX_SAFE_INTEGER, total: request.total, selection: request.ids });
		res.status(201).json(runner.progress());
	});
	router.get('/v1/moves/current', (_req, res) => {
		res.json(runner.progress());
	});
	router.patch('/v1/moves/current', (req, res) => {
		runner.setState(STATE_VALUES[parseBody(stateChangeSchema, req.body).state]);
		res.json(runner.progress());
	});
	return router;
}

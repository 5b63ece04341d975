import { Router } from 'express';
import { z } from 'zod';
import type { JobEngine } from '../jobs/engine';
import { parseBody } from '../schemas';
import { concurrencySchema, STATE_VALUES, stateChangeSchema } from './migrations';

const startSchema = z.object({
	/** Selected attachments, or null for every offloaded attachment. */
	ids: z.array(z.number().int().positive()).max(100_000).nullable().default(null),
	total: z.number().int().min(0),
	concurrency: concurrencySchema.default(8),
});

/** Download back (restore local copies from the bucket), on the same job engine as the migration. */
export function downloadsRouter(engine: JobEngine): Router {
	const router = Router();
	const runner = engine.runner('download');

	router.post('/v1/downloads', (req, res) => {
		const request = parseBody(startSchema, req.body);
		runner.start({ concurrency: request.concurrency, maxId: Number.MAX_SAFE_INTEGER, total: request.total, selection: request.ids });
		res.status(201).json(runner.progress());
	});
	router.get('/v1/downloads/current', (_req, res) => {
		res.json(runner.progress());
	});
	router.patch('/v1/downloads/current', (req, res) => {
		runner.setState(STATE_VALUES[parseBody(stateChangeSchema, req.body).state]);
		res.json(runner.progress());
	});
	return router;
}

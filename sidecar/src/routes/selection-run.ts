import { Router } from 'express';
import { z } from 'zod';
import type { JobEngine } from '../jobs/engine';
import type { RunKind } from '../jobs/job-store';
import { parseBody } from '../schemas';
import { concurrencySchema, STATE_VALUES, stateChangeSchema } from './migrations';
import { callbackFor, runSiteSchema, siteIdOf } from './run-site';

/**
 * The routes of a background run over offloaded attachments, all of them or a selection (download back, move
 * to the current storage): POST <path> starts (or resumes), GET/PATCH <path>/current read progress and pause,
 * resume or cancel, each site of a network its own run (as the migration: `site` with the start, `?site=<id>`).
 * WordPress decides what belongs to the run and answers the engine's page requests.
 */
export function selectionRunRouter(engine: JobEngine, kind: Extract<RunKind, 'download' | 'move'>, path: string, defaultConcurrency: number): Router {
	const router = Router();
	const startSchema = z.object({
		/** Selected attachments, or null for every attachment the run is about. */
		ids: z.array(z.number().int().positive()).max(100_000).nullable().default(null),
		total: z.number().int().min(0),
		concurrency: concurrencySchema.default(defaultConcurrency),
		site: runSiteSchema,
	});

	router.post(path, (req, res) => {
		const request = parseBody(startSchema, req.body);
		const { siteId, callbackUrl } = callbackFor(request.site);
		const runner = engine.runner(kind, siteId);
		runner.start({ concurrency: request.concurrency, maxId: Number.MAX_SAFE_INTEGER, total: request.total, selection: request.ids, callbackUrl });
		res.status(201).json(runner.progress());
	});
	router.get(`${path}/current`, (req, res) => {
		res.json(engine.runner(kind, siteIdOf(req)).progress());
	});
	router.patch(`${path}/current`, (req, res) => {
		const runner = engine.runner(kind, siteIdOf(req));
		runner.setState(STATE_VALUES[parseBody(stateChangeSchema, req.body).state]);
		res.json(runner.progress());
	});
	return router;
}

import { Router } from 'express';
import { z } from 'zod';
import { SidecarError } from '../errors';
import type { JobEngine } from '../jobs/engine';
import { DEFAULT_CONCURRENCY } from '../jobs/engine';
import { RunState } from '../jobs/job-store';
import { Limiter } from '../jobs/limiter';
import { parseBody, storageSettingsSchema } from '../schemas';
import { adapterFor } from '../storage/registry';
import type { StorageAdapter } from '../storage/types';
import { callbackFor, runSiteSchema, siteIdOf } from './run-site';

export const concurrencySchema = z.number().int().min(1, 'concurrency must be at least 1.').max(64, 'concurrency must be at most 64.');

const startSchema = z.object({
	concurrency: concurrencySchema.default(DEFAULT_CONCURRENCY),
	/** Attachments above this id were uploaded after the start: the upload hook offloads them, not the migration. */
	max_id: z.number().int().min(0),
	total: z.number().int().min(0),
	site: runSiteSchema,
});

export const stateChangeSchema = z.object({ state: z.enum(['paused', 'running', 'cancelled']) });
export const STATE_VALUES = { paused: RunState.PAUSED, running: RunState.RUNNING, cancelled: RunState.CANCELLED } as const;

const objectCheckSchema = z.object({ storage: storageSettingsSchema, keys: z.array(z.string().min(1).max(1024)).max(5000) });

/**
 * The bulk migration, driven by WordPress (which decides what to migrate and keeps the records):
 * POST /v1/migrations starts (or resumes), GET/PATCH /v1/migrations/current read progress and pause, resume
 * or cancel. Each site of a network has its own run: the start names the site (`site`), the others `?site=<id>`
 * (site 1 when absent). POST /v1/object-checks tells which keys are missing from the bucket (audit, verify).
 */
export function migrationsRouter(engine: JobEngine): Router {
	const router = Router();

	router.post('/v1/migrations', (req, res) => {
		const request = parseBody(startSchema, req.body);
		const { siteId, callbackUrl } = callbackFor(request.site);
		const runner = engine.runner('migrate', siteId);
		runner.start({ concurrency: request.concurrency, maxId: request.max_id, total: request.total, selection: null, callbackUrl });
		res.status(201).json(runner.progress());
	});
	router.get('/v1/migrations/current', (req, res) => {
		res.json(engine.runner('migrate', siteIdOf(req)).progress());
	});
	router.patch('/v1/migrations/current', (req, res) => {
		const runner = engine.runner('migrate', siteIdOf(req));
		runner.setState(STATE_VALUES[parseBody(stateChangeSchema, req.body).state]);
		res.json(runner.progress());
	});

	router.post('/v1/object-checks', async (req, res) => {
		const request = parseBody(objectCheckSchema, req.body);
		const adapter = adapterFor(request.storage);
		const limiter = new Limiter(16);
		const found = await Promise.all(request.keys.map((key) => limiter.run(() => adapter.head(key))));
		const missing = request.keys.filter((_key, index) => found[index] === null);
		if (missing.length) await refuseMissingBucket(adapter);
		res.json({ missing });
	});
	return router;
}

/**
 * A HEAD answers 404 with no body both for an object that is gone and for every key of a bucket that is gone (S3
 * and s3rver alike: the SDK sees "NotFound", never "NoSuchBucket"), so a deleted bucket would read as all its files
 * missing. One listing of at most one key tells them apart; only its "no such bucket" counts, so keys that may read
 * objects but not list them keep their answer.
 */
async function refuseMissingBucket(adapter: StorageAdapter): Promise<void> {
	try {
		await adapter.probeList();
	} catch (error) {
		if (error instanceof SidecarError && error.code === 'E_BUCKET_NOT_FOUND') throw error;
	}
}

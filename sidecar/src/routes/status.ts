import { Router } from 'express';

const startedAt = Date.now();

/** GET /v1/status — liveness for WordPress' connectivity check. */
export function statusRouter(version: string): Router {
	const router = Router();
	router.get('/v1/status', (_req, res) => {
		res.json({ version, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) });
	});
	return router;
}

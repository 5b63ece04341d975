import express from 'express';
import { requireSignature } from './auth/require-signature';
import type { SidecarConfig } from './config';
import { errorMiddleware, SidecarError } from './errors';
import type { JobEngine } from './jobs/engine';
import { deletionsRouter } from './routes/deletions';
import { downloadsRouter } from './routes/downloads';
import { healthRouter } from './routes/health';
import { migrationsRouter } from './routes/migrations';
import { movesRouter } from './routes/moves';
import { offloadsRouter } from './routes/offloads';
import { restoresRouter } from './routes/restores';
import { statusRouter } from './routes/status';

export const SIDECAR_VERSION = '0.1.0';

/** Builds the sidecar's HTTP API. Every route sits behind the signature check. */
export function createApp(config: SidecarConfig, engine?: JobEngine): express.Express {
	const app = express();
	app.disable('x-powered-by');
	// Raw bytes, not parsed JSON: the signature covers the exact body; routes parse it themselves.
	app.use(express.raw({ type: () => true, limit: '5mb' }));
	app.use(requireSignature(config.secret));
	app.use(statusRouter(SIDECAR_VERSION));
	app.use(offloadsRouter(config.uploadsDir));
	app.use(restoresRouter(config.uploadsDir));
	app.use(deletionsRouter());
	app.use(healthRouter());
	if (engine) app.use(migrationsRouter(engine));
	if (engine) app.use(downloadsRouter(engine));
	if (engine) app.use(movesRouter(engine));
	app.use((req, _res, next) => next(new SidecarError('E_NOT_FOUND', `No such route: ${req.method} ${req.path}.`, 'Update the plugin and the sidecar to the same version.')));
	app.use(errorMiddleware);
	return app;
}

import express from 'express';
import { requireSignature, signatureHeadersOf } from './auth/require-signature';
import { seenNoncesIn, seenNoncesInMemory } from './auth/seen-nonces';
import type { SidecarConfig } from './config';
import { errorMiddleware, SidecarError } from './errors';
import { RESTART_REMEDY, saySidecar } from './sidecar-messages';
import type { JobDatabase } from './jobs/database';
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

/**
 * The largest body a signed request may have. The largest the schemas allow is a deletion of 10,000 keys of
 * up to 1,024 characters (schemas.ts): 10.3 MB of JSON; a migration selection of 100,000 IDs is 0.8 MB, an
 * offload of 500 files 1.1 MB. What WordPress really sends is far smaller (an attachment's deletion: 3 KB).
 */
export const SIGNED_BODY_LIMIT = 12 * 1024 * 1024;

/**
 * The largest body read from a request whose signature headers are missing, malformed or expired: it is refused
 * anyway, so nothing needs reading. Above this it gets 413 at once, from its Content-Length, without a byte of
 * it buffered (an unsigned 50 MB POST used to be read up to 5 MB, then answered 500 with a stack trace).
 */
export const UNSIGNED_BODY_LIMIT = 8 * 1024;

/** Builds the sidecar's HTTP API. Every route sits behind the signature check. */
export function createApp(config: SidecarConfig, engine?: JobEngine, db?: JobDatabase): express.Express {
	const app = express();
	app.disable('x-powered-by');
	// Raw bytes, not parsed JSON: the signature covers the exact body; routes parse it themselves. The limit
	// depends on the signature headers, checked before a byte of the body is read.
	const signedBody = express.raw({ type: () => true, limit: SIGNED_BODY_LIMIT });
	const unsignedBody = express.raw({ type: () => true, limit: UNSIGNED_BODY_LIMIT });
	app.use((req, res, next) => ('refusal' in signatureHeadersOf(req) ? unsignedBody : signedBody)(req, res, next));
	// Seen nonces live in the job database, so a restart does not forget which requests were answered.
	app.use(requireSignature(config.secret, db ? seenNoncesIn(db) : seenNoncesInMemory()));
	app.use(statusRouter(SIDECAR_VERSION));
	app.use(offloadsRouter(config.uploadsDir));
	app.use(restoresRouter(config.uploadsDir));
	app.use(deletionsRouter());
	app.use(healthRouter());
	if (engine) app.use(migrationsRouter(engine));
	if (engine) app.use(downloadsRouter(engine));
	if (engine) app.use(movesRouter(engine));
	// A route this process does not know: the plugin on disk is newer (or older) than the code this process runs,
	// which happens when the plugin was updated and the sidecar not restarted; the files on disk match already.
	app.use((req, _res, next) =>
		next(
			new SidecarError('E_NOT_FOUND', `No such route: ${req.method} ${req.path}.`, RESTART_REMEDY, {
				said: { message: saySidecar('sidecar.unknown_route', { method: req.method, path: req.path }), remedy: saySidecar('sidecar.restart.fix') },
			}),
		),
	);
	app.use(errorMiddleware);
	return app;
}

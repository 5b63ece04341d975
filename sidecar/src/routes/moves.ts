import type { Router } from 'express';
import type { JobEngine } from '../jobs/engine';
import { selectionRunRouter } from './selection-run';

/**
 * Move to the current storage: attachments whose record names another bucket, endpoint or provider are
 * uploaded to the storage the settings point at now, on the same job engine as the migration (progress,
 * pause/resume, crash safety). WordPress lists them and re-points each record once its objects are confirmed.
 */
export function movesRouter(engine: JobEngine): Router {
	return selectionRunRouter(engine, 'move', '/v1/moves', 16);
}

import type { Router } from 'express';
import type { JobEngine } from '../jobs/engine';
import { selectionRunRouter } from './selection-run';

/** Download back (restore local copies from the bucket), on the same job engine as the migration. */
export function downloadsRouter(engine: JobEngine): Router {
	return selectionRunRouter(engine, 'download', '/v1/downloads', 8);
}

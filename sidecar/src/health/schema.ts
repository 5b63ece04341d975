import { z } from 'zod';
import { storageSettingsSchema } from '../schemas';
import { SIDECAR_CHECK_IDS } from './check-ids';

/** POST /v1/health: the storage settings, which checks to run (all when empty) and where probe objects may go. */
export const healthRequestSchema = z.object({
	storage: storageSettingsSchema,
	checks: z.array(z.enum(SIDECAR_CHECK_IDS)).default([]),
	object_prefix: z.string().max(512).default('wp-content/uploads/'),
	/** Per network step; the CLI may allow more on slow links. */
	timeout_ms: z.number().int().min(500).max(60_000).default(5000),
});

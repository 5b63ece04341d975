import { z } from 'zod';
import { SidecarError } from './errors';
import { RESTART_REMEDY, saySidecar } from './sidecar-messages';
import { storageSettingsSchema } from './storage/contract';

export { storageSettingsSchema };

const relativePath = z.string().min(1).max(1024);
const objectKey = z.string().min(1).max(1024);

export const offloadRequestSchema = z.object({
	storage: storageSettingsSchema,
	cache_control: z.string().max(256).default(''),
	/** Confirm each object with a HEAD after upload (needed before local files may be removed). */
	verify: z.boolean().default(false),
	files: z
		.array(z.object({ path: relativePath, key: objectKey, content_type: z.string().max(128).default('') }))
		.min(1)
		.max(500),
});

export const deletionRequestSchema = z.object({
	storage: storageSettingsSchema,
	keys: z.array(objectKey).min(1).max(10_000),
});

/** Files WordPress needs back on disk now (image editor, `wp media regenerate`) after the local copies were removed. */
export const restoreRequestSchema = z.object({
	storage: storageSettingsSchema,
	files: z
		.array(z.object({ path: relativePath, key: objectKey }))
		.min(1)
		.max(1000),
});

/** Parses a signed raw JSON body against a schema; every problem becomes one E_BAD_REQUEST naming the field. */
export function parseBody<T>(schema: z.ZodType<T>, raw: unknown): T {
	let json: unknown;
	try {
		json = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : '');
	} catch {
		throw new SidecarError('E_BAD_REQUEST', 'The request body is not valid JSON.', 'Send a JSON object body.');
	}
	const result = schema.safeParse(json);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
		// A body the plugin on disk builds but this process's schema refuses: the sidecar was not restarted after an update.
		throw new SidecarError('E_BAD_REQUEST', `The request is invalid: ${problems.join('; ')}.`, RESTART_REMEDY, {
			said: { message: saySidecar('sidecar.bad_request', { problems: problems.join('; ') }), remedy: saySidecar('sidecar.restart.fix') },
		});
	}
	return result.data;
}

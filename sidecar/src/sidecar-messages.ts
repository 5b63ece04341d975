import { messagesOf } from './messages';

/**
 * The codes of the sidecar's own failures a user can read (errors.ts, jobs/job-failure.ts): an unexpected error,
 * a request body it refused. WordPress words them (plugin/inc/health/class-messages-files.php), in English with
 * the very words of the error's English.
 */
export const SIDECAR_MESSAGES = {
	'sidecar.internal': [],
	/** An unexpected error of one item (a full disk, a bug): `error` is the runtime's own English. */
	'sidecar.failed': ['error'],
	'sidecar.internal.fix': [],
	'sidecar.payload_too_large': [],
	'sidecar.payload_too_large.fix': [],
	'sidecar.unreadable_body': [],
	'sidecar.unreadable_body.fix': [],
} as const;

export const saySidecar = messagesOf(SIDECAR_MESSAGES);

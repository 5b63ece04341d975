import { messagesOf } from './messages';

/**
 * The codes of the sidecar's own failures a user can read: an unexpected error (errors.ts, jobs/job-failure.ts),
 * a request it refused (its body, its signature), a run that is not there to pause. WordPress words them (plugin/inc/health/class-messages-files.php), in English with
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
	// A request refused for its signature (auth/require-signature.ts): the secrets differ, or the clocks.
	'sidecar.unsigned': [],
	'sidecar.signature_expired': [],
	'sidecar.nonce_invalid': [],
	'sidecar.signature_mismatch': [],
	'sidecar.replayed': [],
	'sidecar.unauthorized.fix': [],
	// Pause, resume or cancel with no run to act on (jobs/kind-runner.ts).
	'sidecar.no_run.migrate': [],
	'sidecar.no_run.download': [],
	'sidecar.no_run.move': [],
	'sidecar.no_run.fix': [],
} as const;

export const saySidecar = messagesOf(SIDECAR_MESSAGES);

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
	// A route or a body this process does not know (app.ts, schemas.ts parseBody): almost always a plugin updated
	// while the sidecar kept running the previous version. WordPress adds this site's restart command to the fix.
	'sidecar.unknown_route': ['method', 'path'],
	/** `problems`: the schema's own English, each field path with what is wrong ("files.0.key: Required"). */
	'sidecar.bad_request': ['problems'],
	'sidecar.restart.fix': [],
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

/**
 * The English of `sidecar.restart.fix`, for the log and a plugin older than the codes. WordPress words the code with
 * this site's exact command (`systemctl restart <unit>` or `wp media-cloud sidecar restart`, Sidecar_Build).
 */
export const RESTART_REMEDY =
	'Restart the sidecar so it runs the version the plugin ships (after a plugin update the running process keeps the old code): `wp media-cloud sidecar restart`, or `systemctl restart <its service>` where it runs as a systemd service.';

import type { ErrorRequestHandler } from 'express';
import { log } from './log';
import { RefusalLog } from './refusal-log';
import { ErrorCodes, type ErrorCode } from './error-codes';
import { saidOf, type ErrorSaid } from './jobs/error-said';
import { saySidecar } from './sidecar-messages';

export { ErrorCodes, type ErrorCode };

/**
 * A coded error with the fix the user can act on (the codes and their statuses: error-codes.ts). `said` is the
 * same two sentences as codes (files/files-messages.ts, storage/storage-messages.ts…): it goes where the error
 * goes (the REST answer, a run's failure list), and WordPress words it from its catalog; the English stays for the
 * log and for a plugin older than the codes.
 */
export class SidecarError extends Error {
	readonly said?: ErrorSaid;

	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly remedy: string,
		options?: { cause?: unknown; said?: ErrorSaid },
	) {
		super(message, options?.cause === undefined ? undefined : { cause: options.cause });
		this.name = 'SidecarError';
		if (options?.said) this.said = options.said;
	}

	get status(): number {
		return ErrorCodes[this.code];
	}

	toJSON() {
		const said = saidOf(this);
		return { code: this.code, message: this.message, remedy: this.remedy, ...(said ? { said } : {}) };
	}
}

/** What to do about an error nobody foresaw (this middleware's, and an item's in jobs/job-failure.ts). */
export const INTERNAL_REMEDY = 'Check the sidecar log (wp media-cloud sidecar logs) for the stack trace and report it.';

/** An error of the HTTP layer (body-parser's http-errors: too large, aborted, bad encoding): it has a 4xx status. */
interface HttpClientError {
	status: number;
	type?: string;
}

function isHttpClientError(error: unknown): error is HttpClientError {
	const status = (error as { status?: unknown } | null)?.status;
	return typeof status === 'number' && status >= 400 && status < 500;
}

/** The coded error a body-parser refusal becomes: the limit is the sidecar's, so the remedy says so. */
function fromHttpError(error: HttpClientError): SidecarError {
	if (error.status === 413) {
		return new SidecarError(
			'E_PAYLOAD_TOO_LARGE',
			'The request body is larger than the sidecar accepts.',
			'Only WordPress calls the sidecar, with signed requests: restart the sidecar so it runs the version the plugin ships.',
			{ said: { message: saySidecar('sidecar.payload_too_large'), remedy: saySidecar('sidecar.payload_too_large.fix') } },
		);
	}
	return new SidecarError('E_BAD_REQUEST', 'The request body could not be read.', 'Send the request again.', {
		cause: error,
		said: { message: saySidecar('sidecar.unreadable_body'), remedy: saySidecar('sidecar.unreadable_body.fix') },
	});
}

/**
 * Maps any error thrown by a route to its HTTP answer. A refusal (4xx: unsigned, replayed, too large, invalid)
 * is one log line with its code, no stack (nothing failed in the sidecar), and repeats of it within a minute are
 * counted in one more line (RefusalLog). A 5xx keeps its stack and cause in the log; unknown errors are never
 * echoed to the caller in detail.
 */
export const refusals = new RefusalLog();

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
	const coded = error instanceof SidecarError ? error : isHttpClientError(error) ? fromHttpError(error) : null;
	const where = { method: req.method, path: req.path };
	if (coded && coded.status < 500) {
		refusals.refused(
			`${coded.code} ${coded.message}`,
			{ ...where, code: coded.code, status: coded.status },
			`refused ${req.method} ${req.path}: ${coded.message}`,
		);
		res.status(coded.status).json(coded.toJSON());
		return;
	}
	if (coded) {
		log.error({ ...where, code: coded.code, status: coded.status, err: coded }, `${req.method} ${req.path} failed: ${coded.message}`);
		res.status(coded.status).json(coded.toJSON());
		return;
	}
	log.error({ ...where, err: error }, `${req.method} ${req.path} failed unexpectedly`);
	const internal = new SidecarError('E_INTERNAL', 'The sidecar failed unexpectedly.', INTERNAL_REMEDY, {
		said: { message: saySidecar('sidecar.internal'), remedy: saySidecar('sidecar.internal.fix') },
	});
	res.status(internal.status).json(internal.toJSON());
};

import type { ErrorRequestHandler } from 'express';

/**
 * The sidecar's coded errors. Each reaches WordPress as `{ code, message, remedy }`, where PHP turns it into a
 * WP_Error with the same code, so the admin and WP-CLI can show the user what to do.
 */
export const ErrorCodes = {
	E_BAD_REQUEST: 400,
	E_NOT_FOUND: 404,
	E_UNAUTHORIZED: 401,
	E_PATH_OUTSIDE_UPLOADS: 403,
	E_FILE_MISSING: 422,
	E_AUTH: 502,
	E_ACCESS_DENIED: 502,
	E_BUCKET_NOT_FOUND: 502,
	E_WRONG_REGION: 502,
	E_NETWORK: 504,
	E_TIMEOUT: 504,
	E_TLS: 502,
	E_STORAGE: 502,
	/** The old storage of an attachment being moved cannot be read: that attachment fails, the run goes on. */
	E_SOURCE_UNAVAILABLE: 502,
	E_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class SidecarError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly remedy: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'SidecarError';
	}

	get status(): number {
		return ErrorCodes[this.code];
	}

	toJSON() {
		return { code: this.code, message: this.message, remedy: this.remedy };
	}
}

/** Maps any error thrown by a route to its HTTP answer; unknown errors are logged, never echoed in detail. */
export const errorMiddleware: ErrorRequestHandler = (error, _req, res, _next) => {
	if (error instanceof SidecarError) {
		res.status(error.status).json(error.toJSON());
		return;
	}
	console.error('[sidecar] unexpected error:', error instanceof Error ? error.stack : error);
	const internal = new SidecarError(
		'E_INTERNAL',
		'The sidecar failed unexpectedly.',
		'Check the sidecar log for the stack trace and report it.',
	);
	res.status(internal.status).json(internal.toJSON());
};

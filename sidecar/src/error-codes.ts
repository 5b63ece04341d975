/**
 * The sidecar's error codes with their HTTP status. Each reaches WordPress as `{ code, message, remedy }`, where PHP
 * turns it into a WP_Error with the same code: PHP reads the list from plugin/contract.json (bin/build-contract.ts),
 * so a code named on both sides is written once, here. Kept apart from errors.ts (express, the logger) so the
 * contract can be built and read without them.
 */
export const ErrorCodes = {
	E_BAD_REQUEST: 400,
	E_NOT_FOUND: 404,
	E_UNAUTHORIZED: 401,
	E_PAYLOAD_TOO_LARGE: 413,
	E_PATH_OUTSIDE_UPLOADS: 403,
	/** Download back refuses a name a web server could run or read as configuration (files/restore-destinations.ts). */
	E_FORBIDDEN_NAME: 403,
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

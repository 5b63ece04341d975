import { SidecarError } from '../errors';

interface AwsLikeError {
	name?: string;
	code?: string;
	message?: string;
	$metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i;

/**
 * Turns whatever the storage SDK threw into one coded error with a remedy the user can act on.
 * The original error is kept as `cause` for the log.
 */
export function classifyStorageError(error: unknown, bucket: string): SidecarError {
	if (error instanceof SidecarError) return error;
	const e = (error ?? {}) as AwsLikeError;
	const name = e.name ?? '';
	const code = e.code ?? '';
	const status = e.$metadata?.httpStatusCode;
	const make = (errorCode: ConstructorParameters<typeof SidecarError>[0], message: string, remedy: string) =>
		new SidecarError(errorCode, message, remedy, { cause: error });

	switch (name) {
		case 'InvalidAccessKeyId':
			return make('E_AUTH', 'The storage provider does not know this access key.', 'Copy the access key ID again from your provider’s dashboard; check for a missing character or a trailing space.');
		case 'SignatureDoesNotMatch':
			return make('E_AUTH', 'The secret key does not match the access key.', 'Paste the secret key again, exactly as shown by your provider (no trailing space). If it was lost, create a new key.');
		case 'NoSuchBucket':
			return make('E_BUCKET_NOT_FOUND', `The bucket "${bucket}" does not exist at this endpoint.`, 'Bucket names are case-sensitive: copy the name from your provider’s dashboard, and check the endpoint/region.');
		case 'PermanentRedirect':
		case 'AuthorizationHeaderMalformed':
			return make('E_WRONG_REGION', `The bucket "${bucket}" is in a different region than the one configured.`, 'Set the region (or endpoint) to the bucket’s actual region, as shown in your provider’s dashboard.');
		case 'AccessDenied':
		case 'Forbidden':
			return make('E_ACCESS_DENIED', 'The storage provider refused the request: the key lacks permission.', 'Give the key read and write access to this bucket (s3:PutObject, s3:GetObject, s3:DeleteObject, s3:ListBucket).');
		case 'TimeoutError':
		case 'RequestTimeout':
			return make('E_TIMEOUT', 'The storage endpoint did not answer in time.', 'Check that this server can make outbound connections to the endpoint (port 443 for HTTPS); ask your host if they are blocked.');
	}
	if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name)) {
		return make('E_NETWORK', `The storage endpoint could not be reached (${code || name}).`, 'Check the endpoint URL, and that this server can make outbound connections to it (port 443 for HTTPS).');
	}
	if (TLS_CODES.test(code) || TLS_CODES.test(name)) {
		return make('E_TLS', `The storage endpoint’s TLS certificate was refused (${code || name}).`, 'The endpoint must present a valid certificate for its hostname; check the endpoint URL and the server’s CA certificates.');
	}
	return make('E_STORAGE', `The storage provider answered with an error${status ? ` (HTTP ${status})` : ''}: ${name || code || e.message || 'unknown'}.`, 'Run Media Cloud › Health to find the cause; retry later if the provider reports an outage.');
}

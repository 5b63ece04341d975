import { SidecarError, type ErrorCode } from '../errors';
import type { Message } from '../messages';
import type { ProviderDefinition } from './contract';
import { providerHint, sayStorage as say } from './storage-messages';

/**
 * The specific cause behind a storage failure. Health results and offload errors name it, so a user (and a test)
 * can tell "wrong secret" from "wrong region" although both are an E_AUTH-like 4xx from the provider.
 */
export type FailureReason =
	| 'invalid_access_key'
	| 'signature_mismatch'
	| 'bunny_unauthorized'
	| 'bucket_not_found'
	| 'wrong_region'
	| 'path_style'
	| 'access_denied'
	| 'acl_not_supported'
	| 'clock_skew'
	| 'timeout'
	| 'connection_refused'
	| 'connection_reset'
	| 'dns'
	| 'tls'
	| 'unknown';

/**
 * A storage failure: a SidecarError (so routes answer `{ code, message, remedy }`) that also names its reason, and
 * says both sentences as codes (`said`) for what WordPress translates (health results). The English message and
 * remedy still serve the log and migration errors until those reach WordPress as codes too.
 */
export class StorageError extends SidecarError {
	constructor(
		code: ErrorCode,
		readonly reason: FailureReason,
		message: string,
		remedy: string,
		readonly said: { message: Message; remedy: Message },
		options?: { cause?: unknown },
	) {
		super(code, message, remedy, options);
	}
}

export interface ClassifyContext {
	bucket: string;
	provider?: ProviderDefinition;
	endpoint?: string;
}

interface AwsLikeError {
	name?: string;
	Code?: string;
	code?: string;
	message?: string;
	$metadata?: { httpStatusCode?: number };
	$response?: { headers?: Record<string, string> };
	hostname?: string;
}

const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'AbortError']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);
const TLS_PATTERN = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|ERR_OSSL/i;
const PATH_STYLE_CODES = new Set(['SecondLevelDomainForbidden', 'InvalidBucketName']);

/** `host:port` of an endpoint URL, with the scheme's default port spelled out (what a firewall rule names). */
export function hostPortOf(endpoint: string): string {
	try {
		const url = new URL(endpoint);
		return `${url.hostname}:${url.port || (url.protocol === 'http:' ? 80 : 443)}`;
	} catch {
		return endpoint;
	}
}

/** True when a PUT failed only because the bucket refuses ACL headers (S3 bucket-owner-enforced, R2). */
export function isAclRefusal(error: unknown): boolean {
	const e = (error ?? {}) as AwsLikeError;
	if (e.name === 'AccessControlListNotSupported' || e.Code === 'AccessControlListNotSupported') return true;
	return e.name === 'NotImplemented' && /acl/i.test(e.message ?? '');
}

/**
 * Turns whatever the storage SDK (or Bunny's API) threw into one coded error naming the cause, with the fix the
 * user can act on, in the provider's own words where they differ. The original error is kept as `cause`.
 */
export function classifyStorageError(error: unknown, context: ClassifyContext | string): StorageError {
	if (error instanceof StorageError) return error;
	const { bucket, provider, endpoint } = typeof context === 'string' ? { bucket: context } : context;
	if (error instanceof SidecarError) {
		// Its own sentences when it has them (a file missing on disk, files/files-messages.ts), else its English.
		const said = error.said ?? {
			message: say('storage.sidecar_error', { error_code: error.code, text: error.message }),
			remedy: say('storage.unknown.fix'),
		};
		return new StorageError(error.code, 'unknown', error.message, error.remedy, said, { cause: error });
	}
	const e = (error ?? {}) as AwsLikeError;
	const name = e.name ?? '';
	const code = e.code ?? '';
	const status = e.$metadata?.httpStatusCode;
	const message = e.message ?? '';
	const make = (errorCode: ErrorCode, reason: FailureReason, text: string, remedy: string, said: [Message, Message]) =>
		new StorageError(errorCode, reason, text, remedy, { message: said[0], remedy: said[1] }, { cause: error });
	const credentialsHint = provider?.hints.credentials ?? 'Copy the keys again from your provider’s dashboard.';
	const credentials_hint = provider ? providerHint(provider, 'credentials') : say('storage.copy_keys_again');
	const writeHint = (generic: Message) => (provider ? providerHint(provider, 'writeAccess') : generic);
	const hostPort = endpoint ? hostPortOf(endpoint) : say('storage.the_endpoint');

	switch (name) {
		case 'InvalidAccessKeyId':
			return make(
				'E_AUTH',
				'invalid_access_key',
				'The storage provider does not know this access key.',
				`Check the access key for a missing character or a trailing space. ${credentialsHint}`,
				[say('storage.invalid_access_key'), say('storage.invalid_access_key.fix', { credentials_hint })],
			);
		case 'SignatureDoesNotMatch':
			return make(
				'E_AUTH',
				'signature_mismatch',
				'The secret key does not match the access key (SignatureDoesNotMatch).',
				`Paste the secret key again exactly as your provider shows it, without a trailing space; if it was lost, create a new key. ${credentialsHint}`,
				[say('storage.signature_mismatch'), say('storage.signature_mismatch.fix', { credentials_hint })],
			);
		case 'BunnyUnauthorized':
			return make(
				'E_AUTH',
				'bunny_unauthorized',
				`Bunny refused the storage zone password for zone "${bucket}" (401 Unauthorized).`,
				`${provider?.hints.credentials ?? ''} Check the zone name too: it is case-sensitive.`.trim(),
				[say('storage.bunny_unauthorized', { zone: bucket }), say('storage.bunny_unauthorized.fix', { credentials_hint })],
			);
		case 'NoSuchBucket':
			return make(
				'E_BUCKET_NOT_FOUND',
				'bucket_not_found',
				`The bucket "${bucket}" does not exist at ${endpoint ?? 'this endpoint'}.`,
				'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.',
				[
					endpoint ? say('storage.bucket_not_found', { bucket, endpoint }) : say('storage.bucket_not_found_here', { bucket }),
					say('storage.bucket_not_found.fix'),
				],
			);
		case 'PermanentRedirect':
		case 'AuthorizationHeaderMalformed':
		case 'IllegalLocationConstraintException': {
			const actual = e.$response?.headers?.['x-amz-bucket-region'] ?? /expecting '([^']+)'/.exec(message)?.[1];
			return make(
				'E_WRONG_REGION',
				'wrong_region',
				`The bucket "${bucket}" is in a different region than the one configured${actual ? ` (it is in ${actual})` : ''}.`,
				actual ? `Set the region to ${actual}.` : 'Set the region (or endpoint) to the bucket’s actual region, as shown in your provider’s dashboard.',
				[
					actual ? say('storage.wrong_region_named', { bucket, region: actual }) : say('storage.wrong_region', { bucket }),
					actual ? say('storage.set_region.fix', { region: actual }) : say('storage.set_region_unknown.fix'),
				],
			);
		}
		case 'RequestTimeTooSkewed':
			return make(
				'E_AUTH',
				'clock_skew',
				'This server’s clock differs too much from the storage provider’s; signed requests are refused.',
				'Synchronise the server clock (NTP, e.g. `timedatectl set-ntp true`) or ask your host to.',
				[say('storage.clock_skew'), say('storage.clock_skew.fix')],
			);
		case 'AccessControlListNotSupported':
			return make(
				'E_STORAGE',
				'acl_not_supported',
				`The bucket "${bucket}" refuses ACL headers (object ownership is "bucket owner enforced").`,
				'Nothing to change here: uploads are retried without ACLs. Make the bucket public with a bucket policy instead.',
				[say('storage.acl_not_supported', { bucket }), say('storage.acl_not_supported.fix')],
			);
		case 'AccessDenied':
		case 'Forbidden':
			return make(
				'E_ACCESS_DENIED',
				'access_denied',
				'The storage provider refused the request: the key lacks permission for this bucket.',
				provider?.hints.writeAccess ??
					'Give the key read and write access to this bucket (s3:PutObject, s3:GetObject, s3:DeleteObject, s3:ListBucket).',
				[say('storage.access_denied'), writeHint(say('storage.access_denied.fix'))],
			);
	}
	if (PATH_STYLE_CODES.has(name) || /must be addressed using the specified endpoint|virtual.?host|path.?style/i.test(message)) {
		return make(
			'E_STORAGE',
			'path_style',
			'The endpoint refused the bucket addressing style (path-style vs virtual-hosted).',
			'Toggle the “Path-Style URLs” setting and test again: some servers need path-style, others virtual-hosted style.',
			[say('storage.path_style_refused'), say('storage.path_style_refused.fix')],
		);
	}
	// @smithy/node-http-handler names a reset connection "TimeoutError" too; its code tells it apart (below).
	if ((TIMEOUT_CODES.has(name) && !RESET_CODES.has(code)) || TIMEOUT_CODES.has(code)) {
		const storage = endpoint ? `The storage at ${hostPortOf(endpoint)}` : 'The storage';
		const retried = 'The files stay on this server and are offloaded again automatically once it answers.';
		if (/did not establish a connection/.test(message)) {
			return make(
				'E_TIMEOUT',
				'timeout',
				`${storage} did not accept a connection in time: check the endpoint’s host and port; if they are right, a firewall drops this server’s outbound connections to it.`,
				`Check the endpoint URL${endpoint ? ` (${hostPortOf(endpoint)})` : ''}; if it is right, ask your host to allow outbound connections from this server to it. ${retried}`,
				[say('storage.connect_timeout', { where: hostPort }), say('storage.connect_timeout.fix', { where: hostPort })],
			);
		}
		const silence = /after (\d+) ms of inactivity/.exec(message)?.[1];
		if (silence) {
			return make(
				'E_TIMEOUT',
				'timeout',
				`${storage} accepted the connection but sent nothing for ${Math.round(Number(silence) / 1000)} s: the storage server is stuck or overloaded (not the sidecar); check the provider’s status page, or restart a self-hosted server.`,
				`Check the storage server at ${endpoint ? hostPortOf(endpoint) : 'the endpoint'}: its provider’s status page, or for a self-hosted one (MinIO, Ceph RGW, Garage) its log, and restart it. ${retried}`,
				[say('storage.stalled', { where: hostPort, seconds: Math.round(Number(silence) / 1000) }), say('storage.stalled.fix', { where: hostPort })],
			);
		}
		// Also a connection dropped before any answer (the handler names ECONNRESET a TimeoutError too).
		return make(
			'E_TIMEOUT',
			'timeout',
			`The storage endpoint${endpoint ? ` ${endpoint}` : ''} did not answer in time (no response at all).`,
			`Check the endpoint URL; if it is right, ask your host to allow outbound connections from this server to ${endpoint ? hostPortOf(endpoint) : 'the endpoint'}. ${retried}`,
			[endpoint ? say('storage.no_response', { endpoint }) : say('storage.no_response_unnamed'), say('storage.no_response.fix', { where: hostPort })],
		);
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || name === 'ENOTFOUND') {
		const host = e.hostname ?? /ENOTFOUND (\S+)/.exec(message)?.[1] ?? '';
		if (host && bucket && host.toLowerCase().startsWith(`${bucket.toLowerCase()}.`)) {
			return make(
				'E_NETWORK',
				'path_style',
				`The host name "${host}" (bucket as a subdomain, virtual-hosted style) does not resolve.`,
				'Turn on “Path-Style URLs”: this endpoint does not serve buckets as subdomains.',
				[say('storage.subdomain_unresolved', { host }), say('storage.subdomain_unresolved.fix')],
			);
		}
		return make(
			'E_NETWORK',
			'dns',
			`The storage endpoint’s host name${host ? ` "${host}"` : ''} does not resolve (DNS).`,
			'Check the endpoint URL for a typo; if it is right, this server’s DNS cannot resolve it: ask your host.',
			[host ? say('storage.dns', { host }) : say('storage.dns_unnamed'), say('storage.dns.fix')],
		);
	}
	if (code === 'ECONNREFUSED' || name === 'ECONNREFUSED') {
		return make(
			'E_NETWORK',
			'connection_refused',
			`The storage endpoint ${endpoint ?? ''} refused the connection (nothing listens there).`.replace('  ', ' '),
			'Check the endpoint URL and port; if it is a self-hosted server, start it.',
			[endpoint ? say('storage.connection_refused', { endpoint }) : say('storage.connection_refused_unnamed'), say('storage.connection_refused.fix')],
		);
	}
	if (RESET_CODES.has(code) || RESET_CODES.has(name)) {
		const where = endpoint ? ` ${hostPortOf(endpoint)}` : '';
		return make(
			'E_NETWORK',
			'connection_reset',
			`The storage endpoint${where} closed the connection before answering (${code || name}).`,
			`Check that the endpoint URL's scheme and port are the storage's (https on an http port, or the reverse, is cut like this); if they are, a proxy or firewall between this server and the storage drops the connection, or a self-hosted storage crashed: check its log. The files stay on this server and are offloaded again automatically once it answers.`,
			[
				endpoint
					? say('storage.connection_reset', { where: hostPortOf(endpoint), error_code: code || name })
					: say('storage.connection_reset_unnamed', { error_code: code || name }),
				say('storage.connection_reset.fix'),
			],
		);
	}
	if (['EHOSTUNREACH', 'ENETUNREACH'].includes(code || name)) {
		return make(
			'E_NETWORK',
			'connection_refused',
			`The storage endpoint${endpoint ? ` ${hostPortOf(endpoint)}` : ''} could not be reached (${code || name}).`,
			`Check the endpoint URL, and that this server can make outbound connections to ${endpoint ? hostPortOf(endpoint) : 'it'}.`,
			[
				endpoint
					? say('storage.unreachable', { where: hostPort, error_code: code || name })
					: say('storage.unreachable_unnamed', { error_code: code || name }),
				say('storage.unreachable.fix', { where: hostPort }),
			],
		);
	}
	if (TLS_PATTERN.test(code) || TLS_PATTERN.test(name)) {
		return make(
			'E_TLS',
			'tls',
			`The storage endpoint’s TLS certificate was refused (${code || name}).`,
			'The endpoint must present a valid certificate for its host name (not self-signed or expired); check the endpoint URL, and the server’s CA certificates if the provider’s certificate is valid.',
			[say('storage.tls', { error_code: code || name }), say('storage.tls.fix')],
		);
	}
	if (status === 403) {
		return make(
			'E_ACCESS_DENIED',
			'access_denied',
			'The storage provider refused the request (HTTP 403).',
			provider?.hints.writeAccess ?? 'Give the key read and write access to this bucket.',
			[say('storage.forbidden'), writeHint(say('storage.forbidden.fix'))],
		);
	}
	return make(
		'E_STORAGE',
		'unknown',
		`The storage provider answered with an error${status ? ` (HTTP ${status})` : ''}: ${name || code || message || 'unknown'}.`,
		'Run Media Cloud › Health to find the cause; retry later if the provider reports an outage.',
		[
			status
				? say('storage.unknown_status', { status, error: name || code || message || 'unknown' })
				: say('storage.unknown', { error: name || code || message || 'unknown' }),
			say('storage.unknown.fix'),
		],
	);
}

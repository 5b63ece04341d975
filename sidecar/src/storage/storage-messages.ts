import { messagesOf, type Message } from '../messages';
import type { ProviderDefinition, ProviderHints } from './contract';

/**
 * The codes of the storage error sentences (classify-error.ts) and their parameters: what health results send
 * WordPress instead of English (plugin/inc/health/class-messages-storage.php holds the texts). Each error has a
 * sentence saying what happened and one saying what to do (`.fix`). `where` is a host:port, or the message
 * `storage.the_endpoint` when the endpoint is not known.
 */
export const STORAGE_MESSAGES = {
	'storage.the_endpoint': [],
	'storage.copy_keys_again': [],
	'storage.invalid_access_key': [],
	'storage.invalid_access_key.fix': ['credentials_hint'],
	'storage.signature_mismatch': [],
	'storage.signature_mismatch.fix': ['credentials_hint'],
	'storage.bunny_unauthorized': ['zone'],
	'storage.bunny_unauthorized.fix': ['credentials_hint'],
	'storage.bucket_not_found': ['bucket', 'endpoint'],
	'storage.bucket_not_found_here': ['bucket'],
	'storage.bucket_not_found.fix': [],
	'storage.wrong_region': ['bucket'],
	'storage.wrong_region_named': ['bucket', 'region'],
	'storage.set_region.fix': ['region'],
	'storage.set_region_unknown.fix': [],
	'storage.clock_skew': [],
	'storage.clock_skew.fix': [],
	'storage.acl_not_supported': ['bucket'],
	'storage.acl_not_supported.fix': [],
	'storage.access_denied': [],
	'storage.access_denied.fix': [],
	'storage.path_style_refused': [],
	'storage.path_style_refused.fix': [],
	'storage.connect_timeout': ['where'],
	'storage.connect_timeout.fix': ['where'],
	'storage.stalled': ['where', 'seconds'],
	'storage.stalled.fix': ['where'],
	'storage.no_response': ['endpoint'],
	'storage.no_response_unnamed': [],
	'storage.no_response.fix': ['where'],
	'storage.subdomain_unresolved': ['host'],
	'storage.subdomain_unresolved.fix': [],
	'storage.dns': ['host'],
	'storage.dns_unnamed': [],
	'storage.dns.fix': [],
	'storage.connection_refused': ['endpoint'],
	'storage.connection_refused_unnamed': [],
	'storage.connection_refused.fix': [],
	'storage.connection_reset': ['where', 'error_code'],
	'storage.connection_reset_unnamed': ['error_code'],
	'storage.connection_reset.fix': [],
	'storage.unreachable': ['where', 'error_code'],
	'storage.unreachable_unnamed': ['error_code'],
	'storage.unreachable.fix': ['where'],
	'storage.tls': ['error_code'],
	'storage.tls.fix': [],
	'storage.forbidden': [],
	'storage.forbidden.fix': [],
	'storage.unknown': ['error'],
	'storage.unknown_status': ['status', 'error'],
	'storage.unknown.fix': [],
	/** A coded sidecar error with no storage sentence of its own (e.g. an unknown provider): its English as it is. */
	'storage.sidecar_error': ['error_code', 'text'],
} as const;

export const sayStorage = messagesOf(STORAGE_MESSAGES);

/** The three provider hints as message codes: `provider.<id>.credentials` and so on. */
const HINT_CODES: Record<keyof ProviderHints, string> = {
	credentials: 'credentials',
	writeAccess: 'write_access',
	publicAccess: 'public_access',
};

/** The provider's own words for a fix (where its keys come from, how to allow writes or public reads). */
export function providerHint(provider: Pick<ProviderDefinition, 'id'>, kind: keyof ProviderHints): Message {
	return { code: `provider.${provider.id}.${HINT_CODES[kind]}`, params: {} };
}

/** Every provider hint code (for plugin/contract.json). */
export function providerHintCodes(providerIds: readonly string[]): string[] {
	return providerIds.flatMap((id) => Object.values(HINT_CODES).map((kind) => `provider.${id}.${kind}`));
}

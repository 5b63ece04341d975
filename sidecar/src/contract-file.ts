import { ErrorCodes } from './error-codes';
import { FILES_MESSAGES } from './files/files-messages';
import { CONNECTION_CHECK_IDS, SIDECAR_CHECK_IDS } from './health/check-ids';
import { HEALTH_MESSAGES } from './health/health-messages';
import { PUBLIC_URL_FORMS, type ProviderDefinition } from './storage/contract';
import { PROVIDERS } from './storage/providers';
import { SIDECAR_MESSAGES } from './sidecar-messages';
import { providerHintCodes, STORAGE_MESSAGES } from './storage/storage-messages';

/**
 * plugin/contract.json: the facts WordPress shares with the sidecar, written from the sidecar's own tables by
 * `npm run build:contract` (bin/build-contract.ts) and committed, so a git checkout works without a build. PHP reads
 * it once per request (plugin/inc/class-contract.php) and keeps only translated labels and help texts keyed by
 * these ids; test/providers/conformance.test.ts fails when the committed file is not what this writes.
 */
export const CONTRACT_FILE = 'plugin/contract.json';

/** One provider in PHP's snake_case; English hints stay in the sidecar (PHP has its own translated help). */
function providerEntry(provider: ProviderDefinition) {
	const { capabilities } = provider;
	return {
		label: provider.label,
		api: provider.api,
		regions: provider.regions ? [...provider.regions] : null,
		region_pattern: provider.regionPattern ?? null,
		default_region: provider.defaultRegion,
		endpoint_template: provider.endpointTemplate,
		endpoint_by_region: provider.endpointByRegion ?? {},
		signing_region: provider.fixedSigningRegion ?? null,
		capabilities: {
			acl: capabilities.acl,
			batch_delete: capabilities.batchDelete,
			path_style: capabilities.pathStyle,
			public_url: capabilities.publicUrl,
			needs_access_key: capabilities.needsAccessKey,
		},
		bucket_term: provider.bucketTerm,
		bucket_naming: provider.bucketNaming,
		credential_shape: provider.credentialShape,
	};
}

/** Each message code with the names of its parameters (provider hints have none). */
function messageCodes(): Record<string, string[]> {
	const hints = providerHintCodes(Object.keys(PROVIDERS)).map((code) => [code, []]);
	return Object.fromEntries([
		...Object.entries({ ...HEALTH_MESSAGES, ...STORAGE_MESSAGES, ...FILES_MESSAGES, ...SIDECAR_MESSAGES }).map(([code, params]) => [code, [...params]]),
		...hints,
	]);
}

export function contractData() {
	return {
		_about: [
			`Written by npm run build:contract from sidecar/src (storage/providers, health/check-ids.ts, error-codes.ts): do not edit by hand.`,
			'providers: in the order the settings page lists them. endpoint_template takes {region} (trimmed, lower case, default_region when empty) and {account_id} (trimmed); endpoint_by_region overrides it per region; an explicit endpoint setting always wins, and an empty template means the setting is required.',
			"public_url_forms: a configured public URL always wins; a 'virtual-host' provider that sends requests path-style uses 'path'; {scheme} and {host} (with its port) are the endpoint's; a pull zone host that has a scheme is used as it is.",
			"path_style: 'required' always, 'virtual' never unless an endpoint is set (then the toggle decides), 'optional' the toggle.",
			'message_codes: every sentence code the sidecar sends in health results and errors (health/health-messages.ts, storage/storage-messages.ts, files/files-messages.ts, sidecar-messages.ts) with its parameter names; plugin/inc/health/class-messages*.php words each.',
		],
		providers: Object.fromEntries(Object.values(PROVIDERS).map((provider) => [provider.id, providerEntry(provider)])),
		public_url_forms: PUBLIC_URL_FORMS,
		health: { sidecar_checks: [...SIDECAR_CHECK_IDS], connection_checks: [...CONNECTION_CHECK_IDS] },
		error_codes: ErrorCodes,
		message_codes: messageCodes(),
	};
}

/** The file's exact text: tabs, one trailing newline, so a regenerated file differs only where a fact did. */
export function contractJson(): string {
	return `${JSON.stringify(contractData(), null, '\t')}\n`;
}

import { z } from 'zod';

/**
 * The storage contract: what a provider is (regions, endpoint and public URL templates, capabilities, naming rule
 * ids) and the settings WordPress sends. It imports no adapter and no cloud SDK, so it can be read, tested and
 * written out for PHP (plugin/contract.json, bin/build-contract.ts) on its own; the adapters are made from it in
 * adapters.ts.
 */

/** Storage settings as WordPress sends them; the full per-provider validation lives in WordPress' settings schema. */
export const storageSettingsSchema = z.object({
	provider: z.string().min(1),
	/** Empty for named providers (derived from region/account id); an explicit value overrides the derived one. */
	endpoint: z.string().default(''),
	region: z.string().default(''),
	/** The bucket; for Bunny, the storage zone name. */
	bucket: z.string().min(1, 'The bucket name is missing.'),
	/** Unused where `needsAccessKey` is false (Bunny: the zone password is the secret). */
	access_key: z.string().default(''),
	/** For Bunny: the storage zone password. Secrets are never logged: see `redactStorage`. */
	secret_key: z.string().default(''),
	path_style: z.boolean().default(false),
	// The fields below are provider-specific or only build public URLs: optional in the type, '' once parsed.
	/** Cloudflare R2 account id (fills `{account_id}` in the endpoint template). */
	account_id: z.string().default('').optional(),
	/** Public base URL of the bucket (R2's r2.dev or custom domain; optional elsewhere). */
	public_url: z.string().default('').optional(),
	/** Bunny pull zone host that serves the storage zone, e.g. `example.b-cdn.net`. */
	pull_zone_host: z.string().default('').optional(),
	/** CDN host in front of the bucket, replacing its host in public URLs. */
	cdn_host: z.string().default('').optional(),
});

/** Storage settings (snake_case keys of the `wp_media_cloud_settings` option), as the schema above gives them. */
export type StorageSettings = z.infer<typeof storageSettingsSchema>;

/** How a provider's public URL is built (the templates: PUBLIC_URL_FORMS). */
export type PublicUrlForm =
	/** `https://<bucket>.<endpoint host>/<key>` (S3, Spaces, Hetzner, B2). */
	| 'virtual-host'
	/** `https://<endpoint host>/<bucket>/<key>` (GCS, Wasabi, path-style endpoints). */
	| 'path'
	/** Only a configured public URL can serve files (R2: r2.dev or a custom domain). */
	| 'public-url'
	/** A Bunny pull zone host in front of the storage zone. */
	| 'pull-zone';

/**
 * The public base URL of each form, filled from the API endpoint (`{endpoint}`, its `{scheme}` and `{host}` with any
 * port) and the settings. A configured public URL always wins; a `virtual-host` provider whose requests go
 * path-style (see `forcePathStyle`) uses the `path` form; '' means no public URL can be derived.
 */
export const PUBLIC_URL_FORMS: Readonly<Record<PublicUrlForm, string>> = {
	'virtual-host': '{scheme}://{bucket}.{host}',
	path: '{endpoint}/{bucket}',
	'public-url': '',
	'pull-zone': 'https://{pull_zone_host}',
};

/** What a provider can and cannot do; code asks these, never the provider's name. */
export interface StorageCapabilities {
	/** Whether object ACL headers (x-amz-acl) are sent; turns false for good once the bucket refused them (see `aclRefused`). */
	acl: boolean;
	/** Whether deleting many keys in one request is supported. */
	batchDelete: boolean;
	/** 'required': only path-style works; 'virtual': only virtual-host; 'optional': the user's toggle decides. */
	pathStyle: 'required' | 'virtual' | 'optional';
	publicUrl: PublicUrlForm;
	/** False where one secret alone signs requests (Bunny's storage zone password): no access key is asked for. */
	needsAccessKey: boolean;
}

/** The wire protocol, which picks the adapter (adapters.ts): every S3-compatible provider shares one. */
export type ProviderApi = 's3' | 'bunny-edge';

/**
 * Bucket naming rules as each provider documents them; WordPress checks names against them
 * (plugin/inc/class-bucket-name-rules.php holds the rules and their sources).
 */
export type BucketNamingRule = 'aws-s3' | 'wasabi' | 's3-generic' | 'r2' | 'b2' | 'gcs' | 'bunny-zone';

/** Which kind of keys the provider hands out, for WordPress' "this looks like the wrong key" checks. */
export type CredentialShape = 'aws-iam' | 'r2-token' | 'b2-application-key' | 'gcs-hmac' | 'bunny-zone-password' | 'any';

/** Provider-specific wording of the fixes the health check and error classifier give. */
export interface ProviderHints {
	/** Where the right keys come from. */
	credentials: string;
	/** How to give the keys read and write access. */
	writeAccess: string;
	/** How to let visitors read files (the fix for a 403 on a public URL). */
	publicAccess: string;
}

/** One storage provider as data: everything PHP needs too goes into plugin/contract.json. */
export interface ProviderContract {
	id: string;
	label: string;
	api: ProviderApi;
	/** Region codes the provider accepts; undefined when any code of `regionPattern` (or none) is fine. */
	regions?: readonly string[];
	/** For providers without a region list: what a region code looks like (a regular expression valid in JS and PCRE). */
	regionPattern?: string;
	/** Used when the region setting is empty. */
	defaultRegion: string;
	/**
	 * The API endpoint (no trailing slash) with `{region}` (trimmed, lower case, the default when empty) and
	 * `{account_id}`; '' when the endpoint setting is required. An explicit endpoint setting always wins.
	 */
	endpointTemplate: string;
	/** Regions whose endpoint does not follow the template (Bunny's main region has no prefix). */
	endpointByRegion?: Readonly<Record<string, string>>;
	/** The region to sign with when it is not the configured one (R2 and GCS sign with `auto`). */
	fixedSigningRegion?: string;
	capabilities: StorageCapabilities;
	/** What the provider calls a bucket (Bunny: a storage zone), for wording. */
	bucketTerm: 'bucket' | 'storage-zone';
	bucketNaming: BucketNamingRule;
	credentialShape: CredentialShape;
	hints: ProviderHints;
}

/** A provider with its rules applied to settings. PHP's Settings_Providers follows the same rules (the parity test). */
export interface ProviderDefinition extends ProviderContract {
	/** The API endpoint (no trailing slash). */
	endpoint(settings: StorageSettings): string;
	/** The region the request signature uses. */
	signingRegion(settings: StorageSettings): string;
	forcePathStyle(settings: StorageSettings): boolean;
	/** Public base URL of the bucket without CDN (no trailing slash); '' when it cannot be derived. */
	publicBase(settings: StorageSettings): string;
}

export const trimSlashes = (url: string) => url.trim().replace(/\/+$/, '');

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** Applies the contract's rules (endpoint template, path style, public URL form) to a provider's data. */
export function defineProvider(contract: ProviderContract): ProviderDefinition {
	const definition: ProviderDefinition = {
		...contract,
		endpoint(settings) {
			const explicit = trimSlashes(settings.endpoint);
			if (explicit || !contract.endpointTemplate) return explicit;
			const region = settings.region.trim().toLowerCase() || contract.defaultRegion;
			return contract.endpointByRegion?.[region] ?? fill(contract.endpointTemplate, { region, account_id: (settings.account_id ?? '').trim() });
		},
		signingRegion: (settings) => contract.fixedSigningRegion ?? (settings.region.trim() || contract.defaultRegion),
		forcePathStyle(settings) {
			const style = contract.capabilities.pathStyle;
			if (style === 'required') return true;
			// A custom endpoint (a proxy, a test server, a FIPS host) may need either style: the toggle decides.
			if (style === 'virtual' && !settings.endpoint.trim()) return false;
			return settings.path_style;
		},
		publicBase(settings) {
			const configured = trimSlashes(settings.public_url ?? '');
			if (configured) return configured;
			const form = contract.capabilities.publicUrl;
			if (form === 'pull-zone') {
				const host = trimSlashes(settings.pull_zone_host ?? '');
				return !host || /^https?:\/\//i.test(host) ? host : fill(PUBLIC_URL_FORMS[form], { pull_zone_host: host });
			}
			const endpoint = definition.endpoint(settings);
			if (form === 'public-url' || !endpoint) return '';
			if (form === 'path' || definition.forcePathStyle(settings)) return fill(PUBLIC_URL_FORMS.path, { endpoint, bucket: settings.bucket });
			const url = new URL(endpoint);
			return fill(PUBLIC_URL_FORMS[form], { bucket: settings.bucket, scheme: url.protocol.replace(/:$/, ''), host: url.host });
		},
	};
	return definition;
}

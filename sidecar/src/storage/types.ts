import type { Readable } from 'node:stream';

/**
 * Storage settings as WordPress sends them with each request (snake_case keys of the
 * `wp_media_cloud_settings` option). Secrets are never logged: see `redactStorage`.
 * The optional fields are provider-specific (R2 account id, Bunny pull zone) or used only to build public URLs.
 */
export interface StorageSettings {
	provider: string;
	/** Empty for named providers (derived from region/account id); an explicit value overrides the derived one. */
	endpoint: string;
	region: string;
	/** The bucket; for Bunny, the storage zone name. */
	bucket: string;
	/** For Bunny: unused (the zone password is the secret). */
	access_key: string;
	/** For Bunny: the storage zone password. */
	secret_key: string;
	path_style: boolean;
	/** Cloudflare R2 account id (names the endpoint `<id>.r2.cloudflarestorage.com`). */
	account_id?: string;
	/** Public base URL of the bucket (R2's r2.dev or custom domain; optional elsewhere). */
	public_url?: string;
	/** Bunny pull zone host that serves the storage zone, e.g. `example.b-cdn.net`. */
	pull_zone_host?: string;
	/** CDN host in front of the bucket, replacing its host in public URLs. */
	cdn_host?: string;
}

/** How a provider's public URL is built. */
export type PublicUrlForm =
	/** `https://<bucket>.<endpoint host>/<key>` (S3, Spaces, Hetzner, B2). */
	| 'virtual-host'
	/** `https://<endpoint host>/<bucket>/<key>` (GCS, Wasabi, path-style endpoints). */
	| 'path'
	/** Only a configured public URL can serve files (R2: r2.dev or a custom domain). */
	| 'public-url'
	/** A Bunny pull zone host in front of the storage zone. */
	| 'pull-zone';

/** What a provider can and cannot do; code asks these, never the provider's name. */
export interface StorageCapabilities {
	/** Whether object ACL headers (x-amz-acl) are sent; turns false for good once the bucket refused them (see `aclRefused`). */
	acl: boolean;
	/** Whether deleting many keys in one request is supported. */
	batchDelete: boolean;
	/** 'required': only path-style works; 'virtual': only virtual-host; 'optional': the user's toggle decides. */
	pathStyle: 'required' | 'virtual' | 'optional';
	publicUrl: PublicUrlForm;
}

export interface PutObjectInput {
	key: string;
	/**
	 * A buffer (files up to MULTIPART_THRESHOLD, 16 MiB), or a function opening a fresh stream of the file: a
	 * stream is spent once sent, and an upload the bucket refused (ACL headers, see S3Adapter.put) must be sent
	 * again whatever its size. S3 providers send objects above the threshold in parts (storage/multipart-upload.ts).
	 */
	body: Buffer | (() => Readable);
	size: number;
	contentType: string;
	cacheControl: string;
}

/** An object's bytes as they arrive, to be written to disk without holding the object in memory. */
export interface ObjectDownload {
	body: Readable;
	/** From the answer's Content-Length; -1 when the storage did not say. */
	size: number;
}

export interface ObjectInfo {
	key: string;
	size: number;
	etag?: string;
}

/** One storage backend. S3-compatible providers share one implementation; Bunny has its own. */
export interface StorageAdapter {
	readonly capabilities: StorageCapabilities;
	/** The API endpoint this adapter talks to (for connectivity checks), e.g. `https://s3.eu-west-1.amazonaws.com`. */
	readonly endpointUrl: string;
	/**
	 * True once this bucket refused ACL headers (S3 "bucket owner enforced" object ownership): uploads go
	 * without them from then on, also after a restart. Always false where ACLs are never sent.
	 */
	readonly aclRefused: boolean;
	put(input: PutObjectInput): Promise<ObjectInfo>;
	/** Returns null when the object does not exist. */
	head(key: string): Promise<ObjectInfo | null>;
	/** The whole object in memory, for small ones (the health check's probe); null when it does not exist. */
	get(key: string): Promise<Buffer | null>;
	/** The object as a stream (download back, restores); null when it does not exist. */
	download(key: string): Promise<ObjectDownload | null>;
	delete(keys: string[]): Promise<void>;
	/** Lists at most one key: proves the credentials and the bucket without writing. */
	probeList(): Promise<void>;
}

export function redactStorage(settings: StorageSettings): Record<string, unknown> {
	return { ...settings, access_key: settings.access_key ? 'REDACTED' : '', secret_key: settings.secret_key ? 'REDACTED' : '' };
}

import type { Readable } from 'node:stream';

/**
 * Storage settings as WordPress sends them with each request (snake_case keys of the
 * `wp_media_cloud_settings` option). Secrets are never logged: see `redactStorage`.
 */
export interface StorageSettings {
	provider: string;
	endpoint: string;
	region: string;
	bucket: string;
	access_key: string;
	secret_key: string;
	path_style: boolean;
}

/** What a provider can and cannot do; code asks these, never the provider's name. */
export interface StorageCapabilities {
	/** Whether object ACL headers (x-amz-acl) are accepted. */
	acl: boolean;
	/** Whether deleting many keys in one request is supported. */
	batchDelete: boolean;
}

export interface PutObjectInput {
	key: string;
	body: Readable | Buffer;
	size: number;
	contentType: string;
	cacheControl: string;
}

export interface ObjectInfo {
	key: string;
	size: number;
	etag?: string;
}

/** One storage backend. S3-compatible providers share one implementation; Bunny has its own. */
export interface StorageAdapter {
	readonly capabilities: StorageCapabilities;
	put(input: PutObjectInput): Promise<ObjectInfo>;
	/** Returns null when the object does not exist. */
	head(key: string): Promise<ObjectInfo | null>;
	delete(keys: string[]): Promise<void>;
}

export function redactStorage(settings: StorageSettings): Record<string, unknown> {
	return { ...settings, access_key: settings.access_key ? 'REDACTED' : '', secret_key: settings.secret_key ? 'REDACTED' : '' };
}

import type { Readable } from 'node:stream';
import type { StorageCapabilities, StorageSettings } from './contract';

export type { PublicUrlForm, StorageCapabilities, StorageSettings } from './contract';

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

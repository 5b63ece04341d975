import { DeleteObjectsCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { classifyStorageError } from './classify-error';
import type { ObjectInfo, PutObjectInput, StorageAdapter, StorageCapabilities, StorageSettings } from './types';

/** Keys per DeleteObjects request: the S3 API's own limit. */
const DELETE_BATCH = 1000;

export interface S3AdapterOptions {
	settings: StorageSettings;
	capabilities?: Partial<StorageCapabilities>;
}

/** The shared adapter behind every S3-compatible provider. */
export class S3Adapter implements StorageAdapter {
	readonly capabilities: StorageCapabilities;
	private readonly client: S3Client;
	private readonly bucket: string;

	constructor({ settings, capabilities }: S3AdapterOptions) {
		this.capabilities = { acl: false, batchDelete: true, ...capabilities };
		this.bucket = settings.bucket;
		this.client = new S3Client({
			endpoint: settings.endpoint || undefined,
			region: settings.region || 'us-east-1',
			forcePathStyle: settings.path_style,
			credentials: { accessKeyId: settings.access_key, secretAccessKey: settings.secret_key },
			// R2, RGW and s3rver reject or mangle the SDK's default aws-chunked checksums (aws-sdk-js-v3 #6810).
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
			maxAttempts: 3,
			requestHandler: new NodeHttpHandler({
				// Keep connections open: an attachment is ~8 parallel PUTs, a migration thousands.
				httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
				httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
				connectionTimeout: 10_000,
				requestTimeout: 120_000,
				throwOnRequestTimeout: true,
			}),
		});
	}

	async put(input: PutObjectInput): Promise<ObjectInfo> {
		try {
			const result = await this.client.send(
				new PutObjectCommand({
					Bucket: this.bucket,
					Key: input.key,
					Body: input.body,
					ContentLength: input.size,
					ContentType: input.contentType,
					CacheControl: input.cacheControl || undefined,
					ACL: this.capabilities.acl ? 'public-read' : undefined,
				}),
			);
			return { key: input.key, size: input.size, etag: result.ETag };
		} catch (error) {
			throw classifyStorageError(error, this.bucket);
		}
	}

	async head(key: string): Promise<ObjectInfo | null> {
		try {
			const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
			return { key, size: result.ContentLength ?? -1, etag: result.ETag };
		} catch (error) {
			const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
			if (status === 404) return null;
			throw classifyStorageError(error, this.bucket);
		}
	}

	async delete(keys: string[]): Promise<void> {
		try {
			for (let start = 0; start < keys.length; start += DELETE_BATCH) {
				const batch = keys.slice(start, start + DELETE_BATCH);
				const result = await this.client.send(
					new DeleteObjectsCommand({
						Bucket: this.bucket,
						Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
					}),
				);
				const failed = result.Errors?.[0];
				if (failed) throw Object.assign(new Error(failed.Message), { name: failed.Code ?? 'DeleteFailed' });
			}
		} catch (error) {
			throw classifyStorageError(error, this.bucket);
		}
	}
}

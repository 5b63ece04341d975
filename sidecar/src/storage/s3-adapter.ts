import {
	DeleteObjectsCommand,
	GetObjectCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { classifyStorageError, isAclRefusal } from './classify-error';
import type { ProviderDefinition } from './provider';
import type { ObjectInfo, PutObjectInput, StorageAdapter, StorageCapabilities, StorageSettings } from './types';

/** Keys per DeleteObjects request: the S3 API's own limit. */
const DELETE_BATCH = 1000;

/**
 * Buckets (endpoint + bucket) that answered AccessControlListNotSupported: ACL headers are never sent to them
 * again, also not by the adapter built after the next settings change. New AWS buckets enforce "bucket owner"
 * object ownership and refuse every x-amz-acl header.
 */
const aclRefusingBuckets = new Set<string>();

export interface S3AdapterOptions {
	settings: StorageSettings;
	provider: ProviderDefinition;
	/** Milliseconds to wait for a TCP connection; the health check uses a short one. */
	connectionTimeoutMs?: number;
	maxAttempts?: number;
}

/** The shared adapter behind every S3-compatible provider; a provider only supplies endpoint, region and capabilities. */
export class S3Adapter implements StorageAdapter {
	readonly capabilities: StorageCapabilities;
	readonly endpointUrl: string;
	private readonly client: S3Client;
	private readonly bucket: string;
	private readonly provider: ProviderDefinition;
	private readonly aclKey: string;

	constructor({ settings, provider, connectionTimeoutMs = 10_000, maxAttempts = 3 }: S3AdapterOptions) {
		this.provider = provider;
		this.bucket = settings.bucket;
		this.endpointUrl = provider.endpoint(settings);
		this.aclKey = `${this.endpointUrl} ${this.bucket}`;
		this.capabilities = { ...provider.capabilities, acl: provider.capabilities.acl && !aclRefusingBuckets.has(this.aclKey) };
		this.client = new S3Client({
			endpoint: this.endpointUrl,
			region: provider.signingRegion(settings),
			forcePathStyle: provider.forcePathStyle(settings),
			credentials: { accessKeyId: settings.access_key, secretAccessKey: settings.secret_key },
			// R2, RGW and s3rver reject or mangle the SDK's default aws-chunked checksums (aws-sdk-js-v3 #6810).
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
			maxAttempts,
			requestHandler: new NodeHttpHandler({
				// Keep connections open: an attachment is ~8 parallel PUTs, a migration thousands.
				httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
				httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
				connectionTimeout: connectionTimeoutMs,
				requestTimeout: 120_000,
				throwOnRequestTimeout: true,
			}),
		});
	}

	/** True once this bucket refused ACL headers and they are no longer sent. */
	get aclRefused(): boolean {
		return aclRefusingBuckets.has(this.aclKey);
	}

	async put(input: PutObjectInput): Promise<ObjectInfo> {
		try {
			return await this.send(input, this.capabilities.acl);
		} catch (error) {
			if (this.capabilities.acl && isAclRefusal(error) && Buffer.isBuffer(input.body)) {
				// The bucket enforces bucket-owner object ownership: remember it, retry once without the header.
				aclRefusingBuckets.add(this.aclKey);
				this.capabilities.acl = false;
				try {
					return await this.send(input, false);
				} catch (retryError) {
					throw this.classify(retryError);
				}
			}
			throw this.classify(error);
		}
	}

	async head(key: string): Promise<ObjectInfo | null> {
		try {
			const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
			return { key, size: result.ContentLength ?? -1, etag: result.ETag };
		} catch (error) {
			if (statusOf(error) === 404 && nameOf(error) !== 'NoSuchBucket') return null;
			throw this.classify(error);
		}
	}

	async get(key: string): Promise<Buffer | null> {
		try {
			const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
			return Buffer.from(await result.Body!.transformToByteArray());
		} catch (error) {
			if (nameOf(error) === 'NoSuchKey') return null;
			throw this.classify(error);
		}
	}

	async probeList(): Promise<void> {
		try {
			await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, MaxKeys: 1 }));
		} catch (error) {
			throw this.classify(error);
		}
	}

	async delete(keys: string[]): Promise<void> {
		try {
			for (let start = 0; start < keys.length; start += DELETE_BATCH) {
				const batch = keys.slice(start, start + DELETE_BATCH);
				const result = await this.client.send(
					new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
				);
				const failed = result.Errors?.[0];
				if (failed) throw Object.assign(new Error(failed.Message), { name: failed.Code ?? 'DeleteFailed' });
			}
		} catch (error) {
			throw this.classify(error);
		}
	}

	private async send(input: PutObjectInput, withAcl: boolean): Promise<ObjectInfo> {
		const result = await this.client.send(
			new PutObjectCommand({
				Bucket: this.bucket,
				Key: input.key,
				Body: input.body,
				ContentLength: input.size,
				ContentType: input.contentType,
				CacheControl: input.cacheControl || undefined,
				ACL: withAcl ? 'public-read' : undefined,
			}),
		);
		return { key: input.key, size: input.size, etag: result.ETag };
	}

	private classify(error: unknown) {
		return classifyStorageError(error, { bucket: this.bucket, provider: this.provider, endpoint: this.endpointUrl });
	}
}

function statusOf(error: unknown): number | undefined {
	return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
	return (error as { name?: string })?.name ?? '';
}

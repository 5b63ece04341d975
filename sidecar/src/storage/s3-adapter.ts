import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { log } from '../log';
import { aclBucketId, bucketRefusesAcl, rememberAclRefusal } from './acl-refusals';
import { classifiedStream } from './classified-stream';
import { classifyStorageError, isAclRefusal } from './classify-error';
import { MULTIPART_THRESHOLD, uploadInParts } from './multipart-upload';
import type { ProviderDefinition } from './contract';
import { RetryExceptTimeouts, storageRequestHandler } from './timeouts';
import type { ObjectDownload, ObjectInfo, PutObjectInput, StorageAdapter, StorageCapabilities, StorageSettings } from './types';

/** Keys per DeleteObjects request: the S3 API's own limit. */
const DELETE_BATCH = 1000;

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

	constructor({ settings, provider, connectionTimeoutMs, maxAttempts = 3 }: S3AdapterOptions) {
		this.provider = provider;
		this.bucket = settings.bucket;
		// Never reached with valid settings (they require an endpoint where the provider has no template); without one the
		// SDK would fall back to AWS's own endpoint, so the request goes nowhere instead.
		this.endpointUrl = provider.endpoint(settings) || 'https://endpoint-not-set.invalid';
		const aclKey = aclBucketId(this.endpointUrl, this.bucket);
		this.aclKey = aclKey;
		// Read at each PUT, not fixed here: a refusal seen through another adapter of the same bucket counts too.
		this.capabilities = {
			...provider.capabilities,
			get acl() {
				return provider.capabilities.acl && !bucketRefusesAcl(aclKey);
			},
		};
		this.client = new S3Client({
			endpoint: this.endpointUrl,
			region: provider.signingRegion(settings),
			forcePathStyle: provider.forcePathStyle(settings),
			credentials: { accessKeyId: settings.access_key, secretAccessKey: settings.secret_key },
			// R2, RGW and s3rver reject or mangle the SDK's default aws-chunked checksums (aws-sdk-js-v3 #6810).
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED',
			// Limits on connecting and on silence, never on a request's total time (storage/timeouts.ts).
			retryStrategy: new RetryExceptTimeouts(maxAttempts),
			requestHandler: storageRequestHandler(connectionTimeoutMs),
		});
	}

	get aclRefused(): boolean {
		return bucketRefusesAcl(this.aclKey);
	}

	async put(input: PutObjectInput): Promise<ObjectInfo> {
		const withAcl = this.capabilities.acl;
		try {
			return await this.send(input, withAcl);
		} catch (error) {
			// Decided by what this PUT sent, not by the current state: the PUTs of an attachment go out together,
			// and each one that carried the header is refused alike, also after the first refusal was seen.
			if (!withAcl || !isAclRefusal(error)) throw this.classify(error);
			rememberAclRefusal(this.aclKey);
		}
		try {
			return await this.send(input, false);
		} catch (error) {
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
		const found = await this.download(key);
		if (!found) return null;
		const chunks: Buffer[] = [];
		for await (const chunk of found.body) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	}

	async download(key: string): Promise<ObjectDownload | null> {
		let body: Readable;
		let size: number;
		try {
			const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
			// In Node the SDK's body is the response itself (an IncomingMessage): read as it arrives, never whole.
			body = result.Body as Readable;
			size = result.ContentLength ?? -1;
		} catch (error) {
			if (nameOf(error) === 'NoSuchKey') return null;
			throw this.classify(error);
		}
		return { body: classifiedStream(body, (error) => this.classify(error)), size };
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
		// A fresh stream for every attempt: one the bucket refused may be half read.
		const body = Buffer.isBuffer(input.body) ? input.body : input.body();
		// One request, sent whole or in parts: the same fields either way.
		const params = {
			Bucket: this.bucket,
			Key: input.key,
			Body: body,
			ContentLength: input.size,
			ContentType: input.contentType,
			CacheControl: input.cacheControl || undefined,
			ACL: withAcl ? ('public-read' as const) : undefined,
		};
		try {
			if (input.size > MULTIPART_THRESHOLD) {
				const { etag } = await uploadInParts(this.client, params, (error, uploadId) => reportUnabortedUpload(this.bucket, input.key, uploadId, error));
				return { key: input.key, size: input.size, etag };
			}
			const result = await this.client.send(new PutObjectCommand(params));
			return { key: input.key, size: input.size, etag: result.ETag };
		} finally {
			// A refused request may leave its stream (and the file descriptor) open.
			if (!Buffer.isBuffer(body)) body.destroy();
		}
	}

	private classify(error: unknown) {
		return classifyStorageError(error, { bucket: this.bucket, provider: this.provider, endpoint: this.endpointUrl });
	}
}

/**
 * The parts of a failed multipart upload stay in the bucket (and are billed) until aborted; when even the abort
 * fails (the storage is down), say where they are and how to be rid of them.
 */
function reportUnabortedUpload(bucket: string, key: string, uploadId: string, error: unknown): void {
	log.warn(
		{ bucket, key, uploadId, err: error },
		`a failed multipart upload of "${key}" could not be aborted: its parts stay in the bucket "${bucket}" until a lifecycle rule "AbortIncompleteMultipartUpload" removes them`,
	);
}

function statusOf(error: unknown): number | undefined {
	return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
	return (error as { name?: string })?.name ?? '';
}

import { AbortMultipartUploadCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { Limiter } from '../jobs/limiter';

/**
 * Objects above this size go up as a multipart upload; smaller ones as one PUT from memory (files/upload-files.ts
 * reads files up to this size into a buffer). Both are retried by the SDK after a 503 or a reset: a buffer can be
 * sent again, a file stream half sent cannot, so no object is ever sent as one streamed PUT. 16 MiB keeps every
 * image of a media library (and its sizes) on the one-request path, where a multipart upload would cost three
 * requests (create, part, complete) for the same bytes, and sends video and archives in parts; AWS refuses a
 * single PUT above 5 GB anyway.
 */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;

/**
 * 8 MiB parts: a retry after a 503 sends 8 MiB again, not the file; the minimum is 5 MiB (every provider here
 * follows AWS), and lib-storage's default of 5 MiB was slower: 1 GiB in 16.0 s against 12.7 s with 8 MiB parts,
 * on loopback (docs/benchmarks.md, "Big files"). Larger files get larger parts, to fit in the 10,000 parts S3 allows.
 */
const PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

/** Parts of one file in flight: each is a buffer in memory, so one upload holds about (4 + 1) × 8 MiB. */
const PARTS_IN_FLIGHT = 4;

/**
 * Multipart uploads at once in the whole sidecar: a migration runs 32 uploads at once, and 32 videos would hold
 * over a gigabyte of parts. One upload peaked at ≈95 MiB above the sidecar's start (1 GiB and 256 MiB alike,
 * docs/benchmarks.md), so four keep it in the hundreds of MB whatever the library holds, while images (below
 * the threshold) keep going on the run's own limit.
 */
const MULTIPART_UPLOADS_AT_ONCE = 4;
const multipartSlots = new Limiter(MULTIPART_UPLOADS_AT_ONCE);

export interface MultipartParams extends PutObjectCommandInput {
	Bucket: string;
	Key: string;
	Body: Buffer | Readable;
	ContentLength: number;
}

/**
 * Uploads one object in parts with @aws-sdk/lib-storage. Each part is a buffer, so the client's own retry
 * (maxAttempts, with backoff) sends a part again after a 503 or a reset. When the upload fails it is aborted,
 * so the bucket keeps no parts nobody will complete (they would be billed and never shown). lib-storage aborts
 * by itself too, but an abort the server refuses would then replace the upload's own error: the abort is ours.
 */
export async function uploadInParts(
	client: S3Client,
	params: MultipartParams,
	onAbortFailed: (error: unknown, uploadId: string) => void,
): Promise<{ etag?: string }> {
	return multipartSlots.run(async () => {
		const upload = new Upload({ client, params, partSize: partSizeFor(params.ContentLength), queueSize: PARTS_IN_FLIGHT, leavePartsOnError: true });
		try {
			const result = await upload.done();
			return { etag: result.ETag };
		} catch (error) {
			if (upload.uploadId) {
				await client
					.send(new AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: upload.uploadId }))
					.catch((abortError: unknown) => onAbortFailed(abortError, upload.uploadId!));
			}
			throw error;
		}
	});
}

/** The part size for an object of `size` bytes: 8 MiB, or whole MiBs large enough for 10,000 parts. */
export function partSizeFor(size: number): number {
	const mib = 1024 * 1024;
	return Math.max(PART_SIZE, Math.ceil(size / MAX_PARTS / mib) * mib);
}

// Helpers for the offload tests: uploading fixtures through the REST API, changing plugin settings for
// one test, and reading objects back from the bucket with an independent S3 client.
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { wpEval, type TestSite } from './stack';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

const MIME_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf' };

export interface RestAttachment {
	id: number;
	source_url: string;
	media_details: { sizes?: Record<string, { source_url: string; file: string }> };
}

/** Uploads a fixture through `POST /wp/v2/media` under a unique name, as the block editor does. */
export async function uploadFixture(site: TestSite, fixture: string, name = uniqueName(fixture)): Promise<RestAttachment> {
	const response = await fetch(`${site.restUrl}wp/v2/media`, {
		method: 'POST',
		headers: {
			Authorization: site.authHeader,
			'Content-Type': MIME_TYPES[path.extname(fixture)] ?? 'application/octet-stream',
			'Content-Disposition': `attachment; filename="${name}"`,
		},
		body: fs.readFileSync(path.join(FIXTURES, fixture)),
	});
	const body = await response.json();
	if (response.status !== 201) throw new Error(`Upload of ${fixture} failed (${response.status}): ${JSON.stringify(body)}`);
	return body as RestAttachment;
}

export async function getAttachment(site: TestSite, id: number): Promise<RestAttachment> {
	const response = await fetch(`${site.restUrl}wp/v2/media/${id}?context=edit`, { headers: { Authorization: site.authHeader } });
	return (await response.json()) as RestAttachment;
}

let counter = 0;
export function uniqueName(fixture: string): string {
	const ext = path.extname(fixture);
	return `${path.basename(fixture, ext)}-${process.pid}-${Date.now().toString(36)}-${++counter}${ext}`;
}

/** Every file of an attachment relative to uploads, read from WordPress' own metadata (not the plugin's). */
export async function attachmentFiles(site: TestSite, id: number): Promise<string[]> {
	return wpEval<string[]>(
		site,
		`$id = ${Number(id)};
		$file = get_post_meta( $id, '_wp_attached_file', true );
		$dir = dirname( $file ) === '.' ? '' : dirname( $file ) . '/';
		$meta = wp_get_attachment_metadata( $id );
		$files = array( $file );
		if ( ! empty( $meta['original_image'] ) ) { $files[] = $dir . $meta['original_image']; }
		foreach ( (array) ( $meta['sizes'] ?? array() ) as $size ) { $files[] = $dir . $size['file']; }
		return array_values( array_unique( $files ) );`,
	);
}

export async function offloadRecord(
	site: TestSite,
	id: number,
): Promise<{ bucket: string; key_prefix: string; keys: string[]; local_removed: boolean } | null> {
	return wpEval(site, `$r = get_post_meta( ${Number(id)}, '_wp_media_cloud', true ); return $r ? $r : null;`);
}

export async function pendingMarker(site: TestSite, id: number): Promise<{ code: string; reason: string; attempts: number } | null> {
	return wpEval(site, `$r = get_post_meta( ${Number(id)}, '_wp_media_cloud_pending', true ); return $r ? $r : null;`);
}

/** Merges settings into the plugin's option and returns a function that restores the previous value. */
export async function setSettings(site: TestSite, changes: Record<string, unknown>): Promise<() => Promise<void>> {
	const previous = await wpEval<Record<string, unknown>>(
		site,
		`$old = get_option( 'wp_media_cloud_settings', array() );
		update_option( 'wp_media_cloud_settings', array_merge( $old, json_decode( ${phpString(JSON.stringify(changes))}, true ) ) );
		return $old;`,
	);
	return async () => {
		await wpEval(site, `update_option( 'wp_media_cloud_settings', json_decode( ${phpString(JSON.stringify(previous))}, true ) ); return true;`);
	};
}

export function phpString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export async function objectBytes(s3: S3Client, bucket: string, key: string): Promise<Buffer | null> {
	try {
		const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
		return Buffer.from(await object.Body!.transformToByteArray());
	} catch (error) {
		if ((error as { name?: string }).name === 'NoSuchKey') return null;
		throw error;
	}
}

export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
	try {
		await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
		return true;
	} catch (error) {
		if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
		throw error;
	}
}

/** Every key under a prefix, sorted, across listing pages. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
	const keys: string[] = [];
	let token: string | undefined;
	do {
		const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
		keys.push(...(page.Contents ?? []).map((object) => object.Key!));
		token = page.NextContinuationToken;
	} while (token);
	return keys.sort();
}

/** The public base URL of the test bucket (s3rver, path style). */
export function bucketBase(site: TestSite): string {
	return `${site.s3.endpoint}/${site.s3.bucket}/wp-content/uploads/`;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

// Offload on upload: every file WordPress made for an attachment ends up in the bucket, byte for byte,
// with its Content-Type and Cache-Control, and every URL WordPress hands out points at the bucket.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { attachmentFiles, bucketBase, objectBytes, offloadRecord, uploadFixture } from '../support/media';
import { createS3Client, getSite, type SiteKind } from '../support/stack';

describe.each<SiteKind>(['sqlite', 'mariadb'])('upload offload on %s', (kind) => {
	const site = getSite(kind);
	const s3 = createS3Client(site);

	async function expectEveryFileInBucket(id: number): Promise<string[]> {
		const files = await attachmentFiles(site, id);
		const record = await offloadRecord(site, id);
		expect(record).not.toBeNull();
		expect(record!.bucket).toBe(site.s3.bucket);
		expect([...record!.keys].sort()).toEqual(files.map((file) => `wp-content/uploads/${file}`).sort());
		for (const file of files) {
			const remote = await objectBytes(s3, site.s3.bucket, `wp-content/uploads/${file}`);
			expect(remote).not.toBeNull();
			expect(remote!.equals(fs.readFileSync(path.join(site.uploadsDir, file)))).toBe(true);
		}
		return files;
	}

	test('a large JPEG: original, -scaled and every size are uploaded and every REST URL points at the bucket', async () => {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		const files = await expectEveryFileInBucket(attachment.id);

		// WordPress scaled the 3000px image down and kept the original: both must be offloaded.
		expect(files.some((file) => file.endsWith('-scaled.jpg'))).toBe(true);
		expect(files.some((file) => /photo-3000x2000-[^/]+\d\.jpg$/.test(file))).toBe(true);
		expect(files.length).toBeGreaterThanOrEqual(7);

		expect(attachment.source_url.startsWith(bucketBase(site))).toBe(true);
		expect(attachment.source_url.endsWith('-scaled.jpg')).toBe(true);
		const sizes = Object.values(attachment.media_details.sizes ?? {});
		expect(sizes.length).toBeGreaterThanOrEqual(6);
		for (const size of sizes) expect(size.source_url.startsWith(bucketBase(site))).toBe(true);

		const head = await s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: `wp-content/uploads/${files[0]}` }));
		expect(head.ContentType).toBe('image/jpeg');
		expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
	});

	test('a PNG keeps its content type in the bucket', async () => {
		const attachment = await uploadFixture(site, 'graphic-800x600.png');
		const files = await expectEveryFileInBucket(attachment.id);
		const head = await s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: `wp-content/uploads/${files[0]}` }));
		expect(head.ContentType).toBe('image/png');
		expect(attachment.source_url).toBe(`${bucketBase(site)}${files[0]}`);
	});

	test('a PDF (and any preview images WordPress made for it) is uploaded', async () => {
		const attachment = await uploadFixture(site, 'document.pdf');
		const files = await expectEveryFileInBucket(attachment.id);
		expect(files[0].endsWith('.pdf')).toBe(true);
		const head = await s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: `wp-content/uploads/${files[0]}` }));
		expect(head.ContentType).toBe('application/pdf');
		expect(attachment.source_url).toBe(`${bucketBase(site)}${files[0]}`);
	});
});

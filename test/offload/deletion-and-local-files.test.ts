// Mirror deletion and local file removal: objects follow the attachment only when the user asked for it,
// and local copies go only once the bucket is confirmed to hold them.
import fs from 'node:fs';
import path from 'node:path';
import { attachmentFiles, objectExists, offloadRecord, pendingMarker, setSettings, uploadFixture } from '../support/media';
import { createS3Client, getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);
const keyOf = (file: string) => `wp-content/uploads/${file}`;

async function deleteAttachment(id: number): Promise<void> {
	const response = await fetch(`${site.restUrl}wp/v2/media/${id}?force=true`, { method: 'DELETE', headers: { Authorization: site.authHeader } });
	expect(response.status).toBe(200);
}

test('with mirror deletion on, deleting the attachment deletes every object', async () => {
	const restore = await setSettings(site, { mirror_delete: true });
	try {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		const files = await attachmentFiles(site, attachment.id);
		for (const file of files) expect(await objectExists(s3, site.s3.bucket, keyOf(file))).toBe(true);
		await deleteAttachment(attachment.id);
		for (const file of files) expect(await objectExists(s3, site.s3.bucket, keyOf(file))).toBe(false);
	} finally {
		await restore();
	}
});

test('with mirror deletion off, the objects stay in the bucket', async () => {
	const restore = await setSettings(site, { mirror_delete: false });
	try {
		const attachment = await uploadFixture(site, 'graphic-800x600.png');
		const files = await attachmentFiles(site, attachment.id);
		await deleteAttachment(attachment.id);
		for (const file of files) expect(await objectExists(s3, site.s3.bucket, keyOf(file))).toBe(true);
	} finally {
		await restore();
	}
});

test('remove local files: after a confirmed upload the local copies are gone and the bucket serves them', async () => {
	const restore = await setSettings(site, { remove_local: true });
	try {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		const files = await attachmentFiles(site, attachment.id);
		expect((await offloadRecord(site, attachment.id))?.local_removed).toBe(true);
		for (const file of files) {
			expect(fs.existsSync(path.join(site.uploadsDir, file))).toBe(false);
			expect(await objectExists(s3, site.s3.bucket, keyOf(file))).toBe(true);
		}
		expect((await fetch(attachment.source_url)).status).toBe(200);
	} finally {
		await restore();
	}
});

test('remove local files: when the upload cannot be confirmed, every local file stays and the attachment is pending', async () => {
	// A bucket that does not exist: the upload fails at the storage, so nothing is confirmed.
	const restore = await setSettings(site, { remove_local: true, bucket: 'no-such-bucket-here' });
	let id = 0;
	try {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		id = attachment.id;
		const files = await attachmentFiles(site, id);
		for (const file of files) expect(fs.existsSync(path.join(site.uploadsDir, file))).toBe(true);
		expect(await offloadRecord(site, id)).toBeNull();
		const pending = await pendingMarker(site, id);
		expect(pending?.code).toBe('E_BUCKET_NOT_FOUND');
		expect(pending?.reason).toContain('no-such-bucket-here');
		expect(attachment.source_url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
	} finally {
		await restore();
		// Leave no pending item behind for the other tests' heartbeats.
		if (id) await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	}
});

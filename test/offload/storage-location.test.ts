// Each record says where its objects are. A new bucket, endpoint or public URL applies to what is stored in the
// current storage; attachments stored elsewhere keep working (URL, audit) until they are moved.
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { attachmentFiles, objectBytes, objectExists, setSettings, uniqueName } from '../support/media';
import { messages, wp, withWpCli } from '../support/wp-cli';
import { createS3Client, getSite, wpEval } from '../support/stack';
import { distinctJpeg, localFilesOf, recordOf, rotateInImageEditor, uploadBytes } from './ownership-support';

const site = getSite('sqlite');
const s3 = createS3Client(site);

async function urlOf(id: number): Promise<string> {
	return wpEval<string>(site, `clean_post_cache( ${id} ); return wp_get_attachment_url( ${id} );`);
}

/**
 * Attachments whose records name buckets made for one run: deleted afterwards, so later runs (which wipe the
 * buckets) do not find records pointing at buckets that no longer exist.
 */
const made: number[] = [];
afterAll(async () => {
	await wpEval(site, `foreach ( json_decode( '${JSON.stringify(made)}' ) as $id ) { wp_delete_attachment( (int) $id, true ); } return true;`);
});

async function auditOf(id: number): Promise<unknown[]> {
	return wpEval<unknown[]>(
		site,
		`$page = WP_Media_Cloud\\Migration\\Audit::page( ${id} - 1, 1 ); return is_wp_error( $page ) ? array( $page->get_error_message() ) : $page['items'];`,
	);
}

test('a new bucket and public URL apply to new uploads; attachments in the old bucket keep their URLs and pass the audit', async () => {
	const otherBucket = `owned-${process.pid}-${Date.now().toString(36)}`;
	await s3.send(new CreateBucketCommand({ Bucket: otherBucket }));
	const restore = await setSettings(site, { remove_local: true, versioning: false, public_url: '', cdn_host: '' });
	try {
		const old = await uploadBytes(site, await distinctJpeg(site, 300, 200, 11), uniqueName('before.jpg'));
		made.push(old.id);
		const oldUrl = await urlOf(old.id);
		expect(oldUrl.startsWith(`${site.s3.endpoint}/${site.s3.bucket}/`)).toBe(true);

		// The site moves to another bucket, served under an explicit public URL (a path on the same server here).
		const publicUrl = `${site.s3.endpoint}/${otherBucket}`;
		await setSettings(site, { bucket: otherBucket, public_url: publicUrl });
		const fresh = await uploadBytes(site, await distinctJpeg(site, 300, 200, 12), uniqueName('after.jpg'));
		made.push(fresh.id);
		expect((await recordOf(site, fresh.id))!.bucket).toBe(otherBucket);
		expect((await urlOf(fresh.id)).startsWith(`${publicUrl}/`)).toBe(true);
		expect(await urlOf(old.id)).toBe(oldUrl);
		expect((await fetch(oldUrl)).status).toBe(200);
		expect((await fetch(await urlOf(fresh.id))).status).toBe(200);
		expect(await auditOf(old.id)).toEqual([]);
		expect(await auditOf(fresh.id)).toEqual([]);

		// A CDN host applies at once to everything in the current storage, and to nothing stored elsewhere.
		await setSettings(site, { cdn_host: 'cdn.example.test' });
		expect(await urlOf(fresh.id)).toMatch(/^https:\/\/cdn\.example\.test\//);
		expect(await urlOf(old.id)).toBe(oldUrl);
	} finally {
		await restore();
	}
});

test('an image edited while its record names another bucket moves to the current storage and keeps working', async () => {
	const otherBucket = `moved-${process.pid}-${Date.now().toString(36)}`;
	await s3.send(new CreateBucketCommand({ Bucket: otherBucket }));
	const restore = await setSettings(site, { remove_local: true, versioning: false, mirror_delete: false, public_url: '', cdn_host: '' });
	try {
		const attachment = await uploadBytes(site, await distinctJpeg(site, 600, 300, 13), uniqueName('moving.jpg'));
		made.push(attachment.id);
		await setSettings(site, { bucket: otherBucket });
		const saved = await rotateInImageEditor(site, attachment.id);
		expect(saved).toBe('saved');
		expect((await recordOf(site, attachment.id))!.bucket).toBe(otherBucket);
		const url = await urlOf(attachment.id);
		expect(url).toContain(`/${otherBucket}/`);
		expect((await fetch(url)).status).toBe(200);
		expect(await auditOf(attachment.id)).toEqual([]);
	} finally {
		await restore();
	}
});

withWpCli(test, 'the move command')(
	'wp media-cloud move copies attachments stored elsewhere to the current storage, their local copies fetched from the old bucket',
	async () => {
		const otherBucket = `target-${process.pid}-${Date.now().toString(36)}`;
		await s3.send(new CreateBucketCommand({ Bucket: otherBucket }));
		const restore = await setSettings(site, { remove_local: true, versioning: false, mirror_delete: true, public_url: '', cdn_host: '' });
		try {
			const bytes = await distinctJpeg(site, 500, 300, 14);
			const attachment = await uploadBytes(site, bytes, uniqueName('to-move.jpg'));
			made.push(attachment.id);
			const before = (await recordOf(site, attachment.id))!;
			await setSettings(site, { bucket: otherBucket });

			await wp(site, 'media-cloud move cancel'); // A run left by an earlier test run would be resumed instead.
			const dry = await wp(site, `media-cloud move --dry-run --ids=${attachment.id}`);
			expect(messages(dry.stdout, 'Success')[0]).toMatch(/^Dry run: 1 attachments are stored elsewhere/);
			const moved = await wp(site, `media-cloud move --ids=${attachment.id}`);
			expect(moved.exit === 0 ? 0 : moved.stdout + moved.stderr).toBe(0);
			expect(messages(moved.stdout, 'Success')[0]).toMatch(/^1 attachments done/);

			const after = (await recordOf(site, attachment.id))!;
			expect(after.bucket).toBe(otherBucket);
			expect([...after.keys].sort()).toEqual([...before.keys].sort());
			expect((await objectBytes(s3, otherBucket, after.keys[0]))?.equals(bytes)).toBe(true);
			const url = await urlOf(attachment.id);
			expect(url.startsWith(`${site.s3.endpoint}/${otherBucket}/`)).toBe(true);
			expect((await fetch(url)).status).toBe(200);
			// The old copies stay where they were; no local copy is left behind.
			expect(await objectExists(s3, site.s3.bucket, before.keys[0])).toBe(true);
			expect(localFilesOf(site, await attachmentFiles(site, attachment.id))).toEqual([]);
			expect(messages((await wp(site, `media-cloud move --dry-run --ids=${attachment.id}`)).stdout, 'Success')[0]).toMatch(/^Dry run: 0 attachments/);
		} finally {
			await restore();
		}
	},
	120_000,
);

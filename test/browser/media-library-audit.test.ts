// Every check for missing files tells the Media Library: Tools › Audit missing files (the admin page walking
// GET /audit) and `wp media-cloud verify` (the real WP-CLI) mark an attachment whose object is gone from the bucket
// (and whose local copies were removed) as Missing in the Storage column and its filter, and an attachment found
// whole again loses the mark. The object is deleted and put back with an independent S3 client; the column is read
// in Media › Library (list mode) in a real browser, on both test sites.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openLoggedIn, openMediaCloudPage, type TestBrowser } from '../support/browser';
import { attachmentFiles, objectBytes, objectExists, offloadRecord, phpString, uploadFixture } from '../support/media';
import { createS3Client, getSite, wpEval, type SiteKind } from '../support/stack';
import { wp, withWpCli } from '../support/wp-cli';

describe.each(['sqlite', 'mariadb'] as SiteKind[])('the missing-files audit marks the Media Library (%s)', (kind) => {
	const site = getSite(kind);
	const s3 = createS3Client(site);
	const title = `audit-mark-${process.pid}-${Date.now().toString(36)}`;
	let browser: TestBrowser;
	let page: Page;
	let id = 0;
	let key = '';
	let bytes: Buffer;

	/** The attachment's Storage cell in Media › Library, list mode, as a person sees it. */
	async function storageCell(): Promise<{ status: string | null; text: string }> {
		await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(title)}`);
		const column = page.locator(`#post-${id} td.column-wp_media_cloud_storage`);
		return { status: await column.locator('[data-status]').getAttribute('data-status'), text: (await column.textContent()) ?? '' };
	}

	/** Ids the Storage filter lists under "Missing" among this test's attachments. */
	async function listedAsMissing(): Promise<number[]> {
		await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(title)}&wp_media_cloud_status=missing`);
		await page.locator('#the-list').waitFor();
		return page.locator('#the-list tr[id^="post-"]').evaluateAll((rows) => rows.map((row) => Number(row.id.replace('post-', ''))));
	}

	/** Tools › Audit missing files, clicked as a person would; resolves once the page has walked the whole library. */
	async function auditFromTools(): Promise<void> {
		await openMediaCloudPage(page, site, 'tools');
		const audit = page.locator('#audit-missing');
		await audit.getByRole('button', { name: 'Audit missing files' }).click();
		// No time limit of ours: the page walks every attachment of the shared site a page at a time.
		await audit.locator('.wpmc-audit-summary, .notice-error').first().waitFor({ timeout: 0 });
		expect(await audit.locator('.notice-error').allTextContents()).toEqual([]);
	}

	beforeAll(async () => {
		id = (await uploadFixture(site, 'graphic-800x600.png')).id;
		await wpEval(site, `wp_update_post( array( 'ID' => ${id}, 'post_title' => ${phpString(title)} ) ); return true;`);
		const record = (await offloadRecord(site, id))!;
		key = `${record.key_prefix}${await wpEval<string>(site, `return get_post_meta( ${id}, '_wp_attached_file', true );`)}`;
		bytes = (await objectBytes(s3, site.s3.bucket, key))!;
		// As after an offload with "Remove local files" on: the files are only in the bucket, the record says so.
		for (const file of await attachmentFiles(site, id)) fs.rmSync(path.join(site.uploadsDir, file));
		await wpEval(
			site,
			`$r = get_post_meta( ${id}, '_wp_media_cloud', true ); $r['local_removed'] = true; update_post_meta( ${id}, '_wp_media_cloud', $r ); return true;`,
		);
		({ browser, page } = await openLoggedIn(site));
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		if (id) await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	});

	const removeObject = async () => {
		await s3.send(new DeleteObjectCommand({ Bucket: site.s3.bucket, Key: key }));
		expect(await objectExists(s3, site.s3.bucket, key)).toBe(false);
	};
	const putObjectBack = async () => {
		await s3.send(new PutObjectCommand({ Bucket: site.s3.bucket, Key: key, Body: bytes, ContentType: 'image/png' }));
		expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
	};

	test('Tools › Audit missing files: Missing in the Storage column and its filter, and the mark goes once the object is back', async () => {
		expect((await storageCell()).status).toBe('offloaded');
		await removeObject();
		await auditFromTools();
		await expect(page.locator(`#audit-missing .wpmc-audit tr:has(a[href$="post=${id}&action=edit"])`).count()).resolves.toBe(1);
		expect(await storageCell()).toEqual({ status: 'missing', text: expect.stringContaining(path.basename(key)) });
		expect(await listedAsMissing()).toEqual([id]);

		await putObjectBack();
		await auditFromTools();
		expect((await storageCell()).status).toBe('offloaded');
		expect(await listedAsMissing()).toEqual([]);
		expect(browser.pageErrors).toEqual([]);
	}, 600_000);

	withWpCli(test, 'wp media-cloud verify')(
		'wp media-cloud verify: Missing in the Storage column, and the mark goes once the object is back',
		async () => {
			await removeObject();
			const found = await wp(site, 'media-cloud verify --format=json');
			expect(found.exit).toBe(2);
			expect((JSON.parse(found.stdout) as Array<{ attachment_id: number }>).map((item) => item.attachment_id)).toContain(id);
			expect(await storageCell()).toEqual({ status: 'missing', text: expect.stringContaining(path.basename(key)) });

			await putObjectBack();
			const whole = await wp(site, 'media-cloud verify --format=json');
			expect([0, 2]).toContain(whole.exit); // Other tests' attachments on the shared site may lack files.
			expect((JSON.parse(whole.stdout) as Array<{ attachment_id: number }>).map((item) => item.attachment_id)).not.toContain(id);
			expect((await storageCell()).status).toBe('offloaded');
		},
		600_000,
	);
});

// Media › Library knows the plugin, in a real browser: the Storage column says where each attachment's files are
// (offloaded, pending with its reason, local only, missing), its filter narrows the list, the row and bulk actions
// (Offload now, Download back, Verify) do their work and say so in a notice, and the attachment details name the
// bucket and key prefix. The bucket is checked with an independent S3 client, the disk with fs.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openLoggedIn, saveScreenshot, type TestBrowser } from '../support/browser';
import { attachmentFiles, objectExists, offloadRecord, phpString, uploadFixture, waitFor } from '../support/media';
import { createS3Client, getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);
// Every attachment of this run carries it in its title, so a search lists exactly them.
const PREFIX = `storage-col-${process.pid}-${Date.now().toString(36)}`;

async function uploadTitled(fixture: string, title: string): Promise<number> {
	const { id } = await uploadFixture(site, fixture);
	await wpEval(site, `wp_update_post( array( 'ID' => ${id}, 'post_title' => ${phpString(title)} ) ); return true;`);
	return id;
}

/** The list in list mode, searched for this run's attachments and optionally filtered by storage status. */
async function openList(page: Page, status = ''): Promise<void> {
	const filter = status ? `&wp_media_cloud_status=${status}` : '';
	await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(PREFIX)}${filter}`);
	await page.locator('#the-list').waitFor();
}

async function cell(page: Page, id: number): Promise<{ status: string | null; text: string }> {
	const column = page.locator(`#post-${id} td.column-wp_media_cloud_storage`);
	return { status: await column.locator('[data-status]').getAttribute('data-status'), text: (await column.textContent()) ?? '' };
}

async function listedIds(page: Page): Promise<number[]> {
	const ids = await page.locator('#the-list tr[id^="post-"]').evaluateAll((rows) => rows.map((row) => Number(row.id.replace('post-', ''))));
	return ids.sort((a, b) => a - b);
}

/** Clicks a row action as a person would (they show on hover) and waits for the page it returns to. */
async function rowAction(page: Page, id: number, label: string): Promise<void> {
	const row = page.locator(`#post-${id}`);
	await row.hover();
	const link = row.locator('.row-actions a', { hasText: new RegExp(`^${label}$`) });
	await Promise.all([page.waitForURL(/\/wp-admin\/upload\.php/), link.click()]);
}

async function mainKey(id: number): Promise<string> {
	const record = (await offloadRecord(site, id))!;
	const file = await wpEval<string>(site, `return get_post_meta( ${id}, '_wp_attached_file', true );`);
	return `${record.key_prefix}${file}`;
}

describe('Media Library: storage status, filter, actions and details', () => {
	let browser: TestBrowser;
	let page: Page;
	let offloaded = 0;
	let localOnly = 0;
	let pending = 0;

	beforeAll(async () => {
		offloaded = await uploadTitled('graphic-800x600.png', `${PREFIX} offloaded`);
		localOnly = await uploadTitled('graphic-800x600.png', `${PREFIX} local only`);
		// Local only: no record and nothing in the bucket, as after an upload made before the plugin was set up.
		const key = await mainKey(localOnly);
		const { keys } = (await offloadRecord(site, localOnly))!;
		await wpEval(site, `delete_post_meta( ${localOnly}, '_wp_media_cloud' ); return true;`);
		for (const Key of keys) await s3.send(new DeleteObjectCommand({ Bucket: site.s3.bucket, Key }));
		expect(await objectExists(s3, site.s3.bucket, key)).toBe(false);
		({ browser, page } = await openLoggedIn(site));
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		const ids = [offloaded, localOnly, pending].filter(Boolean);
		await wpEval(site, `foreach ( array( ${ids.join(', ')} ) as $id ) { wp_delete_attachment( $id, true ); } return true;`);
	});

	test('the Storage column says offloaded, pending with its reason, and local only; the filter narrows the list', async () => {
		await stopSidecar(site);
		try {
			// An upload while the sidecar is down stays local and waits, with the reason.
			pending = await uploadTitled('graphic-800x600.png', `${PREFIX} pending`);
			await openList(page);
			await expect(page.locator('thead th#wp_media_cloud_storage').textContent()).resolves.toBe('Storage');
			expect(await cell(page, offloaded)).toMatchObject({ status: 'offloaded', text: expect.stringContaining(site.s3.bucket) });
			expect(await cell(page, localOnly)).toMatchObject({ status: 'local', text: 'Local only' });
			const waiting = await cell(page, pending);
			expect(waiting.status).toBe('pending');
			expect(waiting.text).toMatch(/^Pending.*sidecar did not answer/i);
			await saveScreenshot(page, 'media-library-storage-column', page.locator('#the-list'));

			// The dropdown beside the date filter, as a person uses it.
			await page.locator('#wpmc-storage-filter').selectOption('local');
			await Promise.all([page.waitForURL(/wp_media_cloud_status=local/), page.locator('#post-query-submit').click()]);
			expect(await listedIds(page)).toEqual([localOnly]);
			await expect(page.locator('#wpmc-storage-filter').inputValue()).resolves.toBe('local');
			await openList(page, 'pending');
			expect(await listedIds(page)).toEqual([pending]);
			await openList(page, 'offloaded');
			expect(await listedIds(page)).toEqual([offloaded]);
		} finally {
			await startSidecar(site);
		}
		// The sidecar's start-up heartbeat offloads the pending upload: the column follows.
		await waitFor('the pending upload to be offloaded', () => offloadRecord(site, pending), 60_000);
		await openList(page);
		expect((await cell(page, pending)).status).toBe('offloaded');
		expect(browser.pageErrors).toEqual([]);
	}, 150_000);

	test('bulk "Offload now" uploads a local-only attachment: the bucket has it and the column says Offloaded', async () => {
		await openList(page, 'local');
		await page.locator(`#cb-select-${localOnly}`).check();
		await page.locator('#bulk-action-selector-top').selectOption('wp_media_cloud_offload');
		await Promise.all([page.waitForURL(/\/wp-admin\/upload\.php/), page.locator('#doaction').click()]);
		const notice = page.locator('.notice-success.wpmc-media-notice');
		await expect(notice.textContent()).resolves.toContain(`Offloaded to the bucket: “${PREFIX} local only”.`);
		await saveScreenshot(page, 'media-library-bulk-offload', notice);

		// Every file WordPress lists, under the key the new record names.
		const record = (await offloadRecord(site, localOnly))!;
		const files = await attachmentFiles(site, localOnly);
		for (const file of files) expect(await objectExists(s3, site.s3.bucket, `${record.key_prefix}${file}`)).toBe(true);
		await openList(page);
		expect((await cell(page, localOnly)).status).toBe('offloaded');
	});

	test('"Download back" brings removed local copies back to disk', async () => {
		// As after an offload with "Remove local files" on: the files only in the bucket, the record saying so.
		const files = await attachmentFiles(site, offloaded);
		for (const file of files) fs.rmSync(path.join(site.uploadsDir, file));
		await wpEval(
			site,
			`$r = get_post_meta( ${offloaded}, '_wp_media_cloud', true ); $r['local_removed'] = true; update_post_meta( ${offloaded}, '_wp_media_cloud', $r ); return true;`,
		);
		await openList(page);
		expect((await cell(page, offloaded)).text).toContain('local copies removed');

		await rowAction(page, offloaded, 'Download back');
		await expect(page.locator('.notice-success.wpmc-media-notice').textContent()).resolves.toContain(
			`Downloaded back to this server, local copies kept: “${PREFIX} offloaded”.`,
		);
		for (const file of files) expect(fs.existsSync(path.join(site.uploadsDir, file))).toBe(true);
		expect((await offloadRecord(site, offloaded))!.local_removed).toBe(false);
		expect((await cell(page, offloaded)).text).toContain('also on this server');
	});

	test('"Verify" finds an object gone from the bucket: the column and filter say Missing until "Offload again"', async () => {
		const key = await mainKey(offloaded);
		await s3.send(new DeleteObjectCommand({ Bucket: site.s3.bucket, Key: key }));
		await openList(page);
		await rowAction(page, offloaded, 'Verify');
		const warning = page.locator('.notice-warning.wpmc-media-notice');
		await expect(warning.textContent()).resolves.toContain('not in the bucket, but on this server: Offload again uploads it.');
		expect(await cell(page, offloaded)).toMatchObject({ status: 'missing', text: expect.stringContaining(path.basename(key)) });
		await openList(page, 'missing');
		expect(await listedIds(page)).toEqual([offloaded]);

		await rowAction(page, offloaded, 'Offload again');
		await expect(page.locator('.notice-success.wpmc-media-notice').textContent()).resolves.toContain('was offloaded again.');
		expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
		await openList(page);
		expect((await cell(page, offloaded)).status).toBe('offloaded');
	});

	test('the attachment details name the provider, bucket and key prefix, on the edit screen and in the grid modal', async () => {
		const record = (await offloadRecord(site, offloaded))!;
		const expectDetails = (text: string) => {
			expect(text).toContain('Offloaded');
			expect(text).toContain(`Bucket${record.bucket}`);
			expect(text).toContain(`Key prefix${record.key_prefix}`);
			expect(text).toMatch(/Provider(?!s3-compatible)\S/); // A name people know, not the internal id.
		};
		await page.goto(`${site.url}/wp-admin/post.php?post=${offloaded}&action=edit`);
		expectDetails((await page.locator('.compat-attachment-fields .wpmc-storage-details').textContent()) ?? '');

		// Core's grid router opens the modal for exactly `upload.php?item=<id>`, once grid mode is the user's choice.
		await page.goto(`${site.url}/wp-admin/upload.php?mode=grid`);
		await page.goto(`${site.url}/wp-admin/upload.php?item=${offloaded}`);
		const modal = page.locator('.media-modal .wpmc-storage-details');
		await modal.waitFor();
		expectDetails((await modal.textContent()) ?? '');
		await saveScreenshot(page, 'media-library-details-modal', modal);
		expect(browser.pageErrors).toEqual([]);
	});
});

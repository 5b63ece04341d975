// Uploading through WordPress' own media screens in a real browser: the images are offloaded and the
// library shows them from the bucket. With the sidecar down, the Dashboard lists the upload as pending.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openLoggedIn, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { FIXTURES, phpString, uploadFixture, waitFor } from '../support/media';
import { getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';

const site = getSite('sqlite');
const bucketUrl = `${site.s3.endpoint}/${site.s3.bucket}/`;

/** Copies fixtures under unique names, so each run's uploads can be told apart in the library. */
function uniqueCopies(fixtures: string[]): string[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-upload-'));
	const stamp = Date.now().toString(36);
	return fixtures.map((fixture, index) => {
		const ext = path.extname(fixture);
		const target = path.join(dir, `browser-${stamp}-${index}${ext}`);
		fs.copyFileSync(path.join(FIXTURES, fixture), target);
		return target;
	});
}

async function uploadThroughMediaNew(page: Page, files: string[]): Promise<void> {
	await page.goto(`${site.url}/wp-admin/media-new.php`);
	await page.locator('#plupload-upload-ui input[type=file]').setInputFiles(files);
	// Each finished item gets its "Edit" link (a.edit-attachment; the copy-URL box shares the class); errors get .error-div.
	await page.waitForFunction(
		(count) =>
			document.querySelectorAll('#media-items .media-item a.edit-attachment').length + document.querySelectorAll('#media-items .error-div').length >=
			count,
		files.length,
		{ timeout: 60_000 },
	);
	await expect(page.locator('#media-items .error-div').count()).resolves.toBe(0);
}

describe('Media library uploads', () => {
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		({ browser, page } = await openLoggedIn(site));
	});
	afterAll(async () => {
		await browser?.close();
	});

	test('images uploaded through Media › Add New are listed and served from the bucket', async () => {
		const files = uniqueCopies(['graphic-800x600.png', 'photo-3000x2000.jpg']);
		await uploadThroughMediaNew(page, files);
		const titles = files.map((file) => path.basename(file, path.extname(file)));
		// The offload happens within the upload request, so the records exist as soon as the items are done.
		const offloaded = await waitFor(
			'the uploads to be offloaded',
			async () => {
				const records = await wpEval<Array<{ keys: string[] } | ''>>(
					site,
					`return array_map( function ( $title ) {
          $ids = get_posts( array( 'post_type' => 'attachment', 'post_status' => 'any', 'title' => $title, 'fields' => 'ids' ) );
          return $ids ? get_post_meta( $ids[0], '_wp_media_cloud', true ) : '';
        }, json_decode( ${phpString(JSON.stringify(titles))} ) );`,
				);
				return records.every((record) => record && record.keys.length > 0) ? records : null;
			},
			2_000,
		);
		expect(offloaded).toHaveLength(2);

		await page.goto(`${site.url}/wp-admin/upload.php?mode=list`);
		for (const file of files) {
			const name = path.basename(file, path.extname(file));
			const thumbnail = page.locator(`#the-list tr:has-text("${name}") img`).first();
			const src = (await thumbnail.getAttribute('src')) ?? '';
			expect(src.slice(0, bucketUrl.length)).toBe(bucketUrl);
			const response = await page.request.get(src);
			expect(response.status()).toBe(200);
			expect(response.headers()['content-type']).toMatch(/^image\//);
			// The browser really rendered it from there.
			await expect(thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
		}
		await saveScreenshot(page, 'media-library');
	});

	test('an upload made while the sidecar is down is listed as pending on the Dashboard, with its reason', async () => {
		await stopSidecar(site);
		let id = 0;
		try {
			id = (await uploadFixture(site, 'graphic-800x600.png')).id;
			await openMediaCloudPage(page, site, 'dashboard');
			const row = page.locator(`.wpmc-pending tr:has(a[href$="post=${id}&action=edit"])`);
			await row.waitFor();
			await expect(row.locator('td').nth(1).textContent()).resolves.not.toBe('');
			await saveScreenshot(page, 'dashboard-pending', page.locator('.wpmc-pending'));
		} finally {
			await startSidecar(site);
		}
		// The sidecar's start-up heartbeat offloads it; the Dashboard no longer lists it.
		await waitFor(
			'the pending upload to be offloaded',
			async () => !(await wpEval<boolean>(site, `return (bool) get_post_meta( ${id}, '_wp_media_cloud_pending', true );`)),
		);
		await openMediaCloudPage(page, site, 'dashboard');
		await page.locator('.wpmc-counts').waitFor();
		await expect(page.locator(`.wpmc-pending a[href$="post=${id}&action=edit"]`).count()).resolves.toBe(0);
		expect(browser.pageErrors).toEqual([]);
	});
});

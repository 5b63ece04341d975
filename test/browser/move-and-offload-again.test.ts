// Moving attachments to the current storage from Tools, and "Offload again" in the Media Library list, in a
// real browser. What is in the buckets is checked with an independent S3 client, never through the plugin.
import { CreateBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { cancelLeftoverRun } from '../support/library';
import { rest } from '../support/rest';
import { logIn, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { objectBytes, objectExists, offloadRecord, setSettings, uploadFixture } from '../support/media';
import { createS3Client, getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);

async function urlOf(id: number): Promise<string> {
	return wpEval<string>(site, `clean_post_cache( ${id} ); return wp_get_attachment_url( ${id} );`);
}

/** The main file's object key: the record's prefix and the file's path under uploads. */
async function mainKeyOf(id: number): Promise<{ bucket: string; key: string; keys: string[] }> {
	const record = (await offloadRecord(site, id))!;
	const file = await wpEval<string>(site, `return get_post_meta( ${id}, '_wp_attached_file', true );`);
	return { bucket: record.bucket, key: `${record.key_prefix}${file}`, keys: record.keys };
}

describe('Move to the current storage and Offload again', () => {
	let browser: TestBrowser;
	let page: Page;
	const made: number[] = [];

	beforeAll(async () => {
		await cancelLeftoverRun(site); // A paused move would be resumed by the button instead of a new run.
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await cancelLeftoverRun(site);
		// Records naming a bucket made for this run would be "stored elsewhere" for every later run.
		await wpEval(site, `foreach ( json_decode( '${JSON.stringify(made)}' ) as $id ) { wp_delete_attachment( (int) $id, true ); } return true;`);
		await browser?.close();
	});

	test('Tools › Move to the current storage copies an attachment to the bucket the settings now name', async () => {
		const newBucket = `browser-move-${process.pid}-${Date.now().toString(36)}`;
		await s3.send(new CreateBucketCommand({ Bucket: newBucket }));
		const restore = await setSettings(site, { public_url: '', cdn_host: '', versioning: false });
		try {
			const image = await uploadFixture(site, 'graphic-800x600.png');
			made.push(image.id);
			const before = await mainKeyOf(image.id);
			expect(before.bucket).toBe(site.s3.bucket);
			const bytes = await objectBytes(s3, site.s3.bucket, before.key);
			expect(bytes).not.toBeNull();

			// The user points the settings at another bucket: the attachment keeps working from the old one.
			await setSettings(site, { bucket: newBucket });
			expect((await urlOf(image.id)).startsWith(`${site.s3.endpoint}/${site.s3.bucket}/`)).toBe(true);

			await openMediaCloudPage(page, site, 'tools');
			const panel = page.locator('#move-to-current');
			await expect(panel.locator('h2').textContent()).resolves.toBe('Move to the current storage');
			await expect(panel.textContent()).resolves.toContain('The old copies stay in the old bucket.');
			const count = panel.locator('.wpmc-move-count');
			await count.waitFor({ timeout: 60_000 });
			const stored = Number(await count.getAttribute('data-count'));
			expect(stored).toBeGreaterThanOrEqual(1);
			await expect(count.textContent()).resolves.toMatch(/^[\d,]+ attachments? (is|are) stored elsewhere\.$/);
			await saveScreenshot(page, 'tools-move-count', count);

			await panel.getByRole('button', { name: /^Move [\d,]+ attachments?$/ }).click();
			await page.locator('.wpmc-snackbars').getByText('Moving attachments to the current storage.').waitFor();
			// Other tests' attachments stored in buckets that no longer exist may fail (a few quick retries each).
			await panel.locator('.wpmc-progress[data-state="done"]').waitFor({ timeout: 180_000 });
			await expect(panel.locator('.wpmc-progress__state').textContent()).resolves.toBe('Finished');
			await expect(panel.locator('.wpmc-progress__percent').textContent()).resolves.toBe('100%');
			await expect(panel.locator('.wpmc-progress__details').textContent()).resolves.toMatch(/^[\d,]+ of [\d,]+/);
			// While it ran the Move button was replaced by the run's controls; at the end it is counted again.
			await expect(panel.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(0);
			// Failures (other tests' attachments whose old bucket is gone) are listed with what to do about them.
			const unreadable = panel.locator('.wpmc-errors tr', { hasText: 'could not be read from the bucket' });
			if (await unreadable.count()) {
				// The sidecar sends each failure's own fix; the row shows it.
				await expect(unreadable.first().locator('.wpmc-errors__remedy').textContent()).resolves.toMatch(
					/^It keeps working from there as long as that bucket serves it\./,
				);
			}
			await saveScreenshot(page, 'tools-move-done', panel.locator('.wpmc-progress'));

			// The objects are in the new bucket (read with our own S3 client), the record and the URL point there.
			const after = await mainKeyOf(image.id);
			expect(after.bucket).toBe(newBucket);
			expect([...after.keys].sort()).toEqual([...before.keys].sort());
			for (const key of after.keys) expect(await objectExists(s3, newBucket, key)).toBe(true);
			expect((await objectBytes(s3, newBucket, after.key))?.equals(bytes!)).toBe(true);
			const url = await urlOf(image.id);
			expect(url.startsWith(`${site.s3.endpoint}/${newBucket}/`)).toBe(true);
			expect((await fetch(url)).status).toBe(200);
			// The old copy stays in the old bucket; the attachment is no longer counted as stored elsewhere.
			expect(await objectExists(s3, site.s3.bucket, before.key)).toBe(true);
			expect((await rest(site, 'POST', '/moves', { dry_run: true, ids: [image.id] })).body).toEqual({ attachments: 0 });
		} finally {
			await restore();
		}
		expect(browser.pageErrors).toEqual([]);
	}, 240_000);

	test('with nothing stored elsewhere the panel says so and offers no Move button (count answered by a stub)', async () => {
		// The shared test site may hold attachments stored elsewhere, so the count of zero comes from a stubbed answer.
		await page.route(
			(url) => decodeURIComponent(url.toString()).includes('media-cloud/v1/moves'),
			async (route) => {
				const request = route.request();
				if (request.method() === 'POST' && /"dry_run":true/.test(request.postData() ?? '')) {
					await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ attachments: 0 }) });
					return;
				}
				await route.continue();
			},
		);
		try {
			await openMediaCloudPage(page, site, 'tools');
			const panel = page.locator('#move-to-current');
			const count = panel.locator('.wpmc-move-count[data-count="0"]');
			await count.waitFor();
			await expect(count.textContent()).resolves.toBe('Every offloaded attachment is in the current storage.');
			await panel.locator('.components-spinner').waitFor({ state: 'detached' }); // the run's progress is loaded too
			await expect(panel.getByRole('button', { name: /^Move / }).count()).resolves.toBe(0);
		} finally {
			await page.unrouteAll();
		}
	});

	test('Media Library list: "Offload again" uploads a deleted object again and says so', async () => {
		const image = await uploadFixture(site, 'graphic-800x600.png');
		made.push(image.id);
		const title = `Offload again ${process.pid} ${Date.now().toString(36)}`;
		await wpEval(site, `wp_update_post( array( 'ID' => ${image.id}, 'post_title' => '${title}' ) ); return true;`);
		const { bucket, key } = await mainKeyOf(image.id);
		expect(bucket).toBe(site.s3.bucket);
		await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
		expect(await objectExists(s3, bucket, key)).toBe(false);

		await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(title)}`);
		const row = page.locator(`#post-${image.id}`);
		await row.hover(); // Row actions show on hover, as for a person.
		const action = row.locator('.row-actions a', { hasText: 'Offload again' });
		await expect(action.textContent()).resolves.toBe('Offload again');
		await Promise.all([page.waitForURL(/\/wp-admin\/upload\.php/), action.click()]);

		const notice = page.locator('.notice-success', { hasText: 'was offloaded again.' });
		await expect(notice.textContent()).resolves.toContain(`"${title}" was offloaded again.`);
		expect(await objectExists(s3, bucket, key)).toBe(true);
		expect((await fetch(await urlOf(image.id))).status).toBe(200);
		await saveScreenshot(page, 'media-library-offload-again', notice);
		expect(browser.pageErrors).toEqual([]);
	}, 60_000);
});

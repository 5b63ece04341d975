// The Tools page in a real browser: URL Replace finds a hard-coded local URL and a dry run reports it
// without writing; the missing-files audit names an attachment whose file is gone everywhere; Download
// back brings a removed local file back.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, openBrowser, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { setSettings, uploadFixture } from '../support/media';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const tool = (page: Page, id: string) => page.locator(`#${id}`);

describe('Tools page', () => {
	let browser: TestBrowser;
	let page: Page;
	let postId: number;
	let content: string;
	let missingId: number;

	beforeAll(async () => {
		// A post whose content holds the local URL of an offloaded image, as a page builder would save it.
		const image = await uploadFixture(site, 'graphic-800x600.png');
		const created = await wpEval<{ post: number; content: string }>(
			site,
			`$file = get_post_meta( ${image.id}, '_wp_attached_file', true );
      $url = wp_get_upload_dir()['baseurl'] . '/' . $file;
      $content = '<p><img src="' . $url . '" /></p>';
      $post = wp_insert_post( array( 'post_title' => 'Browser URL replace', 'post_status' => 'publish', 'post_content' => $content ) );
      return array( 'post' => $post, 'content' => $content );`,
		);
		postId = created.post;
		content = created.content;
		// An attachment whose file exists neither here nor in the bucket.
		missingId = await wpEval<number>(
			site,
			`$id = wp_insert_attachment( array( 'post_title' => 'browser-audit-missing', 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), wp_get_upload_dir()['basedir'] . '/2099/01/browser-audit-missing-${Date.now()}.jpg' );
      return $id;`,
		);
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await wpEval(site, `wp_delete_post( ${postId}, true ); wp_delete_attachment( ${missingId}, true ); return true;`);
		await browser?.close();
	});

	test('URL Replace: the scan finds the stored local URL and a dry run counts it without changing the post', async () => {
		await openMediaCloudPage(page, site, 'tools');
		const urlReplace = tool(page, 'url-replace');
		const answer = page.waitForResponse((response) => decodeURIComponent(response.url()).includes('media-cloud/v1/url-replace/scans'), { timeout: 30_000 });
		await urlReplace.getByRole('button', { name: 'Scan' }).click();
		const scan = (await (await answer).json()) as { total: number; items: Array<{ post_id: number }> };
		await urlReplace.locator('.wpmc-url-scan').waitFor();
		expect(scan.items.map((item) => item.post_id)).toContain(postId);
		// The page counts every URL found and lists the first 50 (the shared site holds other tests' posts too).
		await expect(urlReplace.locator('.wpmc-url-scan p').first().textContent()).resolves.toBe(
			`${scan.total.toLocaleString('en-US')} stored URL${scan.total === 1 ? '' : 's'} would change.`,
		);
		if (scan.items.slice(0, 50).some((item) => item.post_id === postId)) {
			await expect(urlReplace.locator(`.wpmc-url-scan a[href$="post=${postId}&action=edit"]`).count()).resolves.toBeGreaterThan(0);
		}

		await urlReplace.getByRole('button', { name: 'Dry run' }).click();
		await urlReplace.locator('.wpmc-url-run .wpmc-progress[data-state="done"]').waitFor({ timeout: 60_000 });
		await expect(urlReplace.locator('.wpmc-url-run .wpmc-progress__percent').textContent()).resolves.toBe('100%');
		await expect(urlReplace.locator('.wpmc-url-run__summary').textContent()).resolves.toMatch(/^Dry run: [1-9][\d,]* fields? would change\./);
		// A dry run writes nothing, and offers no undo.
		await expect(urlReplace.getByRole('button', { name: 'Undo this run' }).count()).resolves.toBe(0);
		expect(await wpEval<string>(site, `return get_post_field( 'post_content', ${postId} );`)).toBe(content);
		await saveScreenshot(page, 'tools-url-replace', urlReplace);
	});

	test('Audit missing files names the attachment whose file is gone everywhere', async () => {
		await openMediaCloudPage(page, site, 'tools');
		const audit = tool(page, 'audit-missing');
		await audit.getByRole('button', { name: 'Audit missing files' }).click();
		await audit.locator('.wpmc-audit-summary').waitFor({ timeout: 60_000 });
		const summary = (await audit.locator('.wpmc-audit-summary').textContent()) ?? '';
		expect(summary).toMatch(/have missing files|has missing files/);
		// The page walks the whole library a page of 200 at a time: every attachment is counted as checked.
		const total = await wpEval<string>(
			site,
			`global $wpdb; return $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" );`,
		);
		expect(Number(/([\d,]+) attachments? checked/.exec(summary)?.[1].replace(/,/g, ''))).toBe(Number(total));
		const row = audit.locator(`.wpmc-audit tr:has(a[href$="post=${missingId}&action=edit"])`);
		await expect(row.textContent()).resolves.toContain('browser-audit-missing');
		await saveScreenshot(page, 'tools-audit', audit);
	});

	test('Download back restores a file that was removed locally after its offload', async () => {
		const restore = await setSettings(site, { remove_local: true });
		let file = '';
		try {
			const image = await uploadFixture(site, 'graphic-800x600.png');
			file = path.join(site.uploadsDir, await wpEval<string>(site, `return get_post_meta( ${image.id}, '_wp_attached_file', true );`));
		} finally {
			await restore();
		}
		expect(fs.existsSync(file)).toBe(false);

		await openMediaCloudPage(page, site, 'tools');
		const downloads = tool(page, 'download-back');
		await downloads.getByRole('button', { name: 'Download all files back' }).click();
		await page.locator('.wpmc-snackbars').getByText('Downloading files back').waitFor();
		await downloads.locator('.wpmc-progress[data-state="done"]').waitFor({ timeout: 120_000 });
		await expect(downloads.locator('.wpmc-progress__percent').textContent()).resolves.toBe('100%');
		await expect(downloads.locator('.wpmc-progress__details').textContent()).resolves.toMatch(/^[\d,]+ of [\d,]+/);
		expect(fs.existsSync(file)).toBe(true);
		await saveScreenshot(page, 'tools-download-back', downloads);
	});

	test('every tool shows its own action', async () => {
		await openMediaCloudPage(page, site, 'tools');
		const actions: Record<string, RegExp> = {
			'bulk-migration': /dry run/,
			'move-to-current': /^Move |Every offloaded attachment is in the current storage/,
			'url-replace': /^Scan$/,
			'download-back': /^Download all files back$/,
			'audit-missing': /^Audit missing files$/,
		};
		for (const [id, action] of Object.entries(actions)) {
			await tool(page, id).getByText(action).first().waitFor();
		}
		expect(browser.pageErrors).toEqual([]);
	});
});

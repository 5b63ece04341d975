// An image uploaded in the block editor, as a person does it, on both WordPress versions the suite runs:
// - WordPress 7.1 (SQLite site) makes the sizes in the browser: the editor uploads the original with
//   `generate_sub_sizes=false`, sideloads each size it made (`POST /wp/v2/media/<id>/sideload`) and calls
//   `POST /wp/v2/media/<id>/finalize`. WordPress enables that only in a secure context (HTTPS, localhost);
//   the test sites are served on 127.0.0.1, which Chromium treats as secure but WordPress does not, so a
//   must-use plugin turns it on for this file (`wp_client_side_media_processing_enabled`).
// - WordPress 6.8 (MariaDB site) makes the sizes on the server, within the upload request.
// Either way every file WordPress lists for the attachment must end up in the bucket.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { logIn, openBrowser, saveScreenshot, type TestBrowser } from '../support/browser';
import { FIXTURES, attachmentFiles, bucketBase, offloadRecord, waitFor } from '../support/media';
import { createS3Client, getSite, wpAtLeast, type SiteKind } from '../support/stack';

const MU_PLUGIN = 'wpmc-test-client-side-media.php';

/** Inserts an empty image block and uploads `file` through its Upload button; resolves with the block's attributes. */
async function uploadInImageBlock(page: Page, file: string): Promise<{ id: number; url: string }> {
	// The post content is in the editor-canvas iframe (block themes); older setups render it inline.
	const inCanvas = page.frameLocator('iframe[name="editor-canvas"]').locator('.wp-block-image input[type=file]');
	const inline = page.locator('.wp-block-image input[type=file]');
	// A never-used site's first editor visit has been seen (fresh-clone CI) to never show the inserted block's
	// placeholder; a reload then shows the editor as every later visit does. Close any modal while waiting.
	for (let attempt = 1; ; attempt++) {
		await page.waitForFunction(() => (window as any).wp?.data?.select('core/block-editor'));
		await page.evaluate(() => {
			const { data, blocks } = (window as any).wp;
			data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false);
			data.dispatch('core/block-editor').insertBlocks(blocks.createBlock('core/image'));
		});
		try {
			await waitFor(
				'the image block placeholder',
				async () => {
					if ((await page.locator('.components-modal__frame').count()) > 0) await page.keyboard.press('Escape');
					return (await inCanvas.count()) + (await inline.count()) > 0;
				},
				45_000,
			);
			break;
		} catch (error) {
			await saveScreenshot(page, `block-editor-no-placeholder-${attempt}`);
			if (attempt === 2) throw error;
			await page.reload();
		}
	}
	await ((await inCanvas.count()) > 0 ? inCanvas : inline).first().setInputFiles(file);
	const handle = await page.waitForFunction(
		() => {
			const editor = (window as any).wp.data.select('core/block-editor');
			const block = editor.getBlocks().find((b: { name: string }) => b.name === 'core/image');
			const { id, url } = block?.attributes ?? {};
			return id && url && !String(url).startsWith('blob:') ? { id, url } : null;
		},
		undefined,
		{ timeout: 90_000 },
	);
	return (await handle.jsonValue()) as { id: number; url: string };
}

describe.each<SiteKind>(['sqlite', 'mariadb'])('block editor image upload (%s site)', (kind) => {
	const site = getSite(kind);
	const inBrowser = wpAtLeast(site, '7.1'); // the sizes are made by the browser
	const muPlugin = path.join(site.dir, 'wp-content', 'mu-plugins', MU_PLUGIN);
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		if (inBrowser) {
			fs.mkdirSync(path.dirname(muPlugin), { recursive: true });
			fs.writeFileSync(
				muPlugin,
				"<?php\n// Written by test/browser/block-editor.test.ts while it runs.\nadd_filter( 'wp_client_side_media_processing_enabled', '__return_true' );\n",
			);
		}
		browser = await openBrowser();
		page = await browser.newPage();
		await logIn(page, site);
	});
	afterAll(async () => {
		await browser?.close();
		fs.rmSync(muPlugin, { force: true });
	});

	test(`every file of the upload reaches the bucket (WordPress ${site.wpVersion}, sizes made ${inBrowser ? 'in the browser' : 'on the server'})`, async () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-editor-')), `editor-${kind}-${Date.now().toString(36)}.jpg`);
		fs.copyFileSync(path.join(FIXTURES, 'photo-3000x2000.jpg'), file);
		const mediaRequests: string[] = [];
		const watch = (request: Request) => {
			const url = decodeURIComponent(request.url());
			const route = /wp\/v2\/media(\/\d+\/(sideload|finalize))?/.exec(url);
			if (route && request.method() === 'POST') mediaRequests.push(route[2] ?? 'upload');
		};
		page.on('request', watch);
		try {
			await page.goto(`${site.url}/wp-admin/post-new.php`);
			const finalized = inBrowser
				? page.waitForResponse((response) => /\/wp\/v2\/media\/\d+\/finalize/.test(decodeURIComponent(response.url())), { timeout: 90_000 })
				: null;
			const block = await uploadInImageBlock(page, file);
			if (finalized) expect((await finalized).status()).toBe(200);
			await saveScreenshot(page, `block-editor-${kind}`);

			if (inBrowser) {
				// The browser made the sizes: the original (sent with generate_sub_sizes=false), one sideload per
				// size (and the -scaled image), then finalize.
				expect(mediaRequests[0]).toBe('upload');
				expect(mediaRequests.filter((step) => step === 'sideload').length).toBeGreaterThanOrEqual(5);
				expect(mediaRequests.at(-1)).toBe('finalize');
			} else {
				expect(mediaRequests).toEqual(['upload']);
			}

			// The block shows the image from the bucket.
			expect(block.url.startsWith(bucketBase(site))).toBe(true);
			// Every file WordPress lists (original, -scaled, each size) has an object, and the record names it.
			const files = await attachmentFiles(site, block.id);
			expect(files.length).toBeGreaterThanOrEqual(7);
			const record = await waitFor('the offload record to list every file', async () => {
				const current = await offloadRecord(site, block.id);
				return current && files.every((f) => current.keys.some((key) => key.endsWith(`/${f}`))) ? current : null;
			});
			const s3 = createS3Client(site);
			try {
				for (const key of record.keys) {
					const head = await s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: key }));
					expect(head.ContentLength).toBeGreaterThan(0);
				}
			} finally {
				s3.destroy();
			}
			expect(browser.pageErrors).toEqual([]);
		} finally {
			page.off('request', watch);
		}
	}, 240_000);
});

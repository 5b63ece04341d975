// URL rewriting at output time: post content (src and srcset), the media modal data, CDN host,
// the Rewrite URLs switch and plugin deactivation.
import fs from 'node:fs';
import path from 'node:path';
import { bucketBase, phpString, setSettings, uploadFixture, type RestAttachment } from '../support/media';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');

/** Publishes a post with an image block for the attachment and returns the rendered `<img>` URLs. */
async function renderImageBlock(attachment: RestAttachment): Promise<{ src: string; srcset: string[]; html: string }> {
	const large = attachment.media_details.sizes!.large.source_url;
	const localLarge = await wpEval<string>(
		site,
		`return wp_get_upload_dir()['baseurl'] . '/' . dirname( get_post_meta( ${attachment.id}, '_wp_attached_file', true ) ) . '/' . '${path.basename(large)}';`,
	);
	const content = `<!-- wp:image {"id":${attachment.id},"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="${localLarge}" alt="" class="wp-image-${attachment.id}"/></figure><!-- /wp:image -->`;
	const link = await wpEval<string>(
		site,
		`$id = wp_insert_post( array( 'post_title' => 'Image ${attachment.id}', 'post_status' => 'publish', 'post_content' => ${JSON.stringify(content)} ) ); return get_permalink( $id );`,
	);
	const html = await (await fetch(link)).text();
	const tag = html.match(new RegExp(`<img[^>]*wp-image-${attachment.id}[^>]*>`))?.[0];
	if (!tag) throw new Error(`No image tag for ${attachment.id} in the rendered post`);
	const src = tag.match(/ src="([^"]+)"/)![1];
	const srcset = (tag.match(/ srcset="([^"]+)"/)?.[1] ?? '')
		.split(',')
		.map((candidate) => candidate.trim().split(' ')[0])
		.filter(Boolean);
	return { src, srcset, html };
}

test('a published image block renders src and every srcset candidate from the bucket, and they serve the bytes', async () => {
	const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
	const { src, srcset } = await renderImageBlock(attachment);

	expect(src.startsWith(bucketBase(site))).toBe(true);
	expect(srcset.length).toBeGreaterThanOrEqual(4);
	for (const url of [src, ...srcset]) {
		expect(url.startsWith(bucketBase(site))).toBe(true);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		const local = fs.readFileSync(path.join(site.uploadsDir, url.slice(bucketBase(site).length)));
		expect(Buffer.from(await response.arrayBuffer()).equals(local)).toBe(true);
	}
});

test('the media modal data (wp_prepare_attachment_for_js) points at the bucket for the file and every size', async () => {
	const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
	const js = await wpEval<{ url: string; sizes: Record<string, { url: string }>; originalImageURL?: string }>(
		site,
		`return wp_prepare_attachment_for_js( ${attachment.id} );`,
	);
	expect(js.url.startsWith(bucketBase(site))).toBe(true);
	for (const size of Object.values(js.sizes)) expect(size.url.startsWith(bucketBase(site))).toBe(true);
	expect(js.originalImageURL?.startsWith(bucketBase(site))).toBe(true);
});

describe('settings change every URL at once', () => {
	let attachment: RestAttachment;
	beforeAll(async () => {
		attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
	});

	test('a CDN hostname replaces the bucket host and keeps the object path', async () => {
		const restore = await setSettings(site, { cdn_host: 'cdn.example.test' });
		try {
			const rendered = await renderImageBlock(attachment);
			const rest = (await (await fetch(`${site.restUrl}wp/v2/media/${attachment.id}`)).json()) as RestAttachment;
			const urls = [rendered.src, ...rendered.srcset, rest.source_url, ...Object.values(rest.media_details.sizes!).map((size) => size.source_url)];
			for (const url of urls) expect(url).toMatch(/^https:\/\/cdn\.example\.test\/wp-content\/uploads\/\d{4}\/\d{2}\//);
		} finally {
			await restore();
		}
	});

	test('with Rewrite URLs off, WordPress hands out local URLs again', async () => {
		const restore = await setSettings(site, { rewrite_urls: false });
		try {
			const rendered = await renderImageBlock(attachment);
			for (const url of [rendered.src, ...rendered.srcset]) expect(url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
			const rest = (await (await fetch(`${site.restUrl}wp/v2/media/${attachment.id}`)).json()) as RestAttachment;
			expect(rest.source_url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
		} finally {
			await restore();
		}
	});

	test('deactivating the plugin falls back to local URLs; reactivating brings the bucket URLs back', async () => {
		await wpEval(site, `deactivate_plugins( 'wp-media-cloud/wp-media-cloud.php' ); return true;`);
		try {
			const rest = (await (await fetch(`${site.restUrl}wp/v2/media/${attachment.id}`)).json()) as RestAttachment;
			expect(rest.source_url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
		} finally {
			await wpEval(site, `return activate_plugin( 'wp-media-cloud/wp-media-cloud.php' );`);
		}
		const rest = (await (await fetch(`${site.restUrl}wp/v2/media/${attachment.id}`)).json()) as RestAttachment;
		expect(rest.source_url.startsWith(bucketBase(site))).toBe(true);
	});
});

test('file versioning puts a version segment in new keys, and srcset still works', async () => {
	const restore = await setSettings(site, { versioning: true });
	try {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		expect(attachment.source_url).toMatch(new RegExp(`^${bucketBase(site)}\\d{14}-\\d+/\\d{4}/\\d{2}/`));
		const response = await fetch(attachment.source_url);
		expect(response.status).toBe(200);
		const { src, srcset } = await renderImageBlock(attachment);
		expect(src).toMatch(/\/\d{14}-\d+\/\d{4}\/\d{2}\//);
		expect(srcset.length).toBeGreaterThanOrEqual(4);
		for (const url of srcset) expect(url).toMatch(/\/\d{14}-\d+\/\d{4}\/\d{2}\//);
	} finally {
		await restore();
	}
});

test('a public URL stored before validation refused markup cannot inject it into pages: rewritten URLs are escaped', async () => {
	const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
	// Written past the settings' validation, as a value saved by an older version (the settings screen refuses it now).
	const previous = await wpEval<unknown>(
		site,
		`$old = get_option( 'wp_media_cloud_settings' ); remove_all_filters( 'sanitize_option_wp_media_cloud_settings' );
		update_option( 'wp_media_cloud_settings', array_merge( $old, array( 'public_url' => 'https://x.example.com/"><img src=x onerror=alert(1)>' ) ) ); return $old;`,
	);
	try {
		const { src, html } = await renderImageBlock(attachment);
		expect(src.startsWith('https://x.example.com/')).toBe(true); // the stored value is in use
		expect(html).not.toContain('onerror=alert(1)>');
	} finally {
		await wpEval(site, `update_option( 'wp_media_cloud_settings', json_decode( ${phpString(JSON.stringify(previous))}, true ) ); return true;`);
	}
});

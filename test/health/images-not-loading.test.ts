// The "Images not loading after migration" diagnosis, each cause set up for real in the SQLite site:
// attachments not offloaded, Rewrite URLs off, a page cache drop-in, local URLs hard-coded in post content and
// postmeta, and files missing both locally and in the bucket.
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { resultOf, runHealth, site, writeSettingsAsIs } from '../support/health';
import { offloadRecord, uploadFixture } from '../support/media';
import { createS3Client, wpEval } from '../support/stack';

async function uploadOffloaded(): Promise<{ id: number; keys: string[]; localUrl: string }> {
	const attachment = await uploadFixture(site, 'graphic-800x600.png');
	const record = await offloadRecord(site, attachment.id);
	if (!record) throw new Error('the fixture was not offloaded: is the sidecar up?');
	const localUrl = await wpEval<string>(site, `return wp_get_upload_dir()['baseurl'] . '/' . get_post_meta( ${attachment.id}, '_wp_attached_file', true );`);
	return { id: attachment.id, keys: record.keys, localUrl };
}

test('attachments not offloaded: offloaded vs total counts and "Start Migration"', async () => {
	const id = await wpEval<number>(
		site,
		`return wp_insert_attachment( array( 'post_title' => 'never offloaded', 'post_mime_type' => 'image/png', 'post_status' => 'inherit' ), 'health/never-offloaded.png' );`,
	);
	try {
		const result = resultOf(await runHealth(['offload_status']), 'offload_status');
		expect(result).toMatchObject({ status: 'recommended', cause: 'not_offloaded' });
		const { total, offloaded } = result.details as { total: number; offloaded: number };
		expect(offloaded).toBeLessThan(total);
		expect(result.description).toContain(`${offloaded} of ${total} attachments are offloaded`);
		expect(result.fix).toMatch(/Start Migration/);
	} finally {
		await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	}
});

test('Rewrite URLs off while files are offloaded: critical, with the setting to turn on', async () => {
	await uploadOffloaded();
	const restore = await writeSettingsAsIs({ rewrite_urls: false });
	try {
		const result = resultOf(await runHealth(['rewrite_urls']), 'rewrite_urls');
		expect(result).toMatchObject({ status: 'critical', cause: 'rewrite_off' });
		expect(result.fix).toMatch(/Turn on Rewrite URLs/);
	} finally {
		await restore();
	}
	expect(resultOf(await runHealth(['rewrite_urls']), 'rewrite_urls').status).toBe('good');
});

test('a page cache (advanced-cache.php drop-in) that may serve stale HTML is named, with the purge fix', async () => {
	const dropIn = path.join(site.dir, 'wp-content', 'advanced-cache.php');
	fs.writeFileSync(dropIn, '<?php\n// Page cache drop-in written by the health test (WP_CACHE is off, so it never loads).\n');
	try {
		const result = resultOf(await runHealth(['page_cache']), 'page_cache');
		expect(result).toMatchObject({ status: 'recommended', cause: 'page_cache' });
		expect(result.description).toMatch(/advanced-cache\.php/);
		expect(result.fix).toMatch(/Purge the page cache/);
	} finally {
		fs.rmSync(dropIn, { force: true });
	}
	expect(resultOf(await runHealth(['page_cache']), 'page_cache').status).toBe('good');
});

test('local upload URLs hard-coded in post content and postmeta are counted, with the URL Replace fix', async () => {
	const { localUrl } = await uploadOffloaded();
	const postId = await wpEval<number>(
		site,
		`$id = wp_insert_post( array( 'post_title' => 'builder page', 'post_status' => 'publish', 'post_content' => '<div style="background:url(${localUrl})"></div>' ) );
     update_post_meta( $id, '_builder_data', wp_slash( wp_json_encode( array( 'image' => '${localUrl}' ) ) ) );
     return $id;`,
	);
	try {
		const result = resultOf(await runHealth(['hardcoded_urls']), 'hardcoded_urls');
		expect(result).toMatchObject({ status: 'recommended', cause: 'hardcoded_urls' });
		const counts = result.details as { total: number; posts: number; postmeta: number };
		expect(counts.posts).toBeGreaterThanOrEqual(1);
		expect(counts.postmeta).toBeGreaterThanOrEqual(1);
		expect(result.description).toContain(`${counts.total} local upload URL`);
		expect(result.fix).toMatch(/URL Replace/);
	} finally {
		await wpEval(site, `wp_delete_post( ${postId}, true ); return true;`);
	}
});

test('files missing both locally and in the bucket are listed with the restore fix', async () => {
	type Missing = { attachments: Array<{ attachment_id: number }>; count: number };
	const { id, keys } = await uploadOffloaded();
	const s3 = createS3Client(site);
	await s3.send(new DeleteObjectsCommand({ Bucket: site.s3.bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
	s3.destroy();
	await wpEval(site, `$file = get_attached_file( ${id} ); foreach ( glob( preg_replace( '/\\.png$/', '*', $file ) ) as $f ) { unlink( $f ); } return true;`);
	try {
		const result = resultOf(await runHealth(['missing_files']), 'missing_files');
		expect(result).toMatchObject({ status: 'critical', cause: 'missing_files' });
		// A health run checks the newest 2,000 attachments and lists the newest 50 first, so a file lost today is
		// named however large the library (the site is reused between runs and holds other suites' attachments).
		const details = result.details as Missing;
		expect(details.count).toBeGreaterThanOrEqual(1);
		expect(details.attachments[0].attachment_id).toBe(id);
		expect(result.fix).toMatch(/Restore these files from a backup/);
	} finally {
		await wpEval(site, `wp_delete_attachment( ${id}, true ); return true;`);
	}
});

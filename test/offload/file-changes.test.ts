// Every change WordPress makes to an attachment's files reaches the bucket, with local copies removed: the
// image editor (save and restore original), `wp media regenerate` with versioning on (the real WP-CLI),
// WordPress 7.1's browser-side processing (sideload, then finalize), WebP output for JPEG uploads. What is
// checked is what a visitor gets: every URL WordPress prints answers 200 from the bucket with the right image.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { attachmentFiles, listKeys, objectExists, setSettings, uniqueName } from '../support/media';
import { createS3Client, getSite, wpAtLeast, wpEval, type SiteKind } from '../support/stack';
import { withWpCli, wpOk } from '../support/wp-cli';
import { distinctJpeg, jpegSize, localFilesOf, recordOf, restRequest, rotateInImageEditor, servedUrls, statuses, uploadBytes } from './ownership-support';

describe.each<SiteKind>(['sqlite', 'mariadb'])('on %s', (kind) => {
	const site = getSite(kind);
	const s3 = createS3Client(site);
	const everyUrlServes = async (id: number) => {
		const served = await statuses(await servedUrls(site, id));
		expect(Object.values(served).every((status) => status === 200) ? 'all 200' : served).toBe('all 200');
	};

	test(`the image editor rotates an image whose local copies are gone; restore original brings it back (WordPress ${site.wpVersion})`, async () => {
		const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: false });
		try {
			const attachment = await uploadBytes(site, await distinctJpeg(site, 800, 400, 7), uniqueName('edit.jpg'));
			expect(localFilesOf(site, await attachmentFiles(site, attachment.id))).toEqual([]);

			const saved = await rotateInImageEditor(site, attachment.id);
			expect(saved).toBe('saved');
			const urls = await servedUrls(site, attachment.id);
			expect(urls.full).toMatch(/-e\d+\.jpg$/);
			await everyUrlServes(attachment.id);
			expect(jpegSize(Buffer.from(await (await fetch(urls.full)).arrayBuffer()))).toEqual({ width: 400, height: 800 });
			// The record lists every file WordPress lists (edited and kept originals), and none is left on disk.
			const files = await attachmentFiles(site, attachment.id);
			const record = (await recordOf(site, attachment.id))!;
			for (const file of files) expect(record.keys).toContain(`wp-content/uploads/${file}`);
			expect(localFilesOf(site, files)).toEqual([]);

			expect(
				await wpEval(
					site,
					`require_once ABSPATH . 'wp-admin/includes/image-edit.php'; $r = wp_restore_image( ${attachment.id} ); return isset( $r->error ) ? $r->error : 'restored';`,
				),
			).toBe('restored');
			const restored = await servedUrls(site, attachment.id);
			expect(restored.full).not.toMatch(/-e\d+\.jpg$/);
			await everyUrlServes(attachment.id);
			expect(jpegSize(Buffer.from(await (await fetch(restored.full)).arrayBuffer()))).toEqual({ width: 800, height: 400 });
		} finally {
			await restore();
		}
	});

	test('the block editor crops an image whose local copies are gone (REST /edit makes a new attachment)', async () => {
		const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: false });
		try {
			const attachment = await uploadBytes(site, await distinctJpeg(site, 800, 400, 15), uniqueName('crop.jpg'));
			const response = await fetch(`${site.restUrl}wp/v2/media/${attachment.id}/edit`, {
				method: 'POST',
				headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
				body: JSON.stringify({ src: attachment.source_url, x: 0, y: 0, width: 50, height: 50 }),
			});
			const cropped = (await response.json()) as { id: number; source_url: string };
			expect(response.status === 201 ? 201 : JSON.stringify(cropped)).toBe(201);
			expect(cropped.id).not.toBe(attachment.id);
			const served = await fetch(cropped.source_url);
			expect(served.status).toBe(200);
			expect(jpegSize(Buffer.from(await served.arrayBuffer()))).toEqual({ width: 400, height: 200 });
			expect(localFilesOf(site, await attachmentFiles(site, attachment.id))).toEqual([]);
			expect(localFilesOf(site, await attachmentFiles(site, cropped.id))).toEqual([]);
		} finally {
			await restore();
		}
	});

	withWpCli(test, 'the regenerate cases')(
		'wp media regenerate with local copies removed and versioning on: new prefix recorded, old objects removed',
		async () => {
			const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: true });
			try {
				const attachment = await uploadBytes(site, await distinctJpeg(site, 900, 600, 8), uniqueName('regen.jpg'));
				const before = (await recordOf(site, attachment.id))!;
				// A size registered after the upload: regenerate must make it and offload it.
				const output = await wpOk(site, ['media', 'regenerate', String(attachment.id), '--yes', `--require=${await sizePlugin()}`]);
				expect(output.stdout).toMatch(/Success: Regenerated 1 of 1 images/);

				const after = (await recordOf(site, attachment.id))!;
				expect(after.key_prefix).not.toBe(before.key_prefix);
				expect(after.keys.some((key) => key.endsWith('-333x222.jpg'))).toBe(true);
				for (const key of after.keys) expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
				expect(await listKeys(s3, site.s3.bucket, before.key_prefix)).toEqual([]);
				await everyUrlServes(attachment.id);
				expect(localFilesOf(site, await attachmentFiles(site, attachment.id))).toEqual([]);
			} finally {
				await restore();
			}
		},
	);

	(wpAtLeast(site, '7.1') ? test : test.skip)('WordPress 7.1 browser-side processing: sizes sideloaded then finalized all reach the bucket', async () => {
		const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: false });
		try {
			const picture = await distinctJpeg(site, 1200, 800, 9);
			const attachment = await uploadBytes(site, picture, uniqueName('browser.jpg'), '?generate_sub_sizes=false');
			const subSizes: unknown[] = [];
			for (const [size, width, height] of [
				['thumbnail', 150, 150],
				['medium', 300, 200],
			] as const) {
				const bytes = await distinctJpeg(site, width, height, 9);
				const answer = await restRequest(site, 'POST', `wp/v2/media/${attachment.id}/sideload?image_size=${size}`, bytes, {
					'Content-Type': 'image/jpeg',
					'Content-Disposition': `attachment; filename="${attachment.media_details ? baseName(attachment.source_url, `-${width}x${height}`) : ''}"`,
				});
				expect(answer.status).toBeLessThan(300);
				const body = JSON.parse(answer.body) as { sub_size?: unknown } & Record<string, unknown>;
				subSizes.push(body.sub_size ?? body);
			}
			const finalized = await restRequest(site, 'POST', `wp/v2/media/${attachment.id}/finalize`, JSON.stringify({ sub_sizes: subSizes }), {
				'Content-Type': 'application/json',
			});
			expect(finalized.status).toBe(200);

			const urls = await servedUrls(site, attachment.id);
			expect(Object.keys(urls).sort()).toEqual(['full', 'medium', 'thumbnail']);
			await everyUrlServes(attachment.id);
			const files = await attachmentFiles(site, attachment.id);
			for (const file of files) expect(await objectExists(s3, site.s3.bucket, `wp-content/uploads/${file}`)).toBe(true);
			expect(localFilesOf(site, files)).toEqual([]);
		} finally {
			await restore();
		}
	});

	test('a plugin that adds a size with wp_update_attachment_metadata gets it offloaded at the end of its request', async () => {
		const restore = await setSettings(site, { remove_local: true, versioning: false });
		try {
			const attachment = await uploadBytes(site, await distinctJpeg(site, 640, 480, 10), uniqueName('plugin-size.jpg'));
			// What a thumbnail plugin does: write a file beside the others, list it in the metadata.
			const file = await wpEval<string>(
				site,
				`$id = ${attachment.id}; $meta = wp_get_attachment_metadata( $id );
				$dir = dirname( get_attached_file( $id ) ); $name = pathinfo( $meta['file'], PATHINFO_FILENAME ) . '-100x75.jpg';
				$img = imagecreatetruecolor( 100, 75 ); imagejpeg( $img, $dir . '/' . $name );
				$meta['sizes']['plugin_thumb'] = array( 'file' => $name, 'width' => 100, 'height' => 75, 'mime-type' => 'image/jpeg' );
				wp_update_attachment_metadata( $id, $meta );
				return dirname( $meta['file'] ) . '/' . $name;`,
			);
			expect((await recordOf(site, attachment.id))!.keys).toContain(`wp-content/uploads/${file}`);
			expect(await objectExists(s3, site.s3.bucket, `wp-content/uploads/${file}`)).toBe(true);
			expect(localFilesOf(site, [file])).toEqual([]);
			expect((await statuses({ plugin_thumb: (await servedUrls(site, attachment.id)).plugin_thumb })).plugin_thumb).toBe(200);
		} finally {
			await restore();
		}
	});

	test('WebP output for JPEG uploads: each object is stored with the type of its own bytes', async () => {
		const restore = await setSettings(site, { remove_local: false, versioning: false });
		try {
			const id = await wpEval<number>(
				site,
				`require_once ABSPATH . 'wp-admin/includes/media.php'; require_once ABSPATH . 'wp-admin/includes/file.php'; require_once ABSPATH . 'wp-admin/includes/image.php';
				add_filter( 'image_editor_output_format', static fn () => array( 'image/jpeg' => 'image/webp' ) );
				add_filter( 'big_image_size_threshold', static fn () => 1000 );
				$tmp = wp_tempnam( 'w.jpg' ); $img = imagecreatetruecolor( 1600, 1000 ); imagejpeg( $img, $tmp );
				return media_handle_sideload( array( 'name' => ${JSON.stringify(uniqueName('webp.jpg'))}, 'tmp_name' => $tmp ), 0 );`,
			);
			const record = (await recordOf(site, id))!;
			const webp = record.keys.filter((key) => key.endsWith('.webp'));
			expect(webp.length).toBeGreaterThan(0);
			for (const key of record.keys) {
				const head = await s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: key }));
				expect(`${key} ${head.ContentType}`).toBe(`${key} ${key.endsWith('.webp') ? 'image/webp' : 'image/jpeg'}`);
			}
		} finally {
			await restore();
		}
	});
});

/** The upload's own file name with a size suffix, as the browser names what it sideloads. */
function baseName(sourceUrl: string, suffix: string): string {
	const name = sourceUrl.split('/').pop()!;
	return name.replace(/\.jpg$/, `${suffix}.jpg`);
}

/** A one-line file for WP-CLI's --require: registers a size the upload did not have. */
async function sizePlugin(): Promise<string> {
	const fs = await import('node:fs');
	const os = await import('node:os');
	const path = await import('node:path');
	const file = path.join(os.tmpdir(), 'wpmc-extra-size.php');
	// --require files load before WordPress: the size is added once WordPress is loaded, before the command runs.
	fs.writeFileSync(file, "<?php WP_CLI::add_hook( 'after_wp_load', static function () { add_image_size( 'wpmc_test_size', 333, 222, true ); } );\n");
	return file;
}

// Every attachment owns its objects: file names stay unique when local copies are removed, the version
// segment is the attachment's own, and deleting one attachment never deletes objects another one shows.
// Bytes are compared through an independent S3 client; the cases run on both test sites (WordPress 7.1 on
// SQLite, 6.8 on MariaDB).
import { objectBytes, objectExists, setSettings, uniqueName } from '../support/media';
import { createS3Client, getSite, wpEval, type SiteKind } from '../support/stack';
import { distinctJpeg, recordOf, uploadBytes } from './ownership-support';

describe.each<SiteKind>(['sqlite', 'mariadb'])('on %s', (kind) => {
	const site = getSite(kind);
	const s3 = createS3Client(site);
	const deleteAttachment = async (id: number) => {
		const response = await fetch(`${site.restUrl}wp/v2/media/${id}?force=true`, { method: 'DELETE', headers: { Authorization: site.authHeader } });
		expect(response.status).toBe(200);
	};

	test(`three different images uploaded under one name keep their own objects; deleting one leaves the others (WordPress ${site.wpVersion})`, async () => {
		const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: false });
		try {
			const name = uniqueName('same.jpg');
			const images = [await distinctJpeg(site, 400, 300, 1), await distinctJpeg(site, 410, 300, 2), await distinctJpeg(site, 420, 300, 3)];
			const ids: number[] = [];
			for (const bytes of images) ids.push((await uploadBytes(site, bytes, name)).id);

			const records = await Promise.all(ids.map((id) => recordOf(site, id)));
			const mains = records.map((record) => record!.keys[0]);
			expect(new Set(mains).size).toBe(3);
			const allKeys = records.flatMap((record) => record!.keys);
			expect(new Set(allKeys).size).toBe(allKeys.length); // no key in two records
			for (const [index, key] of mains.entries()) {
				expect((await objectBytes(s3, site.s3.bucket, key))?.equals(images[index])).toBe(true);
			}

			await deleteAttachment(ids[0]);
			for (const key of records[0]!.keys) expect(await objectExists(s3, site.s3.bucket, key)).toBe(false);
			for (const [index, record] of records.slice(1).entries()) {
				for (const key of record!.keys) expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
				expect((await objectBytes(s3, site.s3.bucket, record!.keys[0]))?.equals(images[index + 1])).toBe(true);
			}
		} finally {
			await restore();
		}
	});

	test('names that sanitize to the same name (a+b.jpg, a#b.jpg) get two names and two sets of objects', async () => {
		const restore = await setSettings(site, { remove_local: true, mirror_delete: true, versioning: false });
		try {
			const stem = uniqueName('q.jpg').replace(/\.jpg$/, '');
			const first = await uploadBytes(site, await distinctJpeg(site, 300, 200, 4), `${stem}+b.jpg`);
			const second = await uploadBytes(site, await distinctJpeg(site, 300, 200, 5), `${stem}#b.jpg`);
			const [a, b] = [await recordOf(site, first.id), await recordOf(site, second.id)];
			expect(a!.keys.filter((key) => b!.keys.includes(key))).toEqual([]);
			expect(first.source_url).not.toBe(second.source_url);
		} finally {
			await restore();
		}
	});

	test('with versioning on, each attachment gets its own version segment, even within one second', async () => {
		const restore = await setSettings(site, { versioning: true, remove_local: false });
		try {
			// Two uploads in one PHP process: usually the same second, which used to give one shared prefix.
			const ids = await wpEval<number[]>(
				site,
				`require_once ABSPATH . 'wp-admin/includes/media.php'; require_once ABSPATH . 'wp-admin/includes/file.php'; require_once ABSPATH . 'wp-admin/includes/image.php';
				$ids = array();
				foreach ( array( 1, 2 ) as $n ) {
					$tmp = wp_tempnam( 'v.jpg' ); $img = imagecreatetruecolor( 200 + $n, 100 ); imagejpeg( $img, $tmp );
					$ids[] = media_handle_sideload( array( 'name' => 'same-second.jpg', 'tmp_name' => $tmp ), 0 );
				}
				return $ids;`,
			);
			const prefixes = await Promise.all(ids.map(async (id) => (await recordOf(site, id))!.key_prefix));
			expect(prefixes[0]).not.toBe(prefixes[1]);
			prefixes.forEach((prefix, index) => expect(prefix).toMatch(new RegExp(`^wp-content/uploads/\\d{14}-${ids[index]}/$`)));
		} finally {
			await restore();
		}
	});

	test('deleting an attachment offloaded before 0.2 that shares its objects with another leaves those objects', async () => {
		const restore = await setSettings(site, { mirror_delete: true, remove_local: false, versioning: false });
		try {
			const original = await uploadBytes(site, await distinctJpeg(site, 320, 240, 6), uniqueName('legacy.jpg'));
			const shared = (await recordOf(site, original.id))!;
			// What 0.1 left behind: a second attachment with the same file name and the same record.
			const twin = await wpEval<number>(
				site,
				`$id = wp_insert_attachment( array( 'post_title' => 'twin', 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), get_post_meta( ${original.id}, '_wp_attached_file', true ) );
				$r = get_post_meta( ${original.id}, '_wp_media_cloud', true ); unset( $r['endpoint'], $r['public_base'] );
				update_post_meta( $id, '_wp_media_cloud', $r ); return $id;`,
			);
			await deleteAttachment(twin);
			for (const key of shared.keys) expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
			expect((await fetch(original.source_url)).status).toBe(200);
		} finally {
			await restore();
		}
	});
});

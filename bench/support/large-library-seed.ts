// A large media library made in seconds, for bench/large-library.ts: attachments inserted by multi-row SQL (posts,
// _wp_attached_file, _wp_attachment_metadata with two sizes) and their three real files on disk, hard links of
// one small JPEG (a real file the sidecar reads and uploads; 300,000 copies would only measure the disk).
// wp_insert_attachment() would take about 20 ms each, 35 minutes for 100,000, and measure nothing of ours.
import fs from 'node:fs';
import path from 'node:path';

type Eval = <T>(php: string) => Promise<T>;

/** Where attachment n's files live under uploads: 1,000 attachments a folder, as a busy year of months would. */
export const folderOf = (n: number) => `2099/${String(Math.floor(n / 1000)).padStart(4, '0')}`;
export const SIZES = ['150x150', '300x200'];

/** Adds attachments numbered [from, to) with their files; answers how long the SQL and the files took. */
export async function seedAttachments(wpEval: Eval, uploadsDir: string, from: number, to: number): Promise<{ sqlSeconds: number; fileSeconds: number }> {
	let started = performance.now();
	const template = path.join(uploadsDir, 'bench-template.jpg');
	await wpEval(`
		$image = imagecreatetruecolor( 16, 16 );
		imagefill( $image, 0, 0, imagecolorallocate( $image, 40, 120, 200 ) );
		imagejpeg( $image, ${JSON.stringify(template)}, 80 );
		return true;
	`);
	for (let n = from; n < to; n++) {
		const dir = path.join(uploadsDir, folderOf(n));
		// One copy of the template per folder: a file takes at most 65,000 hard links (ext4).
		const local = path.join(dir, '.template.jpg');
		if (n % 1000 === 0 || n === from) {
			fs.mkdirSync(dir, { recursive: true });
			if (!fs.existsSync(local)) fs.copyFileSync(template, local);
		}
		for (const name of [`lib-${n}.jpg`, ...SIZES.map((size) => `lib-${n}-${size}.jpg`)]) {
			const file = path.join(dir, name);
			if (!fs.existsSync(file)) fs.linkSync(local, file);
		}
	}
	const fileSeconds = (performance.now() - started) / 1000;
	started = performance.now();
	await wpEval(`
		global $wpdb;
		$base = untrailingslashit( wp_get_upload_dir()['baseurl'] );
		$now  = gmdate( 'Y-m-d H:i:s', time() - 86400 );
		for ( $start = ${from}; $start < ${to}; $start += 1000 ) {
			$end   = min( ${to}, $start + 1000 );
			$posts = array();
			for ( $n = $start; $n < $end; $n++ ) {
				$folder  = sprintf( '2099/%04d', intdiv( $n, 1000 ) );
				$posts[] = $wpdb->prepare( '(1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)', $now, $now, '', "lib-$n", '', 'inherit', "lib-$n", '', '', $now, $now, '', 'attachment', "$base/$folder/lib-$n.jpg" );
			}
			$wpdb->query( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type, guid) VALUES " . implode( ',', $posts ) );
			$first = (int) $wpdb->insert_id;
			$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->posts} SET post_mime_type = 'image/jpeg' WHERE ID >= %d", $first ) );
			$ids  = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_name FROM {$wpdb->posts} WHERE ID >= %d AND post_type = 'attachment'", $first ) );
			$meta = array();
			foreach ( $ids as $row ) {
				$n      = (int) substr( $row->post_name, 4 );
				$folder = sprintf( '2099/%04d', intdiv( $n, 1000 ) );
				$sizes  = array();
				foreach ( ${JSON.stringify(SIZES)} as $i => $size ) {
					list( $w, $h ) = array_map( 'intval', explode( 'x', $size ) );
					$sizes[ 0 === $i ? 'thumbnail' : 'medium' ] = array( 'file' => "lib-$n-$size.jpg", 'width' => $w, 'height' => $h, 'mime-type' => 'image/jpeg', 'filesize' => 700 );
				}
				$data   = array( 'width' => 800, 'height' => 600, 'file' => "$folder/lib-$n.jpg", 'filesize' => 700, 'sizes' => $sizes, 'image_meta' => array() );
				$meta[] = $wpdb->prepare( '(%d, %s, %s)', $row->ID, '_wp_attached_file', "$folder/lib-$n.jpg" );
				$meta[] = $wpdb->prepare( '(%d, %s, %s)', $row->ID, '_wp_attachment_metadata', serialize( $data ) );
			}
			$wpdb->query( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ',', $meta ) );
		}
		wp_cache_flush();
		return true;
	`);
	return { sqlSeconds: (performance.now() - started) / 1000, fileSeconds };
}

// File names stay unique per folder when local copies are removed (Unique_Filenames), and finding the names taken
// costs what the folder holds, not what the library holds: the attachments come from the folder rows of the index
// by file (Attached_File_Index), not from a scan of every `_wp_attached_file` (469 ms per upload at 100,000
// attachments). Attachments are written by SQL around WordPress, as imports and restores do, with no file on disk:
// WordPress alone would see a free name. Uploads go to 2096/03 through a parent post of that month.
import { phpValue } from '../../bin/dev/wp-eval';
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';

const FOLDER = '2096/03';

interface Upload {
	file: string;
	/** Queries that read every attachment's `_wp_attached_file` for names starting with a stem. */
	scans: number;
	/** Queries that read the folder rows of the index. */
	folderLookups: number;
}

/** PHP: attachments written by SQL (post, `_wp_attached_file`, metadata with a thumbnail), no file on disk. */
const seedPhp = (names: string[]) => `
	global $wpdb;
	foreach ( ${phpValue(names)} as $name ) {
		$wpdb->insert( $wpdb->posts, array( 'post_title' => $name, 'post_name' => $name, 'post_type' => 'attachment', 'post_status' => 'inherit', 'post_mime_type' => 'image/jpeg', 'post_content' => '', 'post_excerpt' => '', 'to_ping' => '', 'pinged' => '', 'post_content_filtered' => '' ) );
		$id   = (int) $wpdb->insert_id;
		$stem = substr( $name, 0, -4 );
		$wpdb->insert( $wpdb->postmeta, array( 'post_id' => $id, 'meta_key' => '_wp_attached_file', 'meta_value' => ${phpValue(FOLDER)} . "/$name" ) );
		$meta = array( 'file' => ${phpValue(FOLDER)} . "/$name", 'sizes' => array( 'thumbnail' => array( 'file' => "$stem-150x150.jpg" ) ) );
		$wpdb->insert( $wpdb->postmeta, array( 'post_id' => $id, 'meta_key' => '_wp_attachment_metadata', 'meta_value' => serialize( $meta ) ) );
	}
	wp_cache_flush();
`;

/** PHP: an upload of a new picture under this name into FOLDER (media_handle_sideload, as WordPress sideloads a URL), with its queries. */
const uploadPhp = (name: string) => `
	require_once ABSPATH . 'wp-admin/includes/media.php'; require_once ABSPATH . 'wp-admin/includes/file.php'; require_once ABSPATH . 'wp-admin/includes/image.php';
	$parent = wp_insert_post( array( 'post_title' => 'unique names', 'post_status' => 'draft', 'post_date' => '2096-03-15 10:00:00' ) );
	$sql    = array();
	$log    = static function ( $query ) use ( &$sql ) { $sql[] = $query; return $query; };
	add_filter( 'query', $log );
	$tmp = wp_tempnam( 'u.jpg' ); $img = imagecreatetruecolor( 64, 48 ); imagejpeg( $img, $tmp );
	$id = media_handle_sideload( array( 'name' => ${phpValue(name)}, 'tmp_name' => $tmp ), $parent );
	remove_filter( 'query', $log );
	if ( is_wp_error( $id ) ) { return $id->get_error_message(); }
	return array(
		'file'          => get_post_meta( $id, '_wp_attached_file', true ),
		'scans'         => count( preg_grep( "/'_wp_attached_file' AND meta_value LIKE/", $sql ) ),
		'folderLookups' => count( preg_grep( '/SELECT post_id FROM \\S+ WHERE meta_key LIKE .*dir/', $sql ) ),
	);
`;

/** Every attachment of this run and its parent posts, rows of the index included. */
async function removeAll(site: TestSite, tag: string): Promise<void> {
	await wpEval(
		site,
		`
		global $wpdb;
		$ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = '_wp_attached_file' AND meta_value LIKE %s", $wpdb->esc_like( ${phpValue(`${FOLDER}/${tag}`)} ) . '%' ) ) );
		foreach ( $ids as $id ) {
			$parent = (int) get_post_field( 'post_parent', $id );
			wp_delete_attachment( $id, true );
			if ( $parent ) { wp_delete_post( $parent, true ); }
		}
		return true;
	`,
	);
}

describe.each<SiteKind>(['sqlite', 'mariadb'])('unique file names through the index by folder on the %s site', (kind) => {
	const site = getSite(kind);
	const tag = `un${Date.now().toString(36)}`;

	afterAll(() => removeAll(site, tag));

	test('an upload of a name an attachment without local files holds gets a new name, found through the folder rows', async () => {
		const names = Array.from({ length: 40 }, (_, n) => `${tag}-${n}.jpg`);
		await wpEval(site, `${seedPhp(names)} while ( ! WP_Media_Cloud\\Url_Replace\\Attached_File_Index::catch_up( 400000 ) ) {} return true;`);

		const upload = await wpEval<Upload | string>(site, uploadPhp(`${tag}-7.jpg`));
		expect(upload).toMatchObject({ file: `${FOLDER}/${tag}-7-1.jpg` });
		// No scan of every attachment's file: one indexed read of this folder's rows. Before the folder rows: one scan.
		expect(upload).toMatchObject({ scans: 0, folderLookups: 1 });

		// A name that sanitizes to a taken one, and a taken name in another case, get new names too.
		expect(await wpEval<Upload | string>(site, uploadPhp(`${tag}-8#.jpg`))).toMatchObject({ file: `${FOLDER}/${tag}-8-1.jpg`, scans: 0 });
		expect(await wpEval<Upload | string>(site, uploadPhp(`${tag.toUpperCase()}-9.jpg`))).toMatchObject({
			file: `${FOLDER}/${tag.toUpperCase()}-9-1.jpg`,
			scans: 0,
		});
	});

	test('while the index has not caught up (a restore left 300,000 ids to walk), the name is still unique, by the unindexed lookup', async () => {
		const upload = await wpEval<Upload | string>(
			site,
			`
			global $wpdb;
			// A postmeta row far above the others: what the index has to walk is more than one request catches up.
			$gap = (int) $wpdb->get_var( "SELECT MAX(meta_id) FROM {$wpdb->postmeta}" ) + 300000;
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->postmeta} (meta_id, post_id, meta_key, meta_value) VALUES (%d, 0, '_wpmc_test_gap', '')", $gap ) );
			${seedPhp([`${tag}-fb-1.jpg`, `${tag}-fb-2.jpg`])}
			$upload = ( static function () { ${uploadPhp(`${tag}-fb-2.jpg`)} } )();
			while ( ! WP_Media_Cloud\\Url_Replace\\Attached_File_Index::catch_up( 400000 ) ) {}
			$wpdb->query( "DELETE FROM {$wpdb->postmeta} WHERE meta_key = '_wpmc_test_gap'" );
			return $upload;
		`,
		);
		expect(upload).toMatchObject({ file: `${FOLDER}/${tag}-fb-2-1.jpg`, scans: 1, folderLookups: 0 });
	});

	test('folder rows follow a changed file and go with the attachment; a site indexed before them gets them by the next catch-up', async () => {
		const result = await wpEval<Record<string, unknown>>(
			site,
			`
			use WP_Media_Cloud\\Url_Replace\\Attached_File_Index;
			global $wpdb;
			$folder = ${phpValue(FOLDER)};
			$rows   = static fn ( int $id ) => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id = %d AND meta_key LIKE %s", $id, $wpdb->esc_like( Attached_File_Index::NAME_KEY_PREFIX ) . '%' ) );
			$id     = wp_insert_attachment( array( 'post_title' => 'moves', 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), false );
			update_attached_file( $id, "$folder/${tag}-before.jpg" );
			update_attached_file( $id, "$folder/${tag}-after.jpg" );
			$out = array(
				'before'     => Attached_File_Index::named_in_folder( $folder, '${tag}-before' ),
				'after'      => Attached_File_Index::named_in_folder( $folder, '${tag}-AFTER' ),
				'folderRows' => $rows( $id ),
			);
			// A site indexed by path only (before 0.x): its progress under the old option, no folder rows.
			$seeded = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = '_wp_attached_file' AND meta_value LIKE %s", $wpdb->esc_like( "$folder/${tag}-" ) . '%' ) ) );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $wpdb->esc_like( Attached_File_Index::NAME_KEY_PREFIX ) . '%' ) );
			update_option( 'wp_media_cloud_file_index_through', (int) $wpdb->get_var( "SELECT MAX(meta_id) FROM {$wpdb->postmeta}" ), false );
			delete_option( Attached_File_Index::OPTION );
			while ( ! Attached_File_Index::catch_up( 400000 ) ) {}
			$out['rebuilt']    = array_sum( array_map( $rows, $seeded ) ) === count( $seeded ) && count( $seeded ) > 40;
			$out['oldOption']  = get_option( 'wp_media_cloud_file_index_through' );
			$out['found']      = count( Attached_File_Index::named_in_folder( $folder, '${tag}-1' ) );
			wp_delete_attachment( $id, true );
			$out['rowsLeft'] = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id = %d", $id ) );
			$out['id']       = $id;
			return $out;
		`,
		);
		expect(result).toMatchObject({ before: [], after: [result.id], folderRows: 1, rebuilt: true, oldOption: false, rowsLeft: 0 });
		// ${tag}-1.jpg and ${tag}-10 … -19.jpg.
		expect(result.found).toBe(11);
	});
});

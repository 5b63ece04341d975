// A library of thousands of attachments, inserted by SQL with one real file each, on both test sites: the Dashboard
// counts do not walk it per request and stay exact through the migration's callbacks, the migration's pages read
// a bounded number of rows, its page callback makes about one query per attachment, and the audit's memory stays
// flat. No timing: queries, rows read and memory are what would grow with the library.
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';

const ATTACHMENTS = 6000;
// Walks of 6,000 attachments in one PHP process: 131 s for the audit's on SQLite in a CI run on a machine loaded
// past 9 (the default 60 s cut it). No assertion here is about time; this only keeps a slow machine from failing.
jest.setTimeout(600_000);

/** Adds attachments named `<tag>-<n>` with metadata (two sizes) and their main file, a hard link of one small file. */
async function seed(site: TestSite, tag: string): Promise<void> {
	await wpEval(
		site,
		`
		global $wpdb;
		$dir = wp_get_upload_dir()['basedir'] . '/${tag}';
		wp_mkdir_p( $dir );
		file_put_contents( "$dir/.template", str_repeat( 'x', 100 ) );
		for ( $start = 0; $start < ${ATTACHMENTS}; $start += 500 ) {
			$posts = array();
			for ( $n = $start; $n < $start + 500; $n++ ) {
				link( "$dir/.template", "$dir/f-$n.jpg" );
				$posts[] = $wpdb->prepare( "(1, '2020-01-01 00:00:00', '2020-01-01 00:00:00', '', %s, '', 'inherit', %s, '', '', '2020-01-01 00:00:00', '2020-01-01 00:00:00', '', 'attachment', 'image/jpeg', '')", "${tag}-$n", "${tag}-$n" );
			}
			$wpdb->query( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type, post_mime_type, guid) VALUES " . implode( ',', $posts ) );
		}
		$ids  = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_name FROM {$wpdb->posts} WHERE post_type = 'attachment' AND post_name LIKE %s", '${tag}-%' ) );
		foreach ( array_chunk( $ids, 500 ) as $chunk ) {
			$meta = array();
			foreach ( $chunk as $row ) {
				$n      = substr( $row->post_name, strlen( '${tag}-' ) );
				$data   = serialize( array( 'file' => "${tag}/f-$n.jpg", 'sizes' => array( 'thumbnail' => array( 'file' => "f-$n-150x150.jpg" ), 'medium' => array( 'file' => "f-$n-300x200.jpg" ) ) ) );
				$meta[] = $wpdb->prepare( '(%d, %s, %s), (%d, %s, %s)', $row->ID, '_wp_attached_file', "${tag}/f-$n.jpg", $row->ID, '_wp_attachment_metadata', $data );
			}
			$wpdb->query( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ',', $meta ) );
		}
		return true;
	`,
	);
}

async function unseed(site: TestSite, tag: string): Promise<void> {
	await wpEval(
		site,
		`
		global $wpdb;
		// The attachments and the URL Replace test's posts.
		$ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_name LIKE %s", '${tag}-%' ) ) );
		foreach ( array_chunk( $ids, 500 ) as $chunk ) {
			$in = implode( ',', $chunk );
			$wpdb->query( "DELETE FROM {$wpdb->postmeta} WHERE post_id IN ($in)" );
			$wpdb->query( "DELETE FROM {$wpdb->posts} WHERE ID IN ($in)" );
		}
		array_map( 'unlink', glob( wp_get_upload_dir()['basedir'] . '/${tag}/{,.}*', GLOB_BRACE ) ?: array() );
		// The records went by SQL, past the hooks that keep the record count: let the next read count them again
		// (left behind, the count stayed high and later suites saw too few attachments not offloaded).
		delete_option( 'wp_media_cloud_library_counts' );
		delete_option( 'wp_media_cloud_record_count' );
		wp_cache_flush();
		return true;
	`,
	);
}

describe.each(['sqlite', 'mariadb'] as SiteKind[])('%s', (kind) => {
	const site = getSite(kind);
	const tag = `large-${kind}-${Date.now().toString(36)}`;
	const pageType = `wpmc_ll_${kind.slice(0, 1)}`;

	beforeAll(() => seed(site, tag), 300_000);
	afterAll(() => unseed(site, tag), 300_000);

	test('the Dashboard counts read no attachment per request, and the migration callbacks keep the file counts exact', async () => {
		const result = await wpEval<Record<string, any>>(
			site,
			`
			use WP_Media_Cloud\\Migration\\Library;
			use WP_Media_Cloud\\Migration\\Library_Counts;
			global $wpdb;
			$reads = array();
			add_filter( 'query', function ( $sql ) use ( &$reads ) { if ( str_contains( $sql, 'meta_value' ) ) { $reads[] = $sql; } return $sql; } );
			// A site whose file counts were never made (or were made by another test): counted once, inline.
			delete_option( Library_Counts::OPTION );
			$first  = Library::counts();
			$reads  = array();
			$second = Library::counts();
			$second_reads = count( $reads );

			// A library over the inline limit: a new attachment makes the file counts stale until WP-Cron recounts.
			add_filter( 'wp_media_cloud_counts_inline_limit', fn () => 0 );
			$id = wp_insert_attachment( array( 'post_title' => '${tag}-extra', 'post_name' => '${tag}-extra', 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), false );
			update_post_meta( $id, '_wp_attached_file', '${tag}/f-0.jpg' );
			$stale     = Library::counts();
			$scheduled = (bool) wp_next_scheduled( Library_Counts::REFRESH_HOOK );
			do_action( Library_Counts::REFRESH_HOOK );
			$recounted = Library::counts();

			// The migration's results callback records two attachments: the counts follow without a recount.
			$ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_name IN (%s, %s)", '${tag}-1', '${tag}-2' ) ) );
			$results = array();
			foreach ( $ids as $n => $attachment ) {
				$file      = get_post_meta( $attachment, '_wp_attached_file', true );
				$results[] = array( 'attachment_id' => $attachment, 'key_prefix' => 'wp-content/uploads/', 'objects' => array( array( 'path' => $file, 'key' => "wp-content/uploads/$file", 'size' => 100, 'verified' => true ) ) );
				WP_Media_Cloud\\Attachment_Lock::acquire( $attachment, 900, WP_Media_Cloud\\Attachment_Lock::MIGRATION );
			}
			$request = new WP_REST_Request( 'POST', '/media-cloud/v1/sidecar/migration/results' );
			$request->set_param( 'results', $results );
			( new WP_Media_Cloud\\Migration\\Sidecar_Callbacks() )->migration_results( $request );
			$after_results = Library::counts();
			$truth         = Library_Counts::recount();
			foreach ( $ids as $attachment ) { delete_post_meta( $attachment, '_wp_media_cloud' ); }
			wp_delete_attachment( $id, true );
			return compact( 'first', 'second', 'second_reads', 'stale', 'scheduled', 'recounted', 'after_results', 'truth' );
		`,
		);
		// The old counts read every attachment's metadata on every visit (4.7 s at 100,000).
		expect(result.second_reads).toBe(0);
		expect(result.second.attachments).toEqual(result.first.attachments);
		expect(result.second.files).toMatchObject({ total: result.first.files.total, offloaded: result.first.files.offloaded, stale: false });
		expect(result.first.files.total).toBeGreaterThanOrEqual(ATTACHMENTS * 3);

		expect(result.stale.attachments.total).toBe(result.first.attachments.total + 1); // always exact
		expect(result.stale.files).toMatchObject({ total: result.first.files.total, stale: true });
		expect(result.scheduled).toBe(true);
		expect(result.recounted.files).toMatchObject({ total: result.first.files.total + 1, stale: false });

		expect(result.after_results.attachments.offloaded).toBe(result.recounted.attachments.offloaded + 2);
		expect(result.after_results.files).toMatchObject({
			total: result.truth.files_offloaded + result.truth.files_local,
			offloaded: result.truth.files_offloaded,
			stale: false,
		});
		expect(result.after_results.files.offloaded).toBe(result.recounted.files.offloaded + 2);
	});

	test('a migration results batch costs about one query per attachment', async () => {
		const result = await wpEval<{ queries: number; acknowledged: number }>(
			site,
			`
			global $wpdb;
			$ids     = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_name LIKE %s ORDER BY ID LIMIT 250", '${tag}-%' ) ) );
			$results = array();
			foreach ( $ids as $id ) {
				$file      = get_post_meta( $id, '_wp_attached_file', true );
				$results[] = array( 'attachment_id' => $id, 'key_prefix' => 'wp-content/uploads/', 'objects' => array( array( 'path' => $file, 'key' => "wp-content/uploads/$file", 'size' => 100, 'verified' => true ) ) );
				WP_Media_Cloud\\Attachment_Lock::acquire( $id, 900, WP_Media_Cloud\\Attachment_Lock::MIGRATION );
			}
			wp_cache_flush();
			$request = new WP_REST_Request( 'POST', '/media-cloud/v1/sidecar/migration/results' );
			$request->set_param( 'results', $results );
			$queries = $wpdb->num_queries;
			$answer  = ( new WP_Media_Cloud\\Migration\\Sidecar_Callbacks() )->migration_results( $request )->get_data();
			$queries = $wpdb->num_queries - $queries;
			foreach ( $ids as $id ) { delete_post_meta( $id, '_wp_media_cloud' ); }
			return array( 'queries' => $queries, 'acknowledged' => count( $answer['acknowledged'] ) );
		`,
		);
		expect(result.acknowledged).toBe(250);
		// One INSERT per record, a few queries for the batch. It was 762 for 250 (a lookup and a re-read each).
		expect(result.queries).toBeLessThanOrEqual(250 + 30);
	});

	test('a migration page costs about one query per attachment and reads a bounded number of rows', async () => {
		const result = await wpEval<{ queries: number; items: number; rowsRead: number | null }>(
			site,
			`
			use WP_Media_Cloud\\Migration\\Library;
			global $wpdb;
			$first   = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MIN(ID) FROM {$wpdb->posts} WHERE post_name LIKE %s", '${tag}-%' ) );
			$mariadb = ! defined( 'DB_ENGINE' ) || 'sqlite' !== DB_ENGINE;
			$handler = fn () => $mariadb ? array_sum( array_map( 'intval', $wpdb->get_col( "SHOW SESSION STATUS LIKE 'Handler_read%'", 1 ) ) ) : 0;
			$max_id  = Library::max_id(); // Once per migration, when it starts; not part of a page.
			$before  = $handler();
			$ids     = Library::not_offloaded_ids( $first - 1, $max_id, 10 );
			$read    = $handler() - $before - 1;
			$request = new WP_REST_Request( 'POST', '/media-cloud/v1/sidecar/migration/page' );
			$request->set_param( 'after', $first - 1 );
			$request->set_param( 'limit', 50 );
			$request->set_param( 'max_id', $max_id );
			wp_cache_flush();
			$queries = $wpdb->num_queries;
			$page    = ( new WP_Media_Cloud\\Migration\\Sidecar_Callbacks() )->migration_page( $request )->get_data();
			$queries = $wpdb->num_queries - $queries;
			WP_Media_Cloud\\Attachment_Lock::release_migration_locks();
			return array( 'queries' => $queries, 'items' => count( $page['items'] ), 'rowsRead' => $mariadb ? $read : null );
		`,
		);
		expect(result.items).toBe(50);
		// Each item takes its lock (one INSERT); the rest is a few queries for the whole page. It was two per item.
		expect(result.queries).toBeLessThanOrEqual(result.items + 15);
		// MariaDB sorted every later attachment for each page (type_status_date + filesort): 6,000 rows here.
		if (result.rowsRead !== null) expect(result.rowsRead).toBeLessThan(2000);
	});

	test('URL Replace and the health check find attachments through the index by file, and the health check reads a bounded sample', async () => {
		const result = await wpEval<Record<string, any>>(
			site,
			`
			use WP_Media_Cloud\\Url_Replace\\Replacer;
			use WP_Media_Cloud\\Health\\Hardcoded_Urls_Check;
			global $wpdb;
			// 1,500 posts of their own type, each with the upload URL of one of this test's attachments.
			$base = untrailingslashit( wp_get_upload_dir()['baseurl'] );
			for ( $start = 0; $start < 1500; $start += 500 ) {
				$posts = array();
				for ( $n = $start; $n < $start + 500; $n++ ) {
					$posts[] = $wpdb->prepare( "(1, '2020-01-01 00:00:00', '2020-01-01 00:00:00', %s, %s, '', 'publish', %s, '', '', '2020-01-01 00:00:00', '2020-01-01 00:00:00', '', %s, '', '')", '<img src="' . "$base/${tag}/f-$n-150x150.jpg" . '">', "${tag}-page-$n", "${tag}-page-$n", '${pageType}' );
				}
				$wpdb->query( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type, post_mime_type, guid) VALUES " . implode( ',', $posts ) );
			}
			// The seed wrote its attachments by SQL, around the hooks: WP-Cron catches the index up (a site's earlier
			// tests may have left more rows than one request catches up by itself).
			while ( ! WP_Media_Cloud\\Url_Replace\\Attached_File_Index::catch_up( 400000 ) ) {}
			$lookups = 0;
			add_filter( 'query', function ( $sql ) use ( &$lookups ) { if ( str_contains( $sql, "'_wp_attached_file' AND meta_value IN" ) ) { ++$lookups; } return $sql; } );
			$scan         = Replacer::scan( array( 'direction' => 'to-cloud', 'post_types' => array( '${pageType}' ) ) );
			$scan_lookups = $lookups;
			$lookups      = 0;
			$health       = Hardcoded_Urls_Check::count();
			return array( 'rows' => $scan['rows_scanned'], 'skipped' => $scan['not_offloaded_total'], 'scanLookups' => $scan_lookups, 'health' => $health, 'healthLookups' => $lookups );
		`,
		);
		expect(result.rows).toBe(1500);
		expect(result.skipped).toBe(1500); // Each URL found its attachment (not offloaded).
		// Attachments are found through the index by file (Attached_File_Index): no lookup reads every
		// attachment's _wp_attached_file row. It made 3 (one per 500
		// rows) before the index, and 15 (one per page) before that.
		expect(result.scanLookups).toBe(0);
		// The health check samples 250 posts and 250 postmeta values, and says it is a sample.
		expect(result.health.complete).toBe(false);
		expect(result.healthLookups).toBe(0);
	});

	test('the audit walks the library with flat memory and two queries per page of posts', async () => {
		const result = await wpEval<{ growthKb: number; checked: number; queriesPerPage: number }>(
			site,
			`
			use WP_Media_Cloud\\Migration\\Audit;
			global $wpdb;
			// Only this test's attachments (all files on disk, so no bucket request): pages as Audit::run() walks them.
			$after   = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MIN(ID) FROM {$wpdb->posts} WHERE post_name LIKE %s", '${tag}-%' ) ) - 1;
			$total   = Audit::total();
			$usage   = array();
			$checked = 0;
			$queries = $wpdb->num_queries;
			for ( $page = 0; $page < ${ATTACHMENTS} / Audit::PAGE; $page++ ) {
				$result   = Audit::page( $after, Audit::PAGE, $total );
				$after    = $result['next_after'];
				$checked += $result['checked'];
				$usage[]  = memory_get_usage();
			}
			return array( 'growthKb' => ( end( $usage ) - $usage[2] ) / 1024, 'checked' => $checked, 'queriesPerPage' => ( $wpdb->num_queries - $queries ) / count( $usage ) );
		`,
		);
		expect(result.checked).toBeGreaterThanOrEqual(ATTACHMENTS);
		// Every page's posts and metadata used to stay in the object cache: about 2 KB per attachment.
		expect(result.growthKb).toBeLessThan(2048);
		expect(result.queriesPerPage).toBeLessThan(10);
	});
});

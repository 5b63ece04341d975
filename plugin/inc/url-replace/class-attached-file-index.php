<?php
/**
 * Finds attachments by file path, and by file name within a folder, through an index, so URL Replace and every
 * upload cost the same at a million attachments as at a thousand.
 *
 * `_wp_attached_file` has no index on its value: looking paths up there reads every attachment's row (at 100,000
 * attachments on MariaDB, 0.9 of the 1.0 s a 1,000-row scan took; 469 ms per upload for the names taken in its
 * folder). The product promises no new tables, but postmeta's `meta_key` IS indexed (its first 191 characters), so
 * each attachment gets two more meta rows whose keys say where its file is (value: the attached path):
 * - `_wp_media_cloud_file_<md5 of the attached path>`: a URL Replace lookup is one indexed `meta_key IN (…)`;
 * - `_wp_media_cloud_file_dir_<md5 of its folder>/<its base name, lower case, at most NAME_CHARS characters>`: the
 *   names taken in a folder that start with a stem are one indexed `meta_key LIKE '…/stem%'` range, whatever the
 *   size of the folder or the library (Unique_Filenames; a name in the key rather than in the value, because a
 *   site without year/month folders keeps its whole library in one folder).
 * Each answer is checked against the real `_wp_attached_file` by post id, so a stale row can never give a wrong one.
 *
 * Kept current by the meta hooks (every upload, edit and regeneration goes through update_attached_file()). Rows
 * written around WordPress (bulk SQL imports, restores) are caught up by meta_id: the option holds the highest meta_id
 * whose `_wp_attached_file` rows are all indexed, and each lookup first reads the postmeta rows above it (a primary
 * key range: only what was added since). Until the index has caught up (a first build over a large library runs in
 * WP-Cron, INLINE_ROWS per request), callers fall back to the unindexed lookup, so no answer is ever missing. The
 * option's name changed when the folder rows came (LEGACY_OPTION): a site indexed before builds once more, adding them.
 * Left out: a bulk SQL UPDATE of existing `_wp_attached_file` values; callers to whom a missed attachment matters
 * (URL Replace towards local URLs) confirm misses with the unindexed lookup.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Attached_File_Index {

	public const KEY_PREFIX      = '_wp_media_cloud_file_';
	public const NAME_KEY_PREFIX = self::KEY_PREFIX . 'dir_';
	public const OPTION          = 'wp_media_cloud_file_index_v2_through';
	public const BUILD_HOOK      = 'wp_media_cloud_build_file_index';

	/** Where a site indexed only by path kept its progress: deleted when the build that adds the folder rows starts. */
	private const LEGACY_OPTION = 'wp_media_cloud_file_index_through';
	/**
	 * Characters of the base name in a folder row's key: with the prefix and the folder's md5 (58 characters), the
	 * key stays within the 191 characters MySQL indexes. A longer name matches by its first NAME_CHARS characters
	 * and is then checked in full against `_wp_attached_file`.
	 */
	private const NAME_CHARS = 120;

	private const ATTACHED_FILE = '_wp_attached_file';
	/** Postmeta rows read per catch-up query (a primary-key range). */
	private const SPAN = 20000;
	/** Postmeta rows a request catches up before it falls back: ~0.6 s; a library of ~10,000 attachments. */
	private const INLINE_ROWS = 30000;
	/**
	 * Postmeta rows one WP-Cron run catches up: ~9 s (two index rows per attachment: 6.1 s for 90,000 attachments,
	 * 270,000 rows, on MariaDB on a loaded machine; 572 ms for 10,000); 100,000 attachments take one run.
	 */
	private const CRON_ROWS = 400000;
	/**
	 * Keys per `meta_key IN (…)` lookup. Under MariaDB's eq_range_index_dive_limit (200) the plan comes from index
	 * dives; above it from table statistics, which after a bulk import chose a full scan: 1,000 keys took 0.83 s
	 * (EXPLAIN: ALL, 309,665 rows) at 100,000 attachments, 150 keys 8 ms.
	 */
	private const CHUNK = 100;

	public function register(): void {
		add_action( 'added_post_meta', array( self::class, 'file_changed' ), 10, 4 );
		add_action( 'updated_post_meta', array( self::class, 'file_changed' ), 10, 4 );
		add_action( 'deleted_post_meta', array( self::class, 'file_deleted' ), 10, 3 );
		add_action( self::BUILD_HOOK, array( self::class, 'build' ) );
	}

	public function unregister(): void {
		remove_action( 'added_post_meta', array( self::class, 'file_changed' ) );
		remove_action( 'updated_post_meta', array( self::class, 'file_changed' ) );
		remove_action( 'deleted_post_meta', array( self::class, 'file_deleted' ) );
		remove_action( self::BUILD_HOOK, array( self::class, 'build' ) );
	}

	public static function key( string $path ): string {
		return self::KEY_PREFIX . md5( $path );
	}

	/** The key of the folder row of an attached path. */
	public static function name_key( string $path ): string {
		return self::folder_key( self::folder_of( $path ) ) . self::name_part( wp_basename( $path ) );
	}

	/**
	 * Attachment ids of these attached-file paths, or null while the index is still being built.
	 *
	 * @param array<int, string> $paths Candidate `_wp_attached_file` values.
	 * @return array<string, int>|null Path => attachment id, for the paths that are an attachment's file.
	 */
	public static function find( array $paths ): ?array {
		global $wpdb;
		if ( ! self::ready() ) {
			return null;
		}
		$ids = array();
		foreach ( array_chunk( array_map( array( self::class, 'key' ), $paths ), self::CHUNK ) as $keys ) {
			$in  = implode( ',', array_fill( 0, count( $keys ), '%s' ) );
			$ids = array_merge( $ids, $wpdb->get_col( $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key IN ($in)", $keys ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		}
		$wanted = array_flip( $paths );
		$found  = array();
		foreach ( self::attached_files( array_unique( array_map( 'intval', $ids ) ) ) as $id => $file ) {
			if ( isset( $wanted[ $file ] ) ) {
				$found[ $file ] = $id;
			}
		}
		return $found;
	}

	/**
	 * Attachments whose attached file is in this folder and whose base name starts with $stem (compared in lower
	 * case, as Unique_Filenames compares names), or null while the index is still being built.
	 *
	 * @param string $folder Path under uploads without slashes around it ('' for the uploads folder itself).
	 * @return array<int, int> Attachment ids.
	 */
	public static function named_in_folder( string $folder, string $stem ): ?array {
		global $wpdb;
		if ( ! self::ready() ) {
			return null;
		}
		$like  = $wpdb->esc_like( self::folder_key( $folder ) . self::name_part( $stem ) ) . '%';
		$ids   = $wpdb->get_col( $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $like ) );
		$stem  = strtolower( $stem );
		$found = array();
		foreach ( self::attached_files( array_unique( array_map( 'intval', $ids ) ) ) as $id => $file ) {
			if ( self::folder_of( $file ) === $folder && str_starts_with( strtolower( wp_basename( $file ) ), $stem ) ) {
				$found[] = $id;
			}
		}
		return $found;
	}

	/** WP-Cron: catches up a large library in the background, then again until done. */
	public static function build(): void {
		if ( ! self::catch_up( self::CRON_ROWS ) ) {
			self::schedule_build();
		}
	}

	/**
	 * Indexes the `_wp_attached_file` rows added since the last catch-up, at most $budget postmeta rows.
	 *
	 * @return bool Whether every attachment's file is indexed now.
	 */
	public static function catch_up( int $budget ): bool {
		global $wpdb;
		$through = (int) get_option( self::OPTION, 0 );
		$max     = (int) $wpdb->get_var( "SELECT MAX(meta_id) FROM {$wpdb->postmeta}" );
		if ( $max < $through ) {
			$through = 0; // The table was emptied or restored: its ids start again.
		}
		if ( 0 === $through ) {
			delete_option( self::LEGACY_OPTION );
		}
		$start = $through;
		while ( $through < $max && $budget > 0 ) {
			$to   = min( $max, $through + self::SPAN );
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT post_id, meta_value FROM {$wpdb->postmeta} WHERE meta_id > %d AND meta_id <= %d AND meta_key = %s", $through, $to, self::ATTACHED_FILE ) );
			self::index_missing( $rows );
			$through = $to;
			$budget -= self::SPAN;
		}
		if ( $through !== $start || $through !== (int) get_option( self::OPTION, 0 ) ) {
			update_option( self::OPTION, $through, false );
		}
		return $through >= $max;
	}

	/**
	 * `added_post_meta` / `updated_post_meta`: an attachment's file was set or changed.
	 *
	 * @param mixed $meta_id    Meta id.
	 * @param mixed $meta_value The new path.
	 */
	public static function file_changed( $meta_id, int $post_id, string $meta_key, $meta_value ): void {
		if ( self::ATTACHED_FILE !== $meta_key || ! is_string( $meta_value ) ) {
			return;
		}
		self::remove_rows( $post_id, array( self::key( $meta_value ), self::name_key( $meta_value ) ) );
		self::index_missing( array( (object) array( 'post_id' => $post_id, 'meta_value' => $meta_value ) ) );
	}

	/**
	 * `deleted_post_meta`: an attachment's file record is gone (with the attachment, or by hand).
	 *
	 * @param mixed $meta_ids Meta ids deleted.
	 */
	public static function file_deleted( $meta_ids, int $post_id, string $meta_key ): void {
		if ( self::ATTACHED_FILE === $meta_key && $post_id > 0 ) {
			self::remove_rows( $post_id, array() );
		}
	}

	/** @param array<int, object{post_id: mixed, meta_value: mixed}> $rows Attached-file rows to index if not yet. */
	private static function index_missing( array $rows ): void {
		global $wpdb;
		if ( ! $rows ) {
			return;
		}
		// Keyed by key and post: attachments that share one file (copies made by plugins or imports) each get rows.
		$wanted = array();
		foreach ( $rows as $row ) {
			foreach ( array( self::key( (string) $row->meta_value ), self::name_key( (string) $row->meta_value ) ) as $key ) {
				$wanted[ $key . '|' . (int) $row->post_id ] = array( $key, $row );
			}
		}
		$keys = array_unique( array_column( $wanted, 0 ) );
		$have = array();
		foreach ( array_chunk( $keys, self::CHUNK ) as $chunk ) {
			$in = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
			foreach ( $wpdb->get_results( $wpdb->prepare( "SELECT post_id, meta_key FROM {$wpdb->postmeta} WHERE meta_key IN ($in)", $chunk ) ) as $row ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$have[ $row->meta_key . '|' . $row->post_id ] = true;
			}
		}
		$values = array();
		foreach ( $wanted as $key_and_post => list( $key, $row ) ) {
			if ( ! isset( $have[ $key_and_post ] ) ) {
				$values[] = $wpdb->prepare( '(%d, %s, %s)', (int) $row->post_id, $key, (string) $row->meta_value );
				wp_cache_delete( (int) $row->post_id, 'post_meta' );
			}
		}
		foreach ( array_chunk( $values, 500 ) as $chunk ) {
			$wpdb->query( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ',', $chunk ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		}
	}

	/**
	 * Removes a post's index rows of both kinds (both keys start with KEY_PREFIX), all but $keep.
	 *
	 * @param array<int, string> $keep Keys of the rows that stay.
	 */
	private static function remove_rows( int $post_id, array $keep ): void {
		global $wpdb;
		$keep    = $keep ? $keep : array( '' );
		$not_in  = implode( ',', array_fill( 0, count( $keep ), '%s' ) );
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->postmeta} WHERE post_id = %d AND meta_key LIKE %s AND meta_key NOT IN ($not_in)", $post_id, $wpdb->esc_like( self::KEY_PREFIX ) . '%', ...$keep ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		if ( $deleted ) {
			wp_cache_delete( $post_id, 'post_meta' );
		}
	}

	/**
	 * @param array<int, int> $ids Attachment ids.
	 * @return array<int, string> Attachment id => its `_wp_attached_file`.
	 */
	private static function attached_files( array $ids ): array {
		global $wpdb;
		$files = array();
		// Short id lists, planned from the post_id index whatever the table statistics say (see Post_Cache).
		foreach ( array_chunk( $ids, \WP_Media_Cloud\Post_Cache::CHUNK ) as $chunk ) {
			$in   = implode( ',', array_map( 'intval', $chunk ) );
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT post_id, meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id IN ($in)", self::ATTACHED_FILE ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			foreach ( $rows as $row ) {
				$files[ (int) $row->post_id ] = (string) $row->meta_value;
			}
		}
		return $files;
	}

	/** Whether the index answers for every attachment now (after catching up what one request may), else builds on in WP-Cron. */
	private static function ready(): bool {
		if ( self::catch_up( self::INLINE_ROWS ) ) {
			return true;
		}
		self::schedule_build();
		return false;
	}

	/** The folder part of an attached path: '' for a file right in uploads. */
	private static function folder_of( string $path ): string {
		$folder = dirname( $path );
		return '.' === $folder ? '' : $folder;
	}

	private static function folder_key( string $folder ): string {
		return self::NAME_KEY_PREFIX . md5( $folder ) . '/';
	}

	/** A name as folder rows hold it: lower case (Unique_Filenames' comparison), at most NAME_CHARS characters. */
	private static function name_part( string $name ): string {
		return mb_substr( strtolower( $name ), 0, self::NAME_CHARS );
	}

	private static function schedule_build(): void {
		if ( ! wp_next_scheduled( self::BUILD_HOOK ) ) {
			wp_schedule_single_event( time(), self::BUILD_HOOK );
		}
	}
}

<?php
/**
 * Keeps URL Replace runs and their backups in options with autoload off (no new tables; see docs/url-replace.md
 * for why options and not files): the run's state in `wp_media_cloud_url_replace_run_{id}`, and its log in
 * numbered chunks `wp_media_cloud_url_replace_run_{id}_log_{n}`, one per page of rows. A chunk holds, per changed
 * row, the original raw value (the backup) and a hash of the value written, plus the URL changes shown to the user.
 * Chunks are kept under 512 KB (a page is split when needed) so one option never nears the database's packet limit.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Run_Store {

	private const PREFIX     = 'wp_media_cloud_url_replace_run_';
	private const INDEX      = 'wp_media_cloud_url_replace_runs';
	private const LOCK       = 'wp_media_cloud_url_replace_lock';
	private const CHUNK_SIZE = 524288;
	/** Real runs kept, each with the backup its undo needs. */
	public const KEEP_RUNS = 20;
	/** Dry runs kept (their lists of changes, shown by the Tools page and `wp media-cloud url-replace`), counted apart. */
	public const KEEP_DRY_RUNS = 20;

	public static function is_valid_id( string $id ): bool {
		return (bool) preg_match( '/^\d{14}-[a-f0-9]{6}$/', $id );
	}

	/**
	 * @param array<string, mixed> $run A new run without `id`.
	 * @return array<string, mixed> The run with its `id`.
	 */
	public static function create( array $run ): array {
		$run['id'] = gmdate( 'YmdHis' ) . '-' . bin2hex( random_bytes( 3 ) );
		add_option( self::PREFIX . $run['id'], $run, '', false );
		$ids   = (array) get_option( self::INDEX, array() );
		$ids[] = $run['id'];
		// Old runs are forgotten (with their backups) beyond the last few of their kind: dry runs are counted apart,
		// so any number of previews never evicts the backup a real run's undo needs.
		$ids = self::forget_oldest( $ids, true, self::KEEP_DRY_RUNS );
		$ids = self::forget_oldest( $ids, false, self::KEEP_RUNS );
		update_option( self::INDEX, array_values( $ids ), false );
		return $run;
	}

	/**
	 * Deletes the oldest runs of one kind (dry or real) beyond $keep; a run still running or undoing is never
	 * dropped, and nothing older than it either (it stops the clean-up until it ends).
	 *
	 * @param array<int, string> $ids Run ids, oldest first.
	 * @return array<int, string> The ids kept.
	 */
	private static function forget_oldest( array $ids, bool $dry, int $keep ): array {
		$runs = array();
		foreach ( $ids as $id ) {
			$run = self::get( (string) $id );
			if ( null === $run ) {
				$ids = array_values( array_diff( $ids, array( $id ) ) ); // Its option is gone: nothing to keep.
			} elseif ( (bool) ( $run['dry_run'] ?? false ) === $dry ) {
				$runs[ (string) $id ] = $run;
			}
		}
		$excess = count( $runs ) - $keep;
		foreach ( $runs as $id => $run ) {
			if ( $excess <= 0 || in_array( $run['state'] ?? '', array( 'running', 'undoing' ), true ) ) {
				break;
			}
			self::delete( $id );
			$ids = array_values( array_diff( $ids, array( $id ) ) );
			--$excess;
		}
		return $ids;
	}

	/** @return array<string, mixed>|null */
	public static function get( string $id ): ?array {
		if ( ! self::is_valid_id( $id ) ) {
			return null;
		}
		$run = get_option( self::PREFIX . $id, null );
		return is_array( $run ) ? $run : null;
	}

	/** @param array<string, mixed> $run The whole run. */
	public static function save( array $run ): void {
		$run['updated_at'] = time();
		update_option( self::PREFIX . $run['id'], $run, false );
	}

	/** @return array<int, array<string, mixed>> Every kept run, newest first. */
	public static function all(): array {
		$runs = array();
		foreach ( array_reverse( (array) get_option( self::INDEX, array() ) ) as $id ) {
			$run = self::get( (string) $id );
			if ( $run ) {
				$runs[] = $run;
			}
		}
		return $runs;
	}

	/**
	 * Saves the log of one page in a chunk of its own (nothing is read back, so memory stays that of one page),
	 * split in halves while it is larger than CHUNK_SIZE. Saved before the rows are written, so a crash between
	 * the two leaves a backup of a row that was not changed (harmless), never a changed row without backup.
	 *
	 * @param array<string, mixed> $run   The run (its `chunks` count is updated).
	 * @param array<string, mixed> $entry `{ rows: [...], items: [...], skipped: [...] }` of one page.
	 */
	public static function append_log( array &$run, array $entry ): void {
		if ( count( $entry['rows'] ) > 1 && strlen( serialize( $entry ) ) > self::CHUNK_SIZE ) { // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
			$half = intdiv( count( $entry['rows'] ), 2 );
			self::append_log( $run, array( 'rows' => array_slice( $entry['rows'], 0, $half ) ) + $entry );
			self::append_log( $run, array( 'rows' => array_slice( $entry['rows'], $half ), 'items' => array(), 'skipped' => array() ) );
			return;
		}
		$run['chunks'] = (int) ( $run['chunks'] ?? 0 ) + 1;
		self::save_log( $run['id'], $run['chunks'], array( $entry ) );
	}

	/** @return array<int, array<string, mixed>> The batch entries of one log chunk. */
	public static function log( string $id, int $number ): array {
		wp_cache_delete( self::PREFIX . $id . '_log_' . $number, 'options' );
		$chunk = get_option( self::PREFIX . $id . '_log_' . $number, array() );
		return is_array( $chunk ) ? $chunk : array();
	}

	/** @param array<int, array<string, mixed>> $chunk The chunk, e.g. with rows marked as restored. */
	public static function save_log( string $id, int $number, array $chunk ): void {
		update_option( self::PREFIX . $id . '_log_' . $number, $chunk, false );
		// WordPress keeps every option it wrote in the object cache for the rest of the request; a long run would
		// hold its whole backup in memory. Chunks are read back only through log(), which reloads them anyway.
		wp_cache_delete( self::PREFIX . $id . '_log_' . $number, 'options' );
	}

	public static function delete( string $id ): void {
		$run = self::get( $id );
		for ( $number = 1; $number <= (int) ( $run['chunks'] ?? 0 ); $number++ ) {
			delete_option( self::PREFIX . $id . '_log_' . $number );
		}
		delete_option( self::PREFIX . $id );
	}

	/**
	 * Takes the lock that lets one request at a time work on runs (a double click or two open tabs would otherwise
	 * process the same rows twice). INSERT IGNORE on the unique option name is atomic; add_option() is not.
	 * A lock older than two minutes belongs to a request that died and is taken over.
	 */
	public static function lock(): bool {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value < %d", self::LOCK, time() - 120 ) );
		$taken = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')", self::LOCK, (string) time() ) );
		return 1 === (int) $taken;
	}

	public static function unlock(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", self::LOCK ) );
		wp_cache_delete( self::LOCK, 'options' );
	}
}

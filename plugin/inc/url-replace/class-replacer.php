<?php
/**
 * The URL Replace engine. Reads rows a page at a time (Row_Source), maps their URLs (Url_Map, Value_Rewriter)
 * and, unless it is a dry run, writes each changed value back with its original saved first (Run_Store).
 *
 * Writes go straight to the row with `$wpdb->update()` and the value read as the condition: wp_update_post()
 * would create revisions, run content filters (kses) that alter more than URLs, and fire save hooks of every
 * plugin; a condition on the old value means an edit saved meanwhile is never overwritten (the row is reported
 * as `changed_meanwhile` and left alone). Caches of the touched posts are cleaned afterwards.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Replacer {

	/** Rows read per page: small enough to keep memory flat. */
	public const PAGE = 100;

	/**
	 * Rows (or bytes of values) whose URLs are looked up together. A lookup reads every attachment's
	 * `_wp_attached_file` row (file paths have no index in WordPress's schema), so its cost grows with the library,
	 * not with the URLs asked: 0.5 s at 100,000 attachments on MariaDB. One lookup per 500 rows instead of one or
	 * more per page of 100 made the benchmark's scan of 1,000 rows several times cheaper (bench/large-library.ts);
	 * 1,000 rows would halve the lookups again but held 16.7 MB at the peak of a 10,000-row scan against 9.4 MB.
	 */
	private const LOOKUP_ROWS  = 500;
	private const LOOKUP_BYTES = 2097152;

	private static function page_size(): int {
		/**
		 * Filters how many rows URL Replace reads per page (lower it for very large page-builder values).
		 *
		 * @param int $rows Rows per page.
		 */
		return max( 1, (int) apply_filters( 'wp_media_cloud_url_replace_page_size', self::PAGE ) );
	}

	/**
	 * Scans everything without writing: every URL that would change and every one that would not, with why.
	 *
	 * `rows_per_phase` makes it a sample: at most that many rows of posts and of postmeta (`complete` says whether
	 * anything was left unread).
	 *
	 * @param array{direction: string, from?: array<int, string>, post_types?: array<int, string>, limit?: int, rows_per_phase?: int} $args
	 * @return array{total: int, items: array<int, array<string, mixed>>, not_offloaded: array<int, array<string, mixed>>,
	 *               not_offloaded_total: int, rows_scanned: int, complete: bool}
	 */
	public static function scan( array $args ): array {
		$limit  = (int) ( $args['limit'] ?? 1000 );
		$result = array( 'total' => 0, 'items' => array(), 'not_offloaded' => array(), 'not_offloaded_total' => 0, 'rows_scanned' => 0, 'complete' => true );
		$map    = new Url_Map( $args['direction'], $args['from'] ?? array() );
		$source = new Row_Source( $map->needles(), $args['post_types'] ?? array() );
		$cursor = array( 'phase' => 'posts', 'after' => 0 );
		$sample = isset( $args['rows_per_phase'] ) ? array( 'rows_per_phase' => max( 1, (int) $args['rows_per_phase'] ), 'read' => array(), 'cut' => false ) : null;
		while ( 'done' !== $cursor['phase'] ) {
			$pages = self::read_pages( $source, $cursor, $sample );
			$map   = self::map_for( $pages, $args['direction'], $args['from'] ?? array() );
			foreach ( $pages as $page ) {
				$cursor = $page['cursor'];
				$batch  = self::process( $page['rows'], $map );
				$result['rows_scanned'] += count( $page['rows'] );
				$result['total']        += count( $batch['items'] );
				$result['not_offloaded_total'] += count( $batch['skipped'] );
				array_push( $result['items'], ...array_slice( $batch['items'], 0, max( 0, $limit - count( $result['items'] ) ) ) );
				array_push( $result['not_offloaded'], ...array_slice( $batch['skipped'], 0, max( 0, $limit - count( $result['not_offloaded'] ) ) ) );
			}
		}
		$result['complete'] = ! ( $sample['cut'] ?? false );
		return $result;
	}

	/**
	 * Runs pages of a run until the time budget is spent or the run is done.
	 *
	 * @param array<string, mixed> $run A run in state `running`.
	 * @return array<string, mixed> The run as saved.
	 */
	public static function step( array $run, float $seconds ): array {
		$started = microtime( true );
		$source  = new Row_Source( ( new Url_Map( $run['direction'], $run['from'] ) )->needles(), $run['post_types'] );
		// At least one page per call, however small the budget: every call makes progress.
		do {
			$pages = self::read_pages( $source, $run['cursor'] );
			$map   = self::map_for( $pages, $run['direction'], $run['from'] );
			foreach ( $pages as $page ) {
				// Each page is logged and saved as before: a run stopped between pages resumes after the last one.
				$batch = self::process( $page['rows'], $map );
				if ( $batch['rows'] || $batch['skipped'] ) {
					self::apply( $run, $batch );
				}
				$run['processed']     += count( $page['rows'] );
				$run['cursor']         = $page['cursor'];
				$run['urls']          += array_sum( array_column( $batch['items'], 'occurrences' ) );
				$run['not_offloaded'] += count( $batch['skipped'] );
				if ( 'done' === $run['cursor']['phase'] ) {
					$run['state']       = 'done';
					$run['finished_at'] = time();
					$run['total']       = max( (int) $run['total'], (int) $run['processed'] );
				}
				Run_Store::save( $run );
				if ( microtime( true ) - $started >= $seconds ) {
					break; // Out of time: the pages left are read again by the next call, after the saved cursor.
				}
			}
		} while ( 'running' === $run['state'] && microtime( true ) - $started < $seconds );
		return $run;
	}

	/**
	 * Pages after the cursor until LOOKUP_ROWS rows or LOOKUP_BYTES of values are read, or the end.
	 *
	 * @param array{phase: string, after: int}                                                    $cursor Where to start.
	 * @param array{rows_per_phase: int, read: array<string, int>, cut: bool}|null $sample Rows per phase, when a sample (updated).
	 * @return array<int, array{rows: array<int, array<string, mixed>>, cursor: array{phase: string, after: int}}>
	 */
	private static function read_pages( Row_Source $source, array $cursor, ?array &$sample = null ): array {
		$pages = array();
		$rows  = 0;
		$bytes = 0;
		do {
			$phase = $cursor['phase'];
			$want  = null === $sample ? self::page_size() : min( self::page_size(), $sample['rows_per_phase'] - ( $sample['read'][ $phase ] ?? 0 ) );
			$page  = $source->next( $cursor, $want );
			if ( null !== $sample ) {
				$sample['read'][ $phase ] = ( $sample['read'][ $phase ] ?? 0 ) + count( $page['rows'] );
				if ( $sample['read'][ $phase ] >= $sample['rows_per_phase'] && $phase === $page['cursor']['phase'] ) {
					// The sample of this phase is full: on to the next one, and say the scan is not complete.
					$page['cursor'] = array( 'phase' => 'posts' === $phase ? 'meta' : 'done', 'after' => 0 );
					$sample['cut']  = true;
				}
			}
			$pages[] = $page;
			$cursor  = $page['cursor'];
			$rows   += count( $page['rows'] );
			foreach ( $page['rows'] as $row ) {
				$bytes += array_sum( array_map( 'strlen', $row['values'] ) );
			}
		} while ( 'done' !== $cursor['phase'] && $rows < self::LOOKUP_ROWS && $bytes < self::LOOKUP_BYTES );
		return $pages;
	}

	/**
	 * A map with every attachment the pages' URLs may belong to already looked up (one lookup for all of them).
	 *
	 * @param array<int, array{rows: array<int, array<string, mixed>>}> $pages      From read_pages().
	 * @param array<int, string>                                        $from_bases Earlier cloud base URLs.
	 */
	private static function map_for( array $pages, string $direction, array $from_bases ): Url_Map {
		$map    = new Url_Map( $direction, $from_bases );
		$values = array();
		foreach ( $pages as $page ) {
			foreach ( $page['rows'] as $row ) {
				array_push( $values, ...array_values( $row['values'] ) );
			}
		}
		$map->prepare( $values );
		return $map;
	}

	/**
	 * Maps one page of rows (the map's lookups already made by map_for(): prepare() finds nothing new).
	 *
	 * @param array<int, array<string, mixed>> $rows Rows from Row_Source.
	 * @return array{rows: array<int, array<string, mixed>>, items: array<int, array<string, mixed>>, skipped: array<int, array<string, mixed>>}
	 *         `rows`: each changed column with its old and new raw value.
	 */
	private static function process( array $rows, Url_Map $map ): array {
		$map->prepare( array_merge( ...array_map( static fn ( array $row ) => array_values( $row['values'] ), $rows ?: array( array( 'values' => array() ) ) ) ) );
		$rewriter = new Value_Rewriter( $map );
		$out      = array( 'rows' => array(), 'items' => array(), 'skipped' => array() );
		foreach ( $rows as $row ) {
			foreach ( $row['values'] as $column => $old ) {
				$result = $rewriter->rewrite( $old );
				$field  = 'posts' === $row['table'] ? $column : $row['field'];
				$where  = array( 'post_id' => $row['post_id'], 'field' => $field ) + ( 'postmeta' === $row['table'] ? array( 'meta_id' => $row['id'] ) : array() );
				foreach ( $result['changes'] as $change ) {
					$out['items'][] = $where + $change;
				}
				foreach ( $result['skipped'] as $skip ) {
					$out['skipped'][] = $where + $skip;
				}
				if ( $result['value'] !== $old ) {
					$out['rows'][] = array( 'table' => $row['table'], 'id' => $row['id'], 'post_id' => $row['post_id'], 'column' => $column, 'old' => $old, 'new' => $result['value'] );
				}
			}
		}
		return $out;
	}

	/**
	 * Logs a page (backups first) and, unless dry, writes its rows.
	 *
	 * @param array<string, mixed>                 $run   The run, updated in place.
	 * @param array<string, array<int, mixed>>     $batch What process() found.
	 */
	private static function apply( array &$run, array $batch ): void {
		global $wpdb;
		$log_rows = array();
		foreach ( $batch['rows'] as $row ) {
			$log_rows[] = array(
				'table'   => $row['table'],
				'id'      => $row['id'],
				'post_id' => $row['post_id'],
				'column'  => $row['column'],
				'old'     => $run['dry_run'] ? null : $row['old'],
				'new_md5' => md5( $row['new'] ),
				'status'  => $run['dry_run'] ? 'dry_run' : 'written',
			);
		}
		Run_Store::append_log( $run, array( 'rows' => $log_rows, 'items' => $batch['items'], 'skipped' => $batch['skipped'] ) );
		$run['changed'] += count( $batch['rows'] );
		if ( $run['dry_run'] ) {
			return;
		}
		foreach ( $batch['rows'] as $row ) {
			$key = 'posts' === $row['table'] ? 'ID' : 'meta_id';
			// The old value in the condition: an edit saved since the page was read is never overwritten. Its
			// backup stays in the log; undo sees the row holds neither value and leaves it alone too.
			if ( 1 !== $wpdb->update( $wpdb->{$row['table']}, array( $row['column'] => $row['new'] ), array( $key => $row['id'], $row['column'] => $row['old'] ) ) ) {
				--$run['changed'];
				++$run['conflicts'];
			}
			self::clean_cache( $row['table'], $row['post_id'] );
		}
	}

	/**
	 * Undoes a run, newest change first, until the time budget is spent. A row is restored only while it still
	 * holds exactly what the run wrote; a row edited since is left alone and counted in `conflicts`.
	 *
	 * @param array<string, mixed> $run A run in state `undoing`.
	 * @return array<string, mixed> The run as saved.
	 */
	public static function undo_step( array $run, float $seconds ): array {
		global $wpdb;
		$started = microtime( true );
		$run['undo_chunk'] ??= (int) ( $run['chunks'] ?? 0 );
		while ( $run['undo_chunk'] > 0 && microtime( true ) - $started < $seconds ) {
			$chunk = Run_Store::log( $run['id'], $run['undo_chunk'] );
			foreach ( array_reverse( array_keys( $chunk ) ) as $e ) {
				foreach ( array_reverse( array_keys( $chunk[ $e ]['rows'] ) ) as $r ) {
					$row = $chunk[ $e ]['rows'][ $r ];
					if ( 'written' !== $row['status'] ) {
						continue;
					}
					$key     = 'posts' === $row['table'] ? 'ID' : 'meta_id';
					$current = $wpdb->get_var( $wpdb->prepare( "SELECT {$row['column']} FROM {$wpdb->{$row['table']}} WHERE {$key} = %d", $row['id'] ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- names from our own log.
					if ( null !== $current && md5( $current ) === $row['new_md5'] ) {
						$wpdb->update( $wpdb->{$row['table']}, array( $row['column'] => $row['old'] ), array( $key => $row['id'] ) );
						$chunk[ $e ]['rows'][ $r ]['status'] = 'restored';
						++$run['restored'];
					} elseif ( $current !== $row['old'] ) {
						$chunk[ $e ]['rows'][ $r ]['status'] = 'edited_since';
						++$run['undo_conflicts'];
					}
					self::clean_cache( $row['table'], (int) $row['post_id'] );
				}
			}
			Run_Store::save_log( $run['id'], $run['undo_chunk'], $chunk );
			--$run['undo_chunk'];
			Run_Store::save( $run );
		}
		if ( $run['undo_chunk'] <= 0 ) {
			$run['state']       = 'undone';
			$run['finished_at'] = time();
			Run_Store::save( $run );
		}
		return $run;
	}

	private static function clean_cache( string $table, int $post_id ): void {
		if ( 'posts' === $table ) {
			clean_post_cache( $post_id );
		} else {
			wp_cache_delete( $post_id, 'post_meta' );
		}
	}
}

<?php
/**
 * The Dashboard's counts without walking the library on each request.
 *
 * - Attachments (total, pending) are counted on every request by indexed COUNTs; offloaded ones by a number kept
 *   in its own option and moved by every record added or deleted (RECORDS_OPTION), recounted with the files.
 * - Files (total, offloaded) need every attachment's metadata and record, so they are counted once and kept in
 *   an option with the attachment counts they were made with. The bulk migration keeps them exact as it goes
 *   (record_offloaded(), one option write per results batch). Any other change to the attachment counts (an
 *   upload, a deletion, an offload from WP-CLI) makes them stale: a library of up to INLINE_LIMIT attachments is
 *   recounted at once; a larger one is recounted by a WP-Cron event, and until that ran `files.stale` is true and
 *   the numbers are those of `files.counted_at`. A change that keeps both attachment counts (new sizes of an
 *   already offloaded image) shows after the next recount, at most MAX_AGE later.
 *
 * Measured at 100,000 attachments on MariaDB (bench/large-library.ts): the old per-request walk took 4.7 s; the
 * three COUNTs take a few tens of ms; a full recount about 2 s, in the background.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Pending_Queue;

final class Library_Counts {

	public const OPTION       = 'wp_media_cloud_library_counts';
	public const REFRESH_HOOK = 'wp_media_cloud_recount_library';

	/** Libraries this small are recounted inline when stale: at 5,000 attachments a recount takes ~0.1 s. */
	private const INLINE_LIMIT = 5000;
	/** A recount older than this is redone even when the attachment counts still match. */
	private const MAX_AGE = DAY_IN_SECONDS;
	/** Attachment ids per query of a recount: a primary-key range, so each query reads at most this many rows. */
	private const SPAN  = 5000;
	private const CHUNK = 1000;

	/**
	 * The number of offload records, kept in its own option and moved by every record added or deleted: counting
	 * them reads each record's row (the meta_key index is a prefix index, so never index-only), 0.41 s of the
	 * Dashboard's request at 100,000 offloaded attachments. Changes are summed per request and written as one
	 * atomic `UPDATE … SET option_value = option_value + n`; a change made around them (direct SQL) is undone by
	 * the daily recount.
	 */
	public const RECORDS_OPTION = 'wp_media_cloud_record_count';

	/** Records added minus deleted in this request, not yet written. */
	private static int $record_delta = 0;

	public static function register(): void {
		add_action( self::REFRESH_HOOK, array( self::class, 'recount' ) );
		add_action( 'added_post_meta', array( self::class, 'record_added' ), 10, 3 );
		add_action( 'deleted_post_meta', array( self::class, 'records_deleted' ), 10, 3 );
		// Written before a REST answer leaves, not only at shutdown: the sidecar marks a migration done as soon
		// as WordPress answers its last results, and the Dashboard then reads the counts once. With the write
		// left to shutdown, that read won the race on a loaded machine and showed a count short by the last batch.
		add_filter( 'rest_post_dispatch', array( self::class, 'flush_before_answer' ) );
		add_action( 'shutdown', array( self::class, 'flush_record_delta' ) );
	}

	/**
	 * @param mixed $response The REST answer, passed through.
	 * @return mixed
	 */
	public static function flush_before_answer( $response ) {
		self::flush_record_delta();
		return $response;
	}

	public static function unregister(): void {
		remove_filter( 'rest_post_dispatch', array( self::class, 'flush_before_answer' ) );
		remove_action( self::REFRESH_HOOK, array( self::class, 'recount' ) );
		remove_action( 'added_post_meta', array( self::class, 'record_added' ) );
		remove_action( 'deleted_post_meta', array( self::class, 'records_deleted' ) );
		remove_action( 'shutdown', array( self::class, 'flush_record_delta' ) );
	}

	/** @param mixed $meta_id Meta id. */
	public static function record_added( $meta_id, int $object_id, string $meta_key ): void {
		if ( Offload_Record::META_KEY === $meta_key ) {
			++self::$record_delta;
		}
	}

	/** @param array<int, int> $meta_ids Meta ids deleted. */
	public static function records_deleted( $meta_ids, int $object_id, string $meta_key ): void {
		if ( Offload_Record::META_KEY === $meta_key ) {
			self::$record_delta -= count( (array) $meta_ids );
		}
	}

	/** Writes this request's record changes (also at shutdown): one query, atomic under concurrent requests. */
	public static function flush_record_delta(): void {
		global $wpdb;
		if ( 0 === self::$record_delta ) {
			return;
		}
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = option_value + %d WHERE option_name = %s", self::$record_delta, self::RECORDS_OPTION ) );
		self::$record_delta = 0;
		wp_cache_delete( self::RECORDS_OPTION, 'options' );
	}

	/** @return array{attachments: array<string, int>, files: array<string, mixed>} */
	public static function get(): array {
		$exact  = self::attachment_counts();
		$cached = get_option( self::OPTION );
		$fresh  = is_array( $cached ) && $cached['total'] === $exact['total'] && $cached['offloaded'] === $exact['offloaded'] && $cached['counted_at'] > time() - self::MAX_AGE;
		/**
		 * Filters up to how many attachments stale file counts are recounted during the Dashboard's request.
		 *
		 * @param int $limit Attachments.
		 */
		$inline = (int) apply_filters( 'wp_media_cloud_counts_inline_limit', self::INLINE_LIMIT );
		if ( ! $fresh && ( ! is_array( $cached ) || $exact['total'] <= $inline ) ) {
			// Never counted (a new site, or the first visit after an update): once, inline.
			$cached = self::recount();
			$fresh  = true;
		} elseif ( ! $fresh && ! wp_next_scheduled( self::REFRESH_HOOK ) ) {
			wp_schedule_single_event( time(), self::REFRESH_HOOK );
		}
		return array(
			'attachments' => array(
				'total'         => $exact['total'],
				'offloaded'     => $exact['offloaded'],
				'pending'       => Pending_Queue::count(),
				'not_offloaded' => max( 0, $exact['total'] - $exact['offloaded'] ),
			),
			'files'       => array(
				'total'      => $cached['files_offloaded'] + $cached['files_local'],
				'offloaded'  => $cached['files_offloaded'],
				'stale'      => ! $fresh,
				'counted_at' => gmdate( 'c', (int) $cached['counted_at'] ),
			),
		);
	}

	/**
	 * The migration recorded these attachments, none of which had a record before: moves their files from the
	 * local count to the offloaded one, as a recount would. Lost updates (two batches at once) only make the
	 * attachment counts disagree, which makes the next Dashboard visit recount.
	 *
	 * @param array<int, array{local: int, offloaded: int}> $attachments Per attachment: its local files by its
	 *                                                                   metadata, and the files now in its record.
	 */
	public static function record_offloaded( array $attachments ): void {
		$cached = get_option( self::OPTION );
		if ( ! is_array( $cached ) || ! $attachments ) {
			return;
		}
		foreach ( $attachments as $files ) {
			++$cached['offloaded'];
			// Never below zero: an attachment's metadata may list more files than the last count found.
			$cached['files_local']      = max( 0, $cached['files_local'] - $files['local'] );
			$cached['files_offloaded'] += $files['offloaded'];
		}
		update_option( self::OPTION, $cached, false );
	}

	/**
	 * @param bool $exact Count the records in SQL (a recount) rather than read the kept number.
	 * @return array{total: int, offloaded: int}
	 */
	private static function attachment_counts( bool $exact = false ): array {
		global $wpdb;
		self::flush_record_delta();
		$kept = $exact ? false : get_option( self::RECORDS_OPTION );
		if ( ! is_numeric( $kept ) ) {
			$kept = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key = %s", Offload_Record::META_KEY ) );
			update_option( self::RECORDS_OPTION, $kept, false );
		}
		return array(
			// An index-only count (type_status_date): 43 ms at 100,000 attachments.
			'total'     => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" ),
			'offloaded' => (int) $kept,
		);
	}

	/** How many files an attachment has by its metadata: the file, each size, the original beside a -scaled one. */
	public static function local_files( string $serialized_metadata ): int {
		return 1 + ( preg_match( '/s:5:"sizes";a:(\d+):/', $serialized_metadata, $m ) ? (int) $m[1] : 0 ) + ( str_contains( $serialized_metadata, 's:14:"original_image"' ) ? 1 : 0 );
	}

	/**
	 * Counts every file, reading the serialized values without unserializing them, and keeps the result.
	 *
	 * @return array{total: int, offloaded: int, files_offloaded: int, files_local: int, counted_at: int}
	 */
	public static function recount(): array {
		global $wpdb;
		$counts = self::attachment_counts( true ) + array( 'files_offloaded' => 0, 'files_local' => 0, 'counted_at' => time() );
		$last   = 0;
		do {
			// The meta_key index holds (meta_key, meta_id): each chunk is one index range.
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT meta_id, meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s AND meta_id > %d ORDER BY meta_id LIMIT %d", Offload_Record::META_KEY, $last, self::CHUNK ) );
			foreach ( $rows as $row ) {
				$last                       = (int) $row->meta_id;
				$counts['files_offloaded'] += preg_match( '/s:4:"keys";a:(\d+):/', $row->meta_value, $m ) ? (int) $m[1] : 0;
			}
		} while ( count( $rows ) === self::CHUNK );

		$max = Library::max_id();
		for ( $after = 0; $after < $max; $after += self::SPAN ) {
			// A bounded id range rather than ORDER BY … LIMIT: MariaDB ran the latter on type_status_date with a
			// filesort of every remaining attachment per chunk (quadratic; 4.7 s at 100,000).
			$values = $wpdb->get_col(
				$wpdb->prepare(
					"SELECT m.meta_value FROM {$wpdb->posts} p
					LEFT JOIN {$wpdb->postmeta} r ON r.post_id = p.ID AND r.meta_key = %s
					LEFT JOIN {$wpdb->postmeta} m ON m.post_id = p.ID AND m.meta_key = '_wp_attachment_metadata'
					WHERE p.ID > %d AND p.ID <= %d AND p.post_type = 'attachment' AND r.meta_id IS NULL",
					Offload_Record::META_KEY,
					$after,
					$after + self::SPAN
				)
			);
			foreach ( $values as $value ) {
				$counts['files_local'] += self::local_files( (string) $value );
			}
		}
		update_option( self::OPTION, $counts, false );
		return $counts;
	}
}

<?php
/**
 * Reads the media library for the bulk migration and the Dashboard: pages of attachments by id cursor (so a
 * library of any size costs the same memory), and counts computed in SQL chunks rather than one object per row.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Attachment_Lock;
use WP_Media_Cloud\Object_Keys;
use WP_Media_Cloud\Upload_Paths;
use WP_Media_Cloud\Offload_Record;

final class Library {

	/** An attachment this young without metadata is probably still being uploaded: the upload hook offloads it. */
	private const UPLOAD_GRACE_SECONDS = 120;
	/** Attachment ids per query when paging: a primary-key range of this many rows at most. */
	private const SPAN                 = 2000;
	/** How long a migration holds an attachment it handed to the sidecar: a page of 500 takes seconds to minutes. */
	private const ITEM_LOCK_SECONDS = 900;

	/** The highest attachment id now: attachments uploaded after a migration starts belong to the upload hook. */
	public static function max_id(): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->posts} WHERE post_type = 'attachment'" );
	}

	/**
	 * Attachments the migration should offload: no record, not waiting in the pending queue (which offloads
	 * those itself), id in (after, max_id].
	 *
	 * @return array<int, int>
	 */
	public static function not_offloaded_ids( int $after, int $max_id, int $limit ): array {
		global $wpdb;
		$ids = array();
		// Bounded primary-key windows, not `ORDER BY ID LIMIT` over all later ids: with the latter MariaDB chose
		// type_status_date and sorted every remaining attachment for each page (EXPLAIN: "Using filesort"; the
		// migration's pages became quadratic at 100,000 attachments). Even with an id range in the query MariaDB
		// kept the covering type index (18,849 rows read for a page of 10 of 6,000 attachments), so a window is
		// read by the primary key alone and filtered here: at most SPAN rows per query, whatever the plan. The
		// first window fits the page (twice its size); a window with too few free attachments widens the next.
		$span = min( self::SPAN, max( 100, 2 * $limit ) );
		while ( count( $ids ) < $limit && $after < $max_id ) {
			$until = min( $max_id, $after + $span );
			$span  = min( self::SPAN, 2 * $span );
			// phpcs:disable WordPress.DB.DirectDatabaseQuery -- two indexed range queries per window.
			// No post_type condition in SQL: it alone makes MariaDB prefer the type index over the id range.
			$rows   = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_type FROM {$wpdb->posts} WHERE ID > %d AND ID <= %d ORDER BY ID", $after, $until ) );
			$window = array();
			foreach ( $rows as $row ) {
				if ( 'attachment' === $row->post_type ) {
					$window[] = (int) $row->ID;
				}
			}
			if ( $window ) {
				// The window's id range, not an IN () of its ids: a list of 200+ values is planned from table
				// statistics, which after a bulk import can say "scan postmeta" (see Post_Cache).
				$busy = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT post_id FROM {$wpdb->postmeta} WHERE post_id > %d AND post_id <= %d AND meta_key IN (%s, %s)", $after, $until, Offload_Record::META_KEY, Offload_Record::PENDING_META ) ) );
				$free = array_values( array_diff( $window, $busy ) );
				array_push( $ids, ...array_slice( $free, 0, $limit - count( $ids ) ) );
			}
			// phpcs:enable
			// A full page may end inside the window: the caller goes on after its last id, not after the window.
			$after = $until;
		}
		return $ids;
	}

	public static function count_not_offloaded( int $max_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(*) FROM {$wpdb->posts} p
				LEFT JOIN {$wpdb->postmeta} r ON r.post_id = p.ID AND r.meta_key = %s
				LEFT JOIN {$wpdb->postmeta} q ON q.post_id = p.ID AND q.meta_key = %s
				WHERE p.post_type = 'attachment' AND p.ID <= %d AND r.meta_id IS NULL AND q.meta_id IS NULL",
				Offload_Record::META_KEY,
				Offload_Record::PENDING_META,
				$max_id
			)
		);
	}

	/**
	 * Offloaded attachments after the cursor (optionally only some), for download back.
	 *
	 * @param array<int, int>|null $only Restrict to these ids.
	 * @return array<int, int>
	 */
	public static function offloaded_ids( int $after, int $limit, ?array $only = null ): array {
		global $wpdb;
		$filter = $only ? ' AND p.ID IN (' . implode( ',', array_map( 'intval', $only ) ) . ')' : '';
		$ids    = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT p.ID FROM {$wpdb->posts} p JOIN {$wpdb->postmeta} r ON r.post_id = p.ID AND r.meta_key = %s
				WHERE p.post_type = 'attachment' AND p.ID > %d{$filter} ORDER BY p.ID LIMIT %d", // phpcs:ignore WordPress.DB.PreparedSQL -- $filter holds only intval'd ids.
				Offload_Record::META_KEY,
				$after,
				$limit
			)
		);
		return array_map( 'intval', $ids );
	}

	/**
	 * What the sidecar needs to upload one attachment, or why there is nothing to upload. The attachment is
	 * locked until its result comes back (Attachment_Lock, released in Sidecar_Callbacks::migration_results) so
	 * `wp media-cloud offload` or a pending retry cannot upload it a second time meanwhile.
	 *
	 * @return array<string, mixed>
	 */
	public static function upload_item( int $attachment_id ): array {
		$files = Attachment_Files::of( $attachment_id );
		if ( ! $files ) {
			return self::skip( $attachment_id, __( 'The attachment has no file inside the uploads folder.', 'wp-media-cloud' ) );
		}
		$post = get_post( $attachment_id );
		if ( ! wp_get_attachment_metadata( $attachment_id, true ) && $post && strtotime( $post->post_date_gmt . ' UTC' ) > time() - self::UPLOAD_GRACE_SECONDS ) {
			return self::skip( $attachment_id, __( 'Still being uploaded: the upload itself offloads it.', 'wp-media-cloud' ) );
		}
		if ( ! Attachment_Lock::acquire( $attachment_id, self::ITEM_LOCK_SECONDS, Attachment_Lock::MIGRATION ) ) {
			return self::skip( $attachment_id, __( 'Being offloaded by another process (upload, WP-CLI or a pending retry).', 'wp-media-cloud' ) );
		}
		$key_prefix = Object_Keys::prefix( $attachment_id );
		return array(
			'attachment_id' => $attachment_id,
			'key_prefix'    => $key_prefix,
			'files'         => Upload_Paths::files_for_sidecar( $files, $key_prefix ),
		);
	}

	/** @return array{attachment_id: int, skip: string} */
	private static function skip( int $attachment_id, string $reason ): array {
		return array(
			'attachment_id' => $attachment_id,
			'skip'          => $reason,
		);
	}

	/**
	 * Counts for the Dashboard: exact attachment counts, file counts kept by Library_Counts.
	 *
	 * @return array{attachments: array<string, int>, files: array<string, mixed>}
	 */
	public static function counts(): array {
		return Library_Counts::get();
	}
}

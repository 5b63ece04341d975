<?php
/**
 * Maps file paths under uploads (as found in URLs) to the attachments they belong to, a batch at a time:
 * indexed lookups by file (Attached_File_Index) and by post id for the offload records, instead of an
 * attachment_url_to_postid() query per URL (a full postmeta scan each, that also only knows main files).
 *
 * A URL names a size (`photo-300x200.jpg`), the `-scaled` main file or the original beside it, or an edited
 * file (`photo-e1700000000000-300x200.jpg`); the candidates below undo each of those suffixes. A found file is
 * only called offloaded when its object key is in the attachment's record, so a URL is never pointed at an
 * object that is not in the bucket (e.g. an original kept only locally after an edit).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Offload_Record;

final class Attachment_Index {

	/**
	 * Paths per unindexed lookup. Each reads every `_wp_attached_file` row however few paths it asks for, so
	 * fewer, longer lists cost less; the values are inlined by prepare(), not bound, so no bound-value limit applies.
	 */
	private const CHUNK = 5000;

	/** @var array<string, int> Attached file path => attachment ID, for every candidate looked up. */
	private array $by_file = array();

	/** @var array<string, true> Candidates already looked up (found or not). */
	private array $looked_up = array();

	/** @var array<int, array<string, mixed>|null> Attachment ID => offload record (null: not offloaded). */
	private array $records = array();

	/**
	 * @param bool $confirm_misses Look paths the index knows nothing of up without it too: for callers to whom a
	 *                             missed attachment matters (a cloud URL left in place after leaving the bucket
	 *                             would break), at the old cost, for those paths only.
	 */
	public function __construct( private bool $confirm_misses = false ) {}

	/**
	 * Looks up every attachment any of these paths may belong to.
	 *
	 * @param array<int, string> $paths Paths under uploads, e.g. `2024/01/photo-300x200.jpg`.
	 */
	public function load( array $paths ): void {
		global $wpdb;
		$wanted = array();
		foreach ( $paths as $path ) {
			foreach ( self::candidates( $path ) as $candidate ) {
				if ( ! isset( $this->looked_up[ $candidate ] ) ) {
					$wanted[ $candidate ]            = true;
					$this->looked_up[ $candidate ] = true;
				}
			}
		}
		if ( ! $wanted ) {
			return;
		}
		$found = Attached_File_Index::find( array_keys( $wanted ) );
		if ( null === $found ) {
			$found = self::scan_attached_files( array_keys( $wanted ) );
		} elseif ( $this->confirm_misses ) {
			$found += self::scan_attached_files( $this->missed_candidates( $paths, $found + $this->by_file ) );
		}
		$new_ids = array();
		foreach ( $found as $file => $id ) {
			$this->by_file[ (string) $file ] = $id;
			if ( ! array_key_exists( $id, $this->records ) ) {
				$new_ids[] = $id;
			}
		}
		$this->load_records( array_unique( $new_ids ) );
	}

	/**
	 * Candidates of the paths none of whose candidates were found.
	 *
	 * @param array<int, string> $paths Paths looked up.
	 * @param array<string, int> $found Attached file => attachment ID.
	 * @return array<int, string>
	 */
	private function missed_candidates( array $paths, array $found ): array {
		$missed = array();
		foreach ( $paths as $path ) {
			$candidates = self::candidates( $path );
			if ( ! array_intersect_key( array_flip( $candidates ), $found ) ) {
				array_push( $missed, ...$candidates );
			}
		}
		return array_values( array_unique( $missed ) );
	}

	/**
	 * Looks paths up on `_wp_attached_file` itself: every attachment's row is read however few paths are asked
	 * (no index on the value), so it is kept for when the index cannot answer.
	 *
	 * @param array<int, string> $paths Attached-file candidates.
	 * @return array<string, int> Attached file => attachment ID.
	 */
	private static function scan_attached_files( array $paths ): array {
		global $wpdb;
		$found = array();
		foreach ( array_chunk( $paths, self::CHUNK ) as $chunk ) {
			$in   = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
			$rows = $wpdb->get_results(
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- $in holds only placeholders.
				$wpdb->prepare( "SELECT post_id, meta_value FROM {$wpdb->postmeta} WHERE meta_key = '_wp_attached_file' AND meta_value IN ($in)", $chunk )
			);
			foreach ( $rows as $row ) {
				$found[ (string) $row->meta_value ] = (int) $row->post_id;
			}
		}
		return $found;
	}

	/**
	 * What a path under uploads belongs to.
	 *
	 * @param string $key_prefix_required When set (cloud → local), the object key must be exactly this prefix plus
	 *                                    the path; null (local → cloud) accepts any key prefix.
	 * @return array{status: string, attachment_id: int, record: array<string, mixed>|null}
	 *         status: `offloaded`, `file_not_in_bucket`, `not_offloaded` or `no_attachment`.
	 */
	public function resolve( string $path, ?string $key_prefix_required = null ): array {
		$path   = Url_Pattern::file_path( $path );
		$result = array(
			'status'        => 'no_attachment',
			'attachment_id' => 0,
			'record'        => null,
		);
		foreach ( self::candidates( $path ) as $candidate ) {
			if ( ! isset( $this->by_file[ $candidate ] ) ) {
				continue;
			}
			$id     = $this->by_file[ $candidate ];
			$record = $this->records[ $id ] ?? null;
			if ( null === $record ) {
				$result = 'no_attachment' === $result['status'] ? array( 'status' => 'not_offloaded', 'attachment_id' => $id, 'record' => null ) : $result;
				continue;
			}
			$prefix_ok = null === $key_prefix_required || $key_prefix_required === $record['key_prefix'];
			if ( $prefix_ok && in_array( $record['key_prefix'] . $path, (array) ( $record['keys'] ?? array() ), true ) ) {
				return array( 'status' => 'offloaded', 'attachment_id' => $id, 'record' => $record );
			}
			$result = array( 'status' => 'file_not_in_bucket', 'attachment_id' => $id, 'record' => $record );
		}
		return $result;
	}

	/**
	 * Attached-file names a URL's file may come from, most specific first.
	 *
	 * @return array<int, string>
	 */
	public static function candidates( string $path ): array {
		$path = Url_Pattern::file_path( $path );
		$dot  = strrpos( $path, '.' );
		if ( false === $dot ) {
			return array( $path );
		}
		$name  = substr( $path, 0, $dot );
		$ext   = substr( $path, $dot );
		$names = array( $name );
		// A generated size: `-300x200`. Its main file may be the plain name or the `-scaled` one.
		$unsized = (string) preg_replace( '/-\d+x\d+$/', '', $name );
		$names[] = $unsized;
		foreach ( array( $name, $unsized ) as $base ) {
			$unedited = (string) preg_replace( '/-e\d{13}$/', '', $base ); // After "Restore original image".
			$unscaled = (string) preg_replace( '/-scaled$/', '', $base );  // The original beside a scaled one.
			array_push( $names, $unedited, $unscaled, $base . '-scaled', $unedited . '-scaled' );
		}
		$list = array();
		foreach ( array_unique( $names ) as $candidate ) {
			$list[] = $candidate . $ext;
		}
		return $list;
	}

	/** @param array<int, int> $ids Attachment IDs whose offload record is not loaded yet. */
	private function load_records( array $ids ): void {
		global $wpdb;
		foreach ( $ids as $id ) {
			$this->records[ $id ] = null;
		}
		// Short id lists, planned from the post_id index whatever the table statistics say (see Post_Cache).
		foreach ( array_chunk( $ids, \WP_Media_Cloud\Post_Cache::CHUNK ) as $chunk ) {
			$in   = implode( ',', array_map( 'intval', $chunk ) );
			$rows = $wpdb->get_results(
				// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- $in holds only integers.
				$wpdb->prepare( "SELECT post_id, meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id IN ($in)", Offload_Record::META_KEY )
			);
			foreach ( $rows as $row ) {
				$record = maybe_unserialize( $row->meta_value );
				if ( is_array( $record ) && isset( $record['bucket'], $record['key_prefix'] ) ) {
					$this->records[ (int) $row->post_id ] = $record;
				}
			}
		}
	}
}

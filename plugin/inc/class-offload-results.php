<?php
/**
 * The one place offload results become attachment records, for the upload hook, the re-offload of changed
 * files and the bulk migration alike. Records are saved in one database transaction per batch; local copies are
 * removed only after that commit and only for objects the sidecar confirmed (HEAD, same size).
 *
 * A result that lost a race (another offload recorded the attachment under another prefix first) is not
 * recorded; the objects it uploaded and no record names are deleted again, so a race leaves no orphans.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Offload_Results {

	/**
	 * Records a batch of results; answers with the attachment ids done with (recorded, or with nothing left to
	 * record), so the sidecar re-sends only the others.
	 *
	 * @param array<int, array<string, mixed>> $results Each: attachment_id, key_prefix, objects (path, key, size,
	 *                                                  verified); optionally `keep` (path => key of objects of
	 *                                                  the current record that stay listed) from Offloader;
	 *                                                  `moved` for a move to the current storage.
	 * @return array<int, int>
	 */
	public static function apply( array $results ): array {
		global $wpdb;
		$ids = array_map( static fn ( $result ) => (int) ( $result['attachment_id'] ?? 0 ), $results );
		Post_Cache::prime( $ids, true ); // A few queries for the whole batch instead of two per attachment.

		$acknowledged = array();
		$recorded     = array();
		$orphans      = array();
		$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		foreach ( $results as $result ) {
			$id = (int) ( $result['attachment_id'] ?? 0 );
			try {
				$outcome = self::record( $id, $result );
				if ( $outcome['recorded'] ) {
					$recorded[ $id ] = $outcome['objects'];
				}
				if ( $outcome['orphans'] ) {
					$orphans[] = $outcome['orphans'];
				}
				$acknowledged[] = $id;
			} catch ( \Throwable $error ) {
				error_log( sprintf( '[wp-media-cloud] recording the offload of attachment %d failed: %s', $id, $error->getMessage() ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
			}
		}
		if ( false === $wpdb->query( 'COMMIT' ) ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery
			array_map( static fn ( int $id ) => wp_cache_delete( $id, 'post_meta' ), $ids ); // Cached records that were never saved.
			return array();
		}

		foreach ( $orphans as $orphan ) {
			Deletion_Mirror::delete_unshared( $orphan['record'], $orphan['keys'], $orphan['owner'] );
		}
		// Saving emptied each attachment's meta cache; the hook below reads the new records: load them together.
		Post_Cache::prime( array_keys( $recorded ) );
		foreach ( $recorded as $id => $objects ) {
			if ( Settings::get( 'remove_local' ) ) {
				Local_Files::remove_confirmed( $objects );
			}
			/**
			 * Fires after an attachment's files are in the bucket and its record is saved.
			 *
			 * @param int                  $attachment_id Attachment ID.
			 * @param array<string, mixed> $record        The offload record.
			 */
			do_action( 'wp_media_cloud_offloaded', $id, Offload_Record::get( $id ) );
		}
		return $acknowledged;
	}

	/**
	 * Saves one attachment's record: the objects just uploaded plus those of the current record that stay
	 * listed (`keep`). The local copies count as removed when the setting is on and every object was confirmed.
	 *
	 * @param array<string, mixed> $result One result.
	 * @return array{recorded: bool, objects: array<int, array<string, mixed>>, orphans: array<string, mixed>|null} The objects with
	 *               WordPress's paths; orphans: objects to delete after the commit.
	 */
	private static function record( int $attachment_id, array $result ): array {
		$key_prefix = (string) ( $result['key_prefix'] ?? '' );
		$objects    = array_map(
			static fn ( $object ) => array( 'path' => Upload_Paths::from_sidecar( (string) ( $object['path'] ?? '' ) ) ) + (array) $object,
			(array) ( $result['objects'] ?? array() )
		);
		$uploaded   = array_column( $objects, 'key', 'path' );
		$existing   = Offload_Record::get( $attachment_id );
		if ( 'attachment' !== get_post_type( $attachment_id ) ) {
			// Deleted meanwhile: its objects are nobody's (mirror deletion already ran on the old record).
			return array( 'recorded' => false, 'objects' => $objects, 'orphans' => self::orphans( null, array_values( $uploaded ), $attachment_id ) );
		}
		// A move to the current storage replaces the record and leaves the old storage's objects alone.
		$moved = ! empty( $result['moved'] );
		$keep  = isset( $result['keep'] ) ? (array) $result['keep'] : ( $moved ? array() : null );
		if ( null === $keep && null !== $existing ) {
			if ( $existing['key_prefix'] !== $key_prefix ) {
				// Another offload recorded the attachment first (the migration lost a race): keep that record.
				return array( 'recorded' => false, 'objects' => $objects, 'orphans' => self::orphans( $existing, array_diff( $uploaded, $existing['keys'] ), $attachment_id ) );
			}
			$keep = Offload_Record::files( $existing ); // The same keys uploaded again (a re-sent result): merge.
		}

		$files         = array_merge( (array) $keep, $uploaded );
		$all_confirmed = array() !== $objects && ! in_array( false, array_map( static fn ( $object ) => ! empty( $object['verified'] ), $objects ), true );
		$local_removed = Settings::get( 'remove_local' ) && ( $all_confirmed || ( array() === $objects && ! empty( $existing['local_removed'] ) ) );
		Offload_Record::save( $attachment_id, $key_prefix, array_values( $files ), $local_removed );

		// Objects of the previous record no longer listed: an older version's prefix, sizes WordPress dropped.
		$stale = null === $existing || $moved ? array() : array_diff( $existing['keys'], array_values( $files ) );
		return array( 'recorded' => true, 'objects' => $objects, 'orphans' => self::orphans( $existing, $stale, $attachment_id ) );
	}

	/**
	 * @param array<string, mixed>|null $record Whose storage the keys are in (null: the current storage).
	 * @param array<int|string, string> $keys   Object keys.
	 * @return array<string, mixed>|null
	 */
	private static function orphans( ?array $record, array $keys, int $owner ): ?array {
		if ( ! $keys || ! Settings::get( 'mirror_delete' ) ) {
			return null;
		}
		return array(
			'record' => $record ?? Storage_Location::current(),
			'keys'   => array_values( $keys ),
			'owner'  => $owner,
		);
	}
}

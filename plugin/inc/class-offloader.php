<?php
/**
 * Offloads one attachment: asks the sidecar to upload every file in parallel, records where they went, and
 * removes local copies only when enabled and only for objects the sidecar confirmed in the bucket.
 * The bulk migration records its results through the same apply_result().
 * Any failure leaves the files local and marks the attachment pending with the reason.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Offloader {

	/**
	 * @param array<string, mixed>|null $metadata Metadata not saved yet (the upload hook), or null to read it.
	 * @return array<string, mixed>|\WP_Error The saved offload record.
	 */
	public static function offload( int $attachment_id, ?array $metadata = null ) {
		$files = Attachment_Files::of( $attachment_id, $metadata );
		if ( ! $files ) {
			return new \WP_Error( 'wp_media_cloud_no_files', __( 'The attachment has no file inside the uploads folder to offload.', 'wp-media-cloud' ), array( 'status' => 422 ) );
		}

		$key_prefix   = Settings::object_prefix() . ( Settings::get( 'versioning' ) ? gmdate( 'YmdHis' ) . '/' : '' );
		$remove_local = (bool) Settings::get( 'remove_local' );
		$answer       = Sidecar_Client::request(
			'POST',
			'/v1/offloads',
			array(
				'storage'       => Settings::storage(),
				'cache_control' => (string) Settings::get( 'cache_control' ),
				'verify'        => $remove_local,
				'files'         => array_map(
					static fn ( array $file ) => $file + array( 'key' => $key_prefix . $file['path'] ),
					$files
				),
			)
		);
		if ( is_wp_error( $answer ) ) {
			Offload_Record::mark_pending( $attachment_id, $answer );
			Pending_Queue::schedule_retry();
			return $answer;
		}

		return self::apply_result( $attachment_id, $key_prefix, (array) ( $answer['objects'] ?? array() ) );
	}

	/**
	 * The one place an offload result becomes an attachment's record, for the upload hook and the bulk migration
	 * alike. Idempotent, so a result the sidecar sends again after a crash changes nothing.
	 *
	 * @param array<int, array<string, mixed>> $objects The sidecar's per-file answer (path, key, size, verified).
	 * @return array<string, mixed>|null The saved record, or null when the attachment no longer exists.
	 */
	public static function apply_result( int $attachment_id, string $key_prefix, array $objects ): ?array {
		self::apply_results(
			array(
				array(
					'attachment_id' => $attachment_id,
					'key_prefix'    => $key_prefix,
					'objects'       => $objects,
				),
			)
		);
		return 'attachment' === get_post_type( $attachment_id ) ? Offload_Record::get( $attachment_id ) : null;
	}

	/**
	 * Records a batch of results in one database transaction (one commit instead of one per attachment; the
	 * migration sends them by the hundred), then, only once the records are committed, removes the local copies
	 * of objects the sidecar confirmed (when the setting is on). A result that cannot be recorded is left out of
	 * the answer, so the sidecar keeps it and sends it again.
	 *
	 * @param array<int, array<string, mixed>> $results Each: attachment_id, key_prefix, objects.
	 * @return array<int, int> The attachment ids recorded (or with nothing left to record).
	 */
	public static function apply_results( array $results ): array {
		global $wpdb;
		$ids = array_map( static fn ( $result ) => (int) ( $result['attachment_id'] ?? 0 ), $results );
		_prime_post_caches( $ids, false, true ); // Two queries for the whole batch instead of two per attachment.

		$acknowledged = array();
		$recorded     = array();
		$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		foreach ( $results as $result ) {
			$id      = (int) ( $result['attachment_id'] ?? 0 );
			$objects = (array) ( $result['objects'] ?? array() );
			try {
				if ( self::record( $id, (string) ( $result['key_prefix'] ?? '' ), $objects ) ) {
					$recorded[ $id ] = $objects;
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

		foreach ( $recorded as $id => $objects ) {
			if ( Settings::get( 'remove_local' ) ) {
				self::remove_confirmed_local_files( $objects );
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
	 * Saves one attachment's record. The local copies count as removed when the setting is on and every object
	 * was confirmed (HEAD, same size); they are deleted after the commit.
	 *
	 * @param array<int, array<string, mixed>> $objects The sidecar's per-file answer.
	 * @return bool Whether a record was saved (false: the attachment is gone, or the upload hook won a race).
	 */
	private static function record( int $attachment_id, string $key_prefix, array $objects ): bool {
		if ( 'attachment' !== get_post_type( $attachment_id ) ) {
			return false; // Deleted meanwhile: nothing to record (mirror deletion handles the objects).
		}
		$existing = Offload_Record::get( $attachment_id );
		if ( null !== $existing && $existing['key_prefix'] !== $key_prefix ) {
			return false; // Already offloaded under another prefix (the upload hook won a race): keep that record.
		}
		$all_confirmed = array() !== $objects && ! in_array( false, array_map( static fn ( $object ) => ! empty( $object['verified'] ), $objects ), true );
		$local_removed = ( Settings::get( 'remove_local' ) && $all_confirmed ) || ! empty( $existing['local_removed'] );
		Offload_Record::save( $attachment_id, $key_prefix, array_column( $objects, 'key' ), $local_removed );
		return true;
	}

	/** Deletes the local files whose object the sidecar confirmed (HEAD after upload, same size). */
	private static function remove_confirmed_local_files( array $objects ): void {
		$basedir = wp_get_upload_dir()['basedir'];
		foreach ( $objects as $object ) {
			if ( ! empty( $object['verified'] ) ) {
				wp_delete_file_from_directory( $basedir . '/' . $object['path'], $basedir );
			}
		}
	}
}

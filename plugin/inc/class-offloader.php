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
	 * alike: removes local files (when the setting is on) only for objects the sidecar confirmed, then saves the
	 * record. Idempotent, so a result the sidecar sends again after a crash changes nothing.
	 *
	 * @param array<int, array<string, mixed>> $objects The sidecar's per-file answer (path, key, size, verified).
	 * @return array<string, mixed>|null The saved record, or null when the attachment no longer exists.
	 */
	public static function apply_result( int $attachment_id, string $key_prefix, array $objects ): ?array {
		if ( 'attachment' !== get_post_type( $attachment_id ) ) {
			return null; // Deleted meanwhile: nothing to record (mirror deletion handles the objects).
		}
		$existing = Offload_Record::get( $attachment_id );
		if ( null !== $existing && $existing['key_prefix'] !== $key_prefix ) {
			return $existing; // Already offloaded under another prefix (the upload hook won a race): keep that record.
		}
		$local_removed = Settings::get( 'remove_local' ) && self::remove_confirmed_local_files( $objects );
		Offload_Record::save( $attachment_id, $key_prefix, array_column( $objects, 'key' ), $local_removed || ! empty( $existing['local_removed'] ) );

		/**
		 * Fires after an attachment's files are in the bucket and its record is saved.
		 *
		 * @param int                  $attachment_id Attachment ID.
		 * @param array<string, mixed> $record        The offload record.
		 */
		do_action( 'wp_media_cloud_offloaded', $attachment_id, Offload_Record::get( $attachment_id ) );
		return Offload_Record::get( $attachment_id );
	}

	/**
	 * Deletes local files whose object the sidecar confirmed (HEAD after upload, same size).
	 *
	 * @param array<int, array<string, mixed>> $objects The sidecar's per-file answer.
	 * @return bool Whether every local file is gone.
	 */
	private static function remove_confirmed_local_files( array $objects ): bool {
		$basedir = wp_get_upload_dir()['basedir'];
		$all     = true;
		foreach ( $objects as $object ) {
			if ( empty( $object['verified'] ) ) {
				$all = false;
				continue;
			}
			wp_delete_file_from_directory( $basedir . '/' . $object['path'], $basedir );
		}
		return $all;
	}
}

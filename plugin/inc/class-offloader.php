<?php
/**
 * Offloads one attachment: asks the sidecar to upload its files in parallel and records where they went
 * (Offload_Results). One offload per attachment at a time (Attachment_Lock). Any failure leaves the files local
 * and marks the attachment pending with the reason; the pending queue retries it.
 *
 * Two ways to offload an attachment that already has a record:
 * - new files only (an edit in the image editor, WordPress 7's sideloaded sizes, a plugin adding a size): the
 *   files the record does not list are uploaded under the record's prefix; nothing else changes;
 * - everything again (`wp media regenerate`, the first offload, `--force`, or a record in another storage): every
 *   file under a new prefix when versioning is on, files missing locally first fetched back from the bucket, and
 *   objects the new record no longer names deleted when mirror deletion is on.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Offloader {

	public const NEW_FILES  = 'new-files';
	public const EVERYTHING = 'everything';

	/**
	 * @param array<string, mixed>|null $metadata Metadata not saved yet (the upload hook), or null to read it.
	 * @param string                    $scope    self::NEW_FILES or self::EVERYTHING (always for a first offload).
	 * @return array<string, mixed>|\WP_Error The saved offload record.
	 */
	public static function offload( int $attachment_id, ?array $metadata = null, string $scope = self::EVERYTHING ) {
		$result = Attachment_Lock::with( $attachment_id, static fn () => self::offload_locked( $attachment_id, $metadata, $scope ) );
		if ( is_wp_error( $result ) && 'wp_media_cloud_no_files' !== $result->get_error_code() ) {
			Offload_Record::mark_pending( $attachment_id, $result, $scope );
			Pending_Queue::schedule_retry();
		}
		return $result;
	}

	/**
	 * @param array<string, mixed>|null $metadata Metadata not saved yet, or null.
	 * @return array<string, mixed>|\WP_Error
	 */
	private static function offload_locked( int $attachment_id, ?array $metadata, string $scope ) {
		$files = Attachment_Files::of( $attachment_id, $metadata );
		if ( ! $files ) {
			return new \WP_Error( 'wp_media_cloud_no_files', __( 'The attachment has no file inside the uploads folder to offload.', 'wp-media-cloud' ), array( 'status' => 422 ) );
		}
		$record = Offload_Record::get( $attachment_id );
		if ( null === $record || ! Storage_Location::is_current( $record ) ) {
			$scope = self::EVERYTHING;
		}

		$keep = array();
		if ( self::NEW_FILES === $scope ) {
			$listed = Offload_Record::files( $record );
			$keep   = $listed;
			$files  = array_values( array_filter( $files, static fn ( array $file ) => ! isset( $listed[ $file['path'] ] ) ) );
			if ( ! $files ) {
				return $record; // Nothing new.
			}
			$key_prefix = (string) $record['key_prefix'];
		} else {
			$key_prefix = Object_Keys::prefix( $attachment_id, $record );
			if ( null !== $record ) {
				// Every file goes up again: fetch back those whose local copy was removed.
				$restored = Local_Files::restore( $record, array_column( $files, 'path' ) );
				if ( is_wp_error( $restored ) ) {
					return $restored;
				}
			}
		}

		$answer = Sidecar_Client::request(
			'POST',
			'/v1/offloads',
			array(
				'storage'       => Settings::storage(),
				'cache_control' => (string) Settings::get( 'cache_control' ),
				'verify'        => (bool) Settings::get( 'remove_local' ),
				'files'         => Upload_Paths::files_for_sidecar( $files, $key_prefix ),
			)
		);
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		Offload_Results::apply(
			array(
				array(
					'attachment_id' => $attachment_id,
					'key_prefix'    => $key_prefix,
					'objects'       => (array) ( $answer['objects'] ?? array() ),
					'keep'          => $keep,
				),
			)
		);
		$saved = Offload_Record::get( $attachment_id );
		return null === $saved ? new \WP_Error( 'wp_media_cloud_not_recorded', __( 'The files were uploaded but the attachment could not be recorded.', 'wp-media-cloud' ) ) : $saved;
	}

	/**
	 * An offload someone asked for (WP-CLI, the Media Library's row action): the files the record does not list
	 * yet, or with $force every file again.
	 *
	 * @return string|\WP_Error 'offloaded', or 'unchanged' when the record already lists every file.
	 */
	public static function offload_on_request( int $attachment_id, bool $force ) {
		$record = Offload_Record::get( $attachment_id );
		if ( null !== $record && ! $force && Storage_Location::is_current( $record ) && ! array_diff( Attachment_Files::paths( $attachment_id ), array_keys( Offload_Record::files( $record ) ) ) ) {
			return 'unchanged';
		}
		$result = self::offload( $attachment_id, null, null === $record || $force ? self::EVERYTHING : self::NEW_FILES );
		return is_wp_error( $result ) ? $result : 'offloaded';
	}
}

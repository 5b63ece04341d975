<?php
/**
 * Mirror deletion: when the setting is on, deleting an attachment in WordPress deletes its objects from the
 * storage its record names, except objects another record still names. If the sidecar cannot be reached, the
 * keys are queued and deleted later.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Deletion_Mirror {

	public function register(): void {
		add_action( 'delete_attachment', array( $this, 'delete_objects' ) );
	}

	public function unregister(): void {
		remove_action( 'delete_attachment', array( $this, 'delete_objects' ) );
	}

	/** @param int $attachment_id Attachment being deleted (its meta is still readable here). */
	public function delete_objects( $attachment_id ): void {
		$record = Offload_Record::get( (int) $attachment_id );
		if ( null !== $record && ! empty( $record['keys'] ) ) {
			self::delete_unshared( $record, (array) $record['keys'], (int) $attachment_id );
		}
	}

	/**
	 * Deletes objects of one attachment that no other record names (when mirror deletion is on): those of a
	 * deleted attachment, of an older version, of sizes WordPress no longer lists, or uploaded by a lost race.
	 *
	 * @param array<string, mixed> $location Where the objects are (a record, or Storage_Location::current()).
	 * @param array<int, string>   $keys     Object keys.
	 * @param int                  $owner    The attachment the keys belonged to (its own record does not count).
	 */
	public static function delete_unshared( array $location, array $keys, int $owner ): void {
		if ( ! Settings::get( 'mirror_delete' ) || ! Sidecar_Client::is_configured() ) {
			return;
		}
		$keys = array_values( array_diff( $keys, Shared_Keys::named_by_others( $location, $keys, $owner ) ) );
		if ( ! $keys ) {
			return;
		}
		$storage = Storage_Location::storage_for( $location );
		$answer  = Sidecar_Client::request( 'POST', '/v1/deletions', array( 'storage' => $storage, 'keys' => $keys ) );
		if ( is_wp_error( $answer ) ) {
			Pending_Queue::queue_deletion( $location, $keys );
		}
	}
}

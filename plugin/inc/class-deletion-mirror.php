<?php
/**
 * Mirror deletion: when the setting is on, deleting an attachment in WordPress deletes its objects from the
 * bucket. If the sidecar cannot be reached, the keys are queued and deleted later.
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
		if ( null === $record || ! Settings::get( 'mirror_delete' ) || empty( $record['keys'] ) || ! Sidecar_Client::is_configured() ) {
			return;
		}
		$storage = array( 'bucket' => $record['bucket'] ) + Settings::storage();
		$answer  = Sidecar_Client::request( 'POST', '/v1/deletions', array( 'storage' => $storage, 'keys' => $record['keys'] ) );
		if ( is_wp_error( $answer ) ) {
			Pending_Queue::queue_deletion( $storage, $record['keys'] );
		}
	}
}

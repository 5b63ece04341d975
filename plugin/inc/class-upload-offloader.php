<?php
/**
 * Offloads new uploads once WordPress has made every size: the `wp_generate_attachment_metadata` filter runs
 * once per upload, after sub-sizes exist, whereas `wp_update_attachment_metadata` runs many times.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Upload_Offloader {

	/** Late, so image optimisers hooked on the same filter have already rewritten the files. */
	private const PRIORITY = 1000;

	public function register(): void {
		add_filter( 'wp_generate_attachment_metadata', array( $this, 'offload_new_upload' ), self::PRIORITY, 3 );
	}

	public function unregister(): void {
		remove_filter( 'wp_generate_attachment_metadata', array( $this, 'offload_new_upload' ), self::PRIORITY );
	}

	/**
	 * @param array<string, mixed> $metadata      Attachment metadata, not yet saved.
	 * @param int                  $attachment_id Attachment ID.
	 * @param string               $context       'create' for a new upload, 'update' when sizes are regenerated.
	 * @return array<string, mixed> The metadata, unchanged.
	 */
	public function offload_new_upload( $metadata, $attachment_id, $context = 'create' ) {
		if ( 'create' === $context && Settings::is_configured() && is_array( $metadata ) ) {
			// A failure is recorded as pending and retried; the upload itself always succeeds.
			Offloader::offload( (int) $attachment_id, $metadata );
		}
		return $metadata;
	}
}

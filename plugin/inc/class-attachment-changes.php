<?php
/**
 * Offloads every change WordPress makes to an attachment's files, and fetches files back when WordPress needs
 * them on disk.
 *
 * - `wp_generate_attachment_metadata` runs once sizes exist: on upload (context `create`), on `wp media
 *   regenerate` (also `create`) and when WordPress completes sizes (context `update`: WordPress 7's finalize
 *   after the browser sideloaded each size, or the retry of failed sizes). Priority 1000, after image
 *   optimisers. A first offload, or a regenerate (same names, new bytes), uploads everything; `update` only
 *   what the record does not list yet.
 * - `wp_update_attachment_metadata` runs on every metadata save, also while sizes are still being made; files
 *   it lists that the record does not (an image editor save, a sideloaded size, a plugin's new size) are
 *   offloaded once at the end of the request.
 * - The image editor and regeneration read files through `load_image_to_edit_path` and
 *   `wp_get_original_image_path`: a file whose local copy was removed is fetched back first (Local_Files).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Attachment_Changes {

	/** Late, so image optimisers hooked on the same filter have already rewritten the files. */
	private const PRIORITY = 1000;

	/** @var array<int, true> Attachments with files the record does not list yet, offloaded at shutdown. */
	private array $changed = array();

	public function register(): void {
		add_filter( 'wp_generate_attachment_metadata', array( $this, 'metadata_generated' ), self::PRIORITY, 3 );
		add_filter( 'wp_update_attachment_metadata', array( $this, 'metadata_updated' ), self::PRIORITY, 2 );
		add_filter( 'load_image_to_edit_path', array( $this, 'file_to_edit' ), 10, 3 );
		add_filter( 'wp_get_original_image_path', array( $this, 'original_file' ), 10, 2 );
	}

	public function unregister(): void {
		remove_filter( 'wp_generate_attachment_metadata', array( $this, 'metadata_generated' ), self::PRIORITY );
		remove_filter( 'wp_update_attachment_metadata', array( $this, 'metadata_updated' ), self::PRIORITY );
		remove_filter( 'load_image_to_edit_path', array( $this, 'file_to_edit' ), 10 );
		remove_filter( 'wp_get_original_image_path', array( $this, 'original_file' ), 10 );
		remove_action( 'shutdown', array( $this, 'offload_changed' ) );
	}

	/**
	 * @param array<string, mixed> $metadata      Attachment metadata, not yet saved.
	 * @param int                  $attachment_id Attachment ID.
	 * @param string               $context       'create' (upload, regenerate) or 'update' (sizes completed).
	 * @return array<string, mixed> The metadata, unchanged.
	 */
	public function metadata_generated( $metadata, $attachment_id, $context = 'create' ) {
		if ( Settings::is_configured() && is_array( $metadata ) ) {
			$id    = (int) $attachment_id;
			$scope = 'update' === $context ? Offloader::NEW_FILES : Offloader::EVERYTHING;
			unset( $this->changed[ $id ] );
			// A failure is recorded as pending and retried; the upload itself always succeeds.
			Offloader::offload( $id, $metadata, $scope );
		}
		return $metadata;
	}

	/**
	 * @param array<string, mixed> $metadata      Metadata about to be saved.
	 * @param int                  $attachment_id Attachment ID.
	 * @return array<string, mixed> The metadata, unchanged.
	 */
	public function metadata_updated( $metadata, $attachment_id ) {
		$id = (int) $attachment_id;
		if ( ! is_array( $metadata ) || isset( $this->changed[ $id ] ) || ! Settings::is_configured() ) {
			return $metadata;
		}
		$record = Offload_Record::get( $id );
		if ( null === $record ) {
			return $metadata; // Not offloaded (yet): the upload hook or the migration takes care of it.
		}
		$listed = Offload_Record::files( $record );
		foreach ( Attachment_Files::paths( $id, $metadata ) as $path ) {
			if ( ! isset( $listed[ $path ] ) ) {
				if ( ! $this->changed ) {
					add_action( 'shutdown', array( $this, 'offload_changed' ) );
				}
				$this->changed[ $id ] = true;
				break;
			}
		}
		return $metadata;
	}

	/** Offloads the new files of attachments changed in this request, once their metadata is saved. */
	public function offload_changed(): void {
		foreach ( array_keys( $this->changed ) as $id ) {
			Offloader::offload( $id, null, Offloader::NEW_FILES );
		}
		$this->changed = array();
	}

	/**
	 * The image editor's source file. When the local copy is gone WordPress would hand the editor the (cloud)
	 * URL; fetch the file back and hand it the local path instead.
	 *
	 * @param string|false $filepath      Path or URL WordPress picked.
	 * @param int          $attachment_id Attachment ID.
	 * @param string|int[] $size          Requested size.
	 * @return string|false
	 */
	public function file_to_edit( $filepath, $attachment_id, $size = 'full' ) {
		$local = get_attached_file( (int) $attachment_id );
		if ( ! $local || ( is_string( $filepath ) && '' !== $filepath && file_exists( $filepath ) ) ) {
			return $filepath;
		}
		if ( 'full' !== $size ) {
			$data = image_get_intermediate_size( (int) $attachment_id, $size );
			if ( $data && ! empty( $data['file'] ) ) {
				$local = path_join( dirname( $local ), $data['file'] );
			}
		}
		Local_Files::ensure( $local, (int) $attachment_id );
		return file_exists( $local ) ? $local : $filepath;
	}

	/**
	 * @param string|false $original_image Path of the original image (regeneration reads it).
	 * @param int          $attachment_id  Attachment ID.
	 * @return string|false
	 */
	public function original_file( $original_image, $attachment_id ) {
		return Local_Files::ensure( $original_image, (int) $attachment_id );
	}
}

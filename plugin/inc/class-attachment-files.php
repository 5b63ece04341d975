<?php
/**
 * Lists every file that belongs to an attachment, relative to the uploads folder: the attached file,
 * each generated size, the `original_image` kept beside a `-scaled` one, and a PDF's preview images.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Attachment_Files {

	/**
	 * @param int                       $attachment_id Attachment post ID.
	 * @param array<string, mixed>|null $metadata      Metadata to read (defaults to the saved metadata); the upload
	 *                                                 hook passes the metadata before WordPress saved it.
	 * @return array<int, array{path: string, content_type: string}> Unique files, the attached file first.
	 */
	public static function of( int $attachment_id, ?array $metadata = null ): array {
		$attached = (string) get_post_meta( $attachment_id, '_wp_attached_file', true );
		if ( '' === $attached || str_starts_with( $attached, '/' ) || preg_match( '#^[a-z]+://#i', $attached ) ) {
			// Absolute paths (files outside uploads) and URLs are not ours to offload.
			return array();
		}
		$metadata ??= wp_get_attachment_metadata( $attachment_id, true );
		$metadata   = is_array( $metadata ) ? $metadata : array();
		$directory  = dirname( $attached );
		$directory  = '.' === $directory ? '' : $directory . '/';

		$files = array( $attached => get_post_mime_type( $attachment_id ) );
		if ( ! empty( $metadata['original_image'] ) ) {
			$files[ $directory . $metadata['original_image'] ] = '';
		}
		foreach ( (array) ( $metadata['sizes'] ?? array() ) as $size ) {
			if ( ! empty( $size['file'] ) ) {
				$files[ $directory . $size['file'] ] = (string) ( $size['mime-type'] ?? '' );
			}
		}

		$list = array();
		foreach ( $files as $path => $content_type ) {
			$list[] = array(
				'path'         => $path,
				'content_type' => $content_type ? $content_type : (string) ( wp_check_filetype( $path )['type'] ?? '' ),
			);
		}
		return $list;
	}
}

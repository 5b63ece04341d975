<?php
/**
 * Lists every file that belongs to an attachment, relative to the uploads folder: the attached file, each
 * generated size, the `original_image` kept beside a `-scaled` one, a PDF's preview images, WordPress 7.1's
 * browser-made companions, and the files the image editor keeps so "Restore original image" works
 * (`_wp_attachment_backup_sizes`).
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
		$paths = self::paths( $attachment_id, $metadata );
		$list  = array();
		foreach ( $paths as $path ) {
			$list[] = array(
				'path'         => $path,
				'content_type' => self::content_type( $path ),
			);
		}
		return $list;
	}

	/**
	 * @param array<string, mixed>|null $metadata Metadata to read (defaults to the saved metadata).
	 * @return array<int, string> Unique paths relative to uploads, the attached file first.
	 */
	public static function paths( int $attachment_id, ?array $metadata = null ): array {
		$attached = (string) get_post_meta( $attachment_id, '_wp_attached_file', true );
		if ( '' === $attached || str_starts_with( $attached, '/' ) || preg_match( '#^[a-z]+://#i', $attached ) ) {
			// Absolute paths (files outside uploads) and URLs are not ours to offload.
			return array();
		}
		$metadata ??= wp_get_attachment_metadata( $attachment_id, true );
		$metadata   = is_array( $metadata ) ? $metadata : array();
		$directory  = dirname( $attached );
		$directory  = '.' === $directory ? '' : $directory . '/';

		$names = array();
		// The untouched upload beside a -scaled/-rotated file; since WordPress 7.1 also the source-format original
		// (a HEIC beside its JPEG) and an animated GIF's video and poster made in the browser.
		foreach ( array( 'original_image', 'source_image', 'animated_video', 'animated_video_poster' ) as $field ) {
			if ( ! empty( $metadata[ $field ] ) && is_string( $metadata[ $field ] ) ) {
				$names[] = $metadata[ $field ];
			}
		}
		foreach ( (array) ( $metadata['sizes'] ?? array() ) as $size ) {
			$names[] = (string) ( $size['file'] ?? '' );
		}
		// The image editor keeps the files an edit replaced, for "Restore original image".
		$backups = get_post_meta( $attachment_id, '_wp_attachment_backup_sizes', true );
		foreach ( is_array( $backups ) ? $backups : array() as $backup ) {
			$names[] = (string) ( $backup['file'] ?? '' );
		}

		$paths = array( $attached => true );
		foreach ( $names as $name ) {
			if ( '' !== $name && ! str_contains( $name, '/' ) ) {
				$paths[ $directory . $name ] = true;
			}
		}
		return array_keys( $paths );
	}

	/**
	 * The Content-Type by the file's extension, never the attachment's MIME type: a size WordPress wrote as WebP
	 * for a JPEG upload is WebP. The sidecar reads the first bytes of each file it uploads and prefers what they
	 * say (sidecar/src/jobs/content-type.ts), so a file whose extension lies is still stored with its real type.
	 */
	private static function content_type( string $path ): string {
		return (string) ( wp_check_filetype( $path )['type'] ?? '' );
	}
}

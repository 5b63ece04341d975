<?php
/**
 * Paths of a network's subsites. WordPress stores a subsite's files under `uploads/sites/<id>/` and its paths
 * relative to that folder (`2026/11/a.jpg`); the sidecar reads and writes relative to the network's uploads
 * folder (WPMC_UPLOADS_DIR), and keys must not collide between sites. So every path sent to the sidecar, and
 * every key prefix, carries the site's segment; on a single site, and the main site, it is empty.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Upload_Paths {

	/** `sites/<id>/` on a subsite whose uploads folder follows WordPress's layout, else ''. */
	public static function site_segment(): string {
		if ( ! is_multisite() || is_main_site() ) {
			return '';
		}
		$segment = 'sites/' . get_current_blog_id() . '/';
		return str_ends_with( trailingslashit( wp_get_upload_dir()['basedir'] ), '/' . $segment ) ? $segment : '';
	}

	/** A path WordPress stores (relative to the site's uploads folder) as the sidecar reads it. */
	public static function for_sidecar( string $path ): string {
		return self::site_segment() . $path;
	}

	/**
	 * An attachment's files as the sidecar uploads them: each path in the sidecar's form, each key the prefix plus
	 * WordPress's path (the upload hook, the migration and the move send the same list).
	 *
	 * @param array<int, array{path: string, content_type: string}> $files      Attachment_Files::of().
	 * @param string                                                $key_prefix The key prefix of this offload.
	 * @return array<int, array{path: string, key: string, content_type: string}>
	 */
	public static function files_for_sidecar( array $files, string $key_prefix ): array {
		return array_map(
			static fn ( array $file ) => array(
				'path' => self::for_sidecar( $file['path'] ),
				'key'  => $key_prefix . $file['path'],
			) + $file,
			$files
		);
	}

	/** A path the sidecar answered with, back to WordPress's form. */
	public static function from_sidecar( string $path ): string {
		$segment = self::site_segment();
		return '' !== $segment && str_starts_with( $path, $segment ) ? substr( $path, strlen( $segment ) ) : $path;
	}
}

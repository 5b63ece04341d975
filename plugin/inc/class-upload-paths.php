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

	/** A path the sidecar answered with, back to WordPress's form. */
	public static function from_sidecar( string $path ): string {
		$segment = self::site_segment();
		return '' !== $segment && str_starts_with( $path, $segment ) ? substr( $path, strlen( $segment ) ) : $path;
	}
}

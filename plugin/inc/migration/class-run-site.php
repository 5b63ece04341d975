<?php
/**
 * Which site of a network a background run (migration, download back, move) belongs to. Every call to the
 * sidecar's run routes names the current site: the start sends its blog id and where the sidecar calls it back,
 * progress reads and pause/resume/cancel add `?site=<blog id>`. So `wp --url=…/site2/ media-cloud migrate`
 * pages site 2's attachments, and pausing site 2 never pauses site 1. On a single site this is site 1 with the
 * sidecar's own WPMC_WORDPRESS_URL, as before.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

final class Run_Site {

	/** A run route of the current site: `/v1/migrations/current?site=2`. */
	public static function path( string $path ): string {
		return $path . ( str_contains( $path, '?' ) ? '&' : '?' ) . 'site=' . get_current_blog_id();
	}

	/**
	 * What a start sends as `site`: the blog id, the site's home URL and the main site's. The sidecar calls the
	 * site through WPMC_WORDPRESS_URL naming it in the Host header when that is an address of its own (an
	 * internal one: no DNS needed for a subdomain or mapped domain), else on its own URL (sidecar/src/routes/run-site.ts).
	 *
	 * @return array{id: int, url: string, network_url: string}
	 */
	public static function identity(): array {
		$site = array(
			'id'          => get_current_blog_id(),
			'url'         => untrailingslashit( home_url() ),
			'network_url' => untrailingslashit( is_multisite() ? get_home_url( get_main_site_id() ) : home_url() ),
		);
		/**
		 * Filters where the sidecar calls this site back during a run, e.g. an internal address of a subdomain site.
		 *
		 * @param array{id: int, url: string, network_url: string} $site The site's blog id, home URL and the main site's.
		 */
		return apply_filters( 'wp_media_cloud_run_site', $site );
	}
}

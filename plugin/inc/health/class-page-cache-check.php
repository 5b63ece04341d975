<?php
/**
 * "Is a page cache serving stale HTML?": pages cached before the migration keep the old local image URLs.
 * Detected by the page cache drop-in and the APIs of the common cache plugins.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Page_Cache_Check {

	/** @return array<int, string> Names of the page caches active on this site. */
	public static function detect(): array {
		$found = array();
		if ( file_exists( WP_CONTENT_DIR . '/advanced-cache.php' ) ) {
			$found[] = __( 'a page cache drop-in (wp-content/advanced-cache.php)', 'wp-media-cloud' );
		}
		$known = array(
			'WP Rocket'            => defined( 'WP_ROCKET_VERSION' ) || function_exists( 'rocket_clean_domain' ),
			'W3 Total Cache'       => function_exists( 'w3tc_flush_all' ),
			'WP Super Cache'       => function_exists( 'wp_cache_clear_cache' ),
			'LiteSpeed Cache'      => defined( 'LSCWP_V' ),
			'WP Fastest Cache'     => class_exists( 'WpFastestCache' ),
			'SiteGround Optimizer' => function_exists( 'sg_cachepress_purge_cache' ),
			'Cache Enabler'        => class_exists( 'Cache_Enabler' ),
			'Comet Cache'          => class_exists( 'comet_cache' ),
			'Breeze'               => has_action( 'breeze_clear_all_cache' ),
			'Hummingbird'          => has_action( 'wphb_clear_page_cache' ),
		);
		foreach ( $known as $name => $active ) {
			if ( $active ) {
				$found[] = $name;
			}
		}
		return $found;
	}

	/** @return array<string, mixed> */
	public static function run(): array {
		$label  = __( 'Page cache', 'wp-media-cloud' );
		$caches = self::detect();
		if ( ! $caches ) {
			return Result::good( 'page_cache', $label, __( 'No page cache plugin was found that could serve pages with old image URLs.', 'wp-media-cloud' ) );
		}
		return Result::problem(
			'page_cache',
			$label,
			'page_cache',
			/* translators: %s: list of caches. */
			sprintf( __( 'Page caching is active (%s): pages cached before the media was offloaded still contain the old local image URLs.', 'wp-media-cloud' ), implode( ', ', $caches ) ),
			__( 'Purge the page cache after configuring Media Cloud and after each migration (Media Cloud › Tools › Purge caches, or the cache plugin’s own button); also purge any full-page CDN cache.', 'wp-media-cloud' ),
			'recommended',
			array( 'caches' => $caches )
		);
	}
}

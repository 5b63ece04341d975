<?php
/**
 * Purges cached pages after anything that changes image URLs (settings, a migration, a URL replace), because a
 * cached page keeps serving the old URLs (images-not-loading, Check 6). Flushes the object cache, and calls each
 * common page-cache plugin's own "clear everything" API when that plugin is active, and says which were purged.
 *
 * Each plugin is detected by the function, class or hook its API lives in, so nothing is called that is not
 * there. A CDN's full-page cache is outside WordPress: the Tools page tells the user to purge it there.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Cache_Purger {

	public const LAST_PURGE_OPTION = 'wp_media_cloud_last_cache_purge';

	/** Actions after which pages are purged once, at the end of the request. */
	private const TRIGGERS = array(
		'update_option_' . Settings::OPTION,
		'add_option_' . Settings::OPTION,
		'wp_media_cloud_migration_done',
	);

	private bool $scheduled = false;

	public function register(): void {
		foreach ( self::TRIGGERS as $hook ) {
			add_action( $hook, array( $this, 'schedule' ) );
		}
	}

	public function unregister(): void {
		foreach ( self::TRIGGERS as $hook ) {
			remove_action( $hook, array( $this, 'schedule' ) );
		}
		remove_action( 'shutdown', array( $this, 'purge_on_shutdown' ) );
		$this->scheduled = false;
	}

	/** Saving settings can fire several hooks in one request: purge once, after everything is saved. */
	public function schedule(): void {
		if ( ! $this->scheduled ) {
			$this->scheduled = true;
			add_action( 'shutdown', array( $this, 'purge_on_shutdown' ) );
		}
	}

	public function purge_on_shutdown(): void {
		self::purge();
	}

	/**
	 * Purges every cache found.
	 *
	 * @return array{purged: array<int, string>, failed: array<int, array{cache: string, message: string}>}
	 */
	public static function purge(): array {
		$result = array( 'purged' => array(), 'failed' => array() );
		foreach ( self::purgers() as $label => $purge ) {
			try {
				if ( false !== $purge() ) {
					$result['purged'][] = $label;
				}
			} catch ( \Throwable $error ) {
				// One broken cache plugin must not keep the others from being purged.
				$result['failed'][] = array( 'cache' => $label, 'message' => $error->getMessage() );
			}
		}
		update_option( self::LAST_PURGE_OPTION, $result + array( 'at' => time() ), false );
		return $result;
	}

	/**
	 * The purge of each cache that is active here, by the name users know it by. A purge returns false when it
	 * turns out not to apply.
	 *
	 * @return array<string, callable(): mixed>
	 */
	private static function purgers(): array {
		$purgers = array( 'object cache' => static fn () => wp_cache_flush() );
		$known   = array(
			'WP Rocket'           => array( 'function_exists', 'rocket_clean_domain', static fn () => rocket_clean_domain() ),
			'W3 Total Cache'      => array( 'function_exists', 'w3tc_flush_all', static fn () => w3tc_flush_all() ),
			'WP Super Cache'      => array( 'function_exists', 'wp_cache_clear_cache', static fn () => wp_cache_clear_cache() ),
			'LiteSpeed Cache'     => array( 'defined', 'LSCWP_V', static fn () => do_action( 'litespeed_purge_all' ) ),
			'WP Fastest Cache'    => array( 'function_exists', 'wpfc_clear_all_cache', static fn () => wpfc_clear_all_cache( true ) ),
			'SiteGround Optimizer' => array( 'function_exists', 'sg_cachepress_purge_cache', static fn () => sg_cachepress_purge_cache() ),
			'Cache Enabler'       => array( 'class_exists', 'Cache_Enabler', static fn () => \Cache_Enabler::clear_complete_cache() ),
			'Comet Cache'         => array( 'class_exists', 'comet_cache', static fn () => \comet_cache::clear() ),
			'Autoptimize'         => array( 'class_exists', 'autoptimizeCache', static fn () => \autoptimizeCache::clearall() ),
			'Breeze'              => array( 'has_action', 'breeze_clear_all_cache', static fn () => do_action( 'breeze_clear_all_cache' ) ),
			'Nginx Helper'        => array( 'has_action', 'rt_nginx_helper_purge_all', static fn () => do_action( 'rt_nginx_helper_purge_all' ) ),
			'Hummingbird'         => array( 'has_action', 'wphb_clear_page_cache', static fn () => do_action( 'wphb_clear_page_cache' ) ),
		);
		foreach ( $known as $label => [ $check, $name, $purge ] ) {
			if ( $check( $name ) ) {
				$purgers[ $label ] = $purge;
			}
		}
		/**
		 * Filters the caches purged after URL changes, e.g. to add a host's or CDN's purge.
		 *
		 * @param array<string, callable> $purgers Label => purge callback (return false when it did not apply).
		 */
		return (array) apply_filters( 'wp_media_cloud_cache_purgers', $purgers );
	}
}

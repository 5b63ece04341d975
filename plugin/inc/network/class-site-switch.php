<?php
/**
 * Per-request caches that hold one site's values (where new offloads go, the public base URLs) are emptied when
 * code switches to another site of the network: a heartbeat draining every site's pending uploads, a network-wide
 * migration, or any plugin rendering another site's posts would otherwise record or rewrite with the first
 * site's bucket and CDN host. (Settings keeps one cache per site itself.)
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

use WP_Media_Cloud\Public_Url;
use WP_Media_Cloud\Storage_Location;

final class Site_Switch {

	public function register(): void {
		add_action( 'switch_blog', array( self::class, 'forget_site_caches' ) );
	}

	public function unregister(): void {
		remove_action( 'switch_blog', array( self::class, 'forget_site_caches' ) );
	}

	public static function forget_site_caches(): void {
		Public_Url::flush_cache();
		Storage_Location::flush_cache();
	}
}

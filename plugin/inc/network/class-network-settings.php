<?php
/**
 * Storage settings for a whole network, set once in Network Admin › Media Cloud and stored as site options
 * (network-wide), for a plugin that is network-activated. The network administrator chooses whether sites may
 * override them (off by default):
 * - off: every site uses the network's settings, and its own Settings screen shows them read-only;
 * - on: a site that saved settings of its own uses those, the others the network's.
 * Until the network has saved settings, and wherever the plugin is activated per site, each site keeps its own.
 * `WP_MEDIA_CLOUD_<KEY>` constants win over both, as on a single site.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

use WP_Media_Cloud\Settings;

final class Network_Settings {

	public const OPTION          = 'wp_media_cloud_network_settings';
	public const OVERRIDE_OPTION = 'wp_media_cloud_network_override';

	/**
	 * Whether the network has settings (a bucket at least: a half-filled form must not take every site's own
	 * settings away) and the plugin runs network-wide.
	 */
	public static function applies(): bool {
		return Network_Migration::is_network_active() && '' !== (string) ( self::stored()['bucket'] ?? '' );
	}

	/** @return array<string, mixed> The network's stored settings ('' keys absent), or an empty array. */
	public static function stored(): array {
		$stored = get_site_option( self::OPTION, array() );
		return is_array( $stored ) ? array_intersect_key( $stored, Settings::DEFAULTS ) : array();
	}

	public static function sites_may_override(): bool {
		return (bool) get_site_option( self::OVERRIDE_OPTION, false );
	}

	/**
	 * The stored settings the current site runs with: the network's, or its own (see the class comment).
	 *
	 * @param mixed $own The site's own option.
	 * @return array<string, mixed>
	 */
	public static function effective( $own ): array {
		$own = is_array( $own ) ? $own : array();
		if ( is_network_admin() || ! self::applies() ) {
			return $own; // The Network Admin page reads the network's settings through stored().
		}
		return self::sites_may_override() && array() !== $own ? $own : self::stored();
	}

	/** Whether the current site's settings are the network's and may not be changed here (Settings::locked()). */
	public static function locks_site(): bool {
		return ! is_network_admin() && self::applies() && ! self::sites_may_override();
	}

	/**
	 * Saves a change of the network's settings, field by field as the site Settings screen does.
	 *
	 * @param array<string, mixed> $patch Submitted values; an empty secret keeps the stored one.
	 * @return array<string, string> Error message per refused field.
	 */
	public static function save( array $patch, bool $sites_may_override ): array {
		$result = \WP_Media_Cloud\Settings_Validator::apply( $patch, self::stored() );
		update_site_option( self::OPTION, $result['settings'] );
		update_site_option( self::OVERRIDE_OPTION, $sites_may_override );
		Settings::flush_cache();
		return $result['errors'];
	}
}

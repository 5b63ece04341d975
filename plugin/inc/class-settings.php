<?php
/**
 * Reads the plugin's settings: the `wp_media_cloud_settings` option over the defaults, with any
 * `WP_MEDIA_CLOUD_<KEY>` constant from wp-config.php taking precedence (and then shown read-only).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings {

	public const OPTION = 'wp_media_cloud_settings';

	public const DEFAULTS = array(
		'provider'       => 's3',
		'endpoint'       => '',
		'region'         => '',
		'bucket'         => '',
		'access_key'     => '',
		'secret_key'     => '',
		'path_style'     => false,
		'account_id'     => '',
		'public_url'     => '',
		'pull_zone_host' => '',
		'cdn_host'       => '',
		'object_prefix'  => 'wp-content/uploads/',
		'cache_control'  => 'public, max-age=31536000, immutable',
		'rewrite_urls'   => true,
		'remove_local'   => false,
		'mirror_delete'  => false,
		'versioning'     => false,
	);

	/** Settings that must never reach the browser or a log. */
	public const SECRETS = array( 'access_key', 'secret_key' );

	/**
	 * Per-request cache, one per site of a network (switch_to_blog() must read the other site's settings); URL
	 * rewriting reads settings once per image.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	private static array $cache = array();

	/** @return array<string, mixed> */
	public static function all(): array {
		$site = get_current_blog_id();
		if ( ! isset( self::$cache[ $site ] ) ) {
			$merged = array_merge( self::DEFAULTS, array_intersect_key( self::stored(), self::DEFAULTS ) );
			foreach ( self::DEFAULTS as $key => $default ) {
				$constant = self::constant_name( $key );
				if ( defined( $constant ) ) {
					$merged[ $key ] = constant( $constant );
				}
				settype( $merged[ $key ], gettype( $default ) );
			}
			self::$cache[ $site ] = $merged;
		}
		return self::$cache[ $site ];
	}

	/**
	 * What the site stores, before constants: its own option or, on a network whose administrator set storage for
	 * every site, the network's (Network\Network_Settings).
	 *
	 * @return array<string, mixed>
	 */
	public static function stored(): array {
		return Network\Network_Settings::effective( get_option( self::OPTION, array() ) );
	}

	public static function get( string $key ): mixed {
		return self::all()[ $key ] ?? null;
	}

	public static function flush_cache(): void {
		self::$cache = array();
		Settings_Constants::flush_cache();
	}

	public static function constant_name( string $key ): string {
		return 'WP_MEDIA_CLOUD_' . strtoupper( $key );
	}

	/**
	 * Keys the site's administrator cannot change, shown read-only and never overwritten from the admin.
	 *
	 * @return array<int, string>
	 */
	public static function locked(): array {
		return array_keys( self::locked_by() );
	}

	/**
	 * Who sets each locked key, so the screen can say where to change it: 'constant' for a wp-config.php
	 * constant (which wins everywhere, also on a network), 'network' for the network's settings when its
	 * administrator does not let sites override them (Network Admin › Media Cloud).
	 *
	 * @return array<string, string>
	 */
	public static function locked_by(): array {
		$by_network = Network\Network_Settings::locks_site() ? array_fill_keys( array_keys( self::DEFAULTS ), 'network' ) : array();
		return array_merge( $by_network, array_fill_keys( array_keys( Settings_Constants::defined() ), 'constant' ) );
	}

	/**
	 * What may leave the server (REST answers, logs): every setting, with the secrets replaced by ''.
	 *
	 * @param array<string, mixed>|null $settings Settings to mask (default: the current ones).
	 * @return array<string, mixed>
	 */
	public static function masked( ?array $settings = null ): array {
		$settings ??= self::all();
		foreach ( self::SECRETS as $key ) {
			$settings[ $key ] = '';
		}
		return $settings;
	}

	/** Whether enough is configured to try an offload at all (and no wp-config.php constant is refused). */
	public static function is_configured(): bool {
		return '' !== self::get( 'bucket' ) && Sidecar_Client::is_configured() && ! Settings_Constants::errors();
	}

	/**
	 * The storage part of the settings, as the sidecar expects it.
	 *
	 * @return array<string, mixed>
	 */
	public static function storage(): array {
		$all = self::all();
		return array(
			'provider'       => $all['provider'],
			'endpoint'       => $all['endpoint'],
			'region'         => $all['region'],
			'bucket'         => $all['bucket'],
			'access_key'     => $all['access_key'],
			'secret_key'     => $all['secret_key'],
			'path_style'     => $all['path_style'],
			// Provider-specific fields and what public URLs are built from (the health check fetches them).
			'account_id'     => $all['account_id'],
			'public_url'     => $all['public_url'],
			'pull_zone_host' => $all['pull_zone_host'],
			'cdn_host'       => $all['cdn_host'],
		);
	}

	/** The object key prefix, always with one trailing slash (or empty). */
	public static function object_prefix(): string {
		$prefix = trim( (string) self::get( 'object_prefix' ), '/' );
		return '' === $prefix ? '' : $prefix . '/';
	}
}

<?php
/**
 * Settings given as `WP_MEDIA_CLOUD_<KEY>` constants in wp-config.php are checked by the same rules as the Settings
 * screen. A constant the screen would refuse (an endpoint without https://, a bucket name with capitals…) stops
 * offloading: new uploads stay local, nothing goes to a place nobody meant, and the screen shows the message at
 * the field, Health says which constant to change. (Before, such a value was used as it was.)
 *
 * Checked when asked, not while Settings::all() merges: that runs before WordPress loads translations, and the
 * messages are translated.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Constants {

	/**
	 * The messages of the current request, per site: a constant is checked against the site's other settings.
	 *
	 * @var array<int, array<string, string>>
	 */
	private static array $errors = array();

	/**
	 * The defined constants' values, by setting key.
	 *
	 * @return array<string, mixed>
	 */
	public static function defined(): array {
		$values = array();
		foreach ( array_keys( Settings::DEFAULTS ) as $key ) {
			if ( defined( Settings::constant_name( $key ) ) ) {
				$values[ $key ] = constant( Settings::constant_name( $key ) );
			}
		}
		return $values;
	}

	/**
	 * Each constant the Settings screen would refuse, with the screen's message and where to change it.
	 *
	 * @return array<string, string>
	 */
	public static function errors(): array {
		$site = get_current_blog_id();
		if ( ! isset( self::$errors[ $site ] ) ) {
			$defined               = self::defined();
			self::$errors[ $site ] = $defined ? self::check( $defined ) : array();
		}
		return self::$errors[ $site ];
	}

	public static function flush_cache(): void {
		self::$errors = array();
	}

	/**
	 * @param array<string, mixed> $defined The constants' values.
	 * @return array<string, string>
	 */
	private static function check( array $defined ): array {
		// Against what the site stores, as a change on the Settings screen is checked (so a constant bucket is
		// checked with the stored provider's naming rules, unless the provider is a constant too).
		$result   = Settings_Validator::apply( $defined, Settings::stored(), false );
		$messages = array();
		foreach ( $result['errors'] as $key => $message ) {
			$messages[ $key ] = sprintf(
				/* translators: 1: constant name, 2: what is wrong with its value and how to fix it. */
				__( '%1$s in wp-config.php: %2$s Change it there.', 'wp-media-cloud' ),
				Settings::constant_name( $key ),
				$message
			);
		}
		return $messages;
	}
}

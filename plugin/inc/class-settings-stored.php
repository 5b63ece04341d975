<?php
/**
 * Saved settings the Settings screen would refuse today. A value saved before a rule existed (an http:// CDN host
 * was accepted until the https rule) or written around the screen (a database import, a script that removed the
 * option's sanitize filter) is never checked again on its own: a save checks only the fields it changes, and the
 * option's sanitize callback keeps an invalid stored value as it is. Such a value is named, not rewritten (a CDN
 * may not serve https yet): at its field on the Settings screen (GET /settings `stored_errors`) and by the Health
 * check "Saved settings" (Health\Stored_Settings_Check), with the value to enter when the rules accept one.
 *
 * The screen's own rules (Settings_Validator::apply), not a second copy of them. Like Settings_Constants, checked
 * when asked: the messages are translated.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Stored {

	/**
	 * Each saved field the Settings screen would refuse, with the screen's message for it. A field set by a
	 * wp-config.php constant is left to Settings_Constants: its saved value is not used.
	 *
	 * @return array<string, string>
	 */
	public static function errors(): array {
		$all = Settings::all();
		// As Settings::all() typed them, as they are used: a switch saved as '1' is on, not "not a boolean".
		$saved = array_diff_key( array_intersect_key( $all, Settings::stored() ), Settings_Constants::defined() );
		if ( ! $saved ) {
			return array();
		}
		// Each against the settings in use, as a change on the screen is checked (a bucket by its provider's rules).
		return Settings_Validator::apply( $saved, $all, false )['errors'];
	}

	/**
	 * What to enter instead of a saved plain http:// value: the same address without the scheme (a host field) or
	 * with https:// (a URL field), whichever the screen accepts; null when neither is accepted or the value is not
	 * plain http.
	 */
	public static function https_form( string $key, string $value ): ?string {
		if ( in_array( $key, Settings::SECRETS, true ) || ! preg_match( '#^http://(.+)$#is', $value, $match ) ) {
			return null;
		}
		foreach ( array( $match[1], 'https://' . $match[1] ) as $candidate ) {
			if ( ! Settings_Validator::apply( array( $key => $candidate ), Settings::all(), false )['errors'] ) {
				return $candidate;
			}
		}
		return null;
	}

	/** Whether the site's pages are served over https, where a plain http:// image is blocked as mixed content. */
	public static function pages_use_https(): bool {
		return 'https' === wp_parse_url( home_url(), PHP_URL_SCHEME );
	}
}

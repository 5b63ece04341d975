<?php
/**
 * "Saved settings": a saved value the Settings screen would refuse today (Settings_Stored), named by its field with
 * the value to enter. Above all a CDN or pull zone host saved as http://cdn.example.com before the https rule: every
 * rewritten image URL is http://, and on an https site browsers block them as mixed content (broken images, check 5
 * of "Images not loading"). That is critical there; on a site still served over http the images load, so it is a
 * recommended improvement (the screen refuses the value all the same, and the day the site moves to https every
 * image breaks). Secrets are named by their field only, never shown.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Network\Network_Settings;
use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Settings_Stored;
use WP_Media_Cloud\Settings_Validator;

final class Stored_Settings_Check {

	/** @return array<string, mixed> */
	public static function run(): array {
		$label  = __( 'Saved settings', 'wp-media-cloud' );
		$errors = Settings_Stored::errors();
		if ( ! $errors ) {
			return Result::good( 'stored_settings', $label, __( 'Every saved setting passes the checks of the Settings screen.', 'wp-media-cloud' ) );
		}
		$all        = Settings::all();
		$found      = array();
		$fixes      = array();
		$command    = array(); // One `settings set` for every value with an https form: pairs of key and value.
		$plain_http = false;
		foreach ( $errors as $key => $message ) {
			$secret     = in_array( $key, Settings::SECRETS, true );
			$value      = $secret ? '' : (string) $all[ $key ];
			$enter      = Settings_Stored::https_form( $key, $value );
			$plain_http = $plain_http || (bool) preg_match( '#^http://#i', $value );
			$found[]    = self::finding( $key, $value, $message, $secret );
			$fixes[]    = self::fix( $key, $enter );
			if ( null !== $enter ) {
				array_push( $command, $key, $enter );
			}
		}
		$mixed = $plain_http && Settings_Stored::pages_use_https();
		if ( $mixed ) {
			$found[] = __( 'This site’s pages are served over https, so browsers block the images linked over http:// as mixed content: they show as broken.', 'wp-media-cloud' );
		}
		// The same change on the command line; not where the network's administrator sets the values (it refuses them).
		if ( $command && ! Network_Settings::locks_site() ) {
			/* translators: %s: a WP-CLI command. */
			$fixes[] = sprintf( __( 'On the command line: %s', 'wp-media-cloud' ), 'wp media-cloud settings set ' . implode( ' ', $command ) );
		}
		return Result::problem(
			'stored_settings',
			$label,
			'stored_setting_invalid',
			implode( ' ', $found ),
			implode( ' ', $fixes ),
			$mixed ? 'critical' : 'recommended',
			array( 'fields' => array_keys( $errors ) )
		);
	}

	/** What is wrong with one saved field, in the screen's words. */
	private static function finding( string $key, string $value, string $message, bool $secret ): string {
		if ( $secret ) {
			/* translators: 1: field label, 2: what is wrong with it and how to fix it. */
			return sprintf( __( 'The saved %1$s is one the Settings screen no longer accepts. %2$s', 'wp-media-cloud' ), Settings_Validator::label( $key ), $message );
		}
		/* translators: 1: field label, 2: the saved value, 3: what is wrong with it and how to fix it. */
		return sprintf( __( 'The saved %1$s “%2$s” is one the Settings screen no longer accepts. %3$s', 'wp-media-cloud' ), Settings_Validator::label( $key ), $value, $message );
	}

	/**
	 * Where to change the field and, when the rules accept an https form of the value, exactly what to enter.
	 *
	 * @param string|null $enter Settings_Stored::https_form() of the saved value.
	 */
	private static function fix( string $key, ?string $enter ): string {
		$label = Settings_Validator::label( $key );
		$where = Network_Settings::locks_site() ? __( 'In Network Admin › Media Cloud', 'wp-media-cloud' ) : __( 'In Media Cloud › Settings', 'wp-media-cloud' );
		if ( null === $enter ) {
			/* translators: 1: where the setting is changed, e.g. "In Media Cloud › Settings", 2: field label. */
			return sprintf( __( '%1$s, correct the %2$s as the message at the field says, and save.', 'wp-media-cloud' ), $where, $label );
		}
		/* translators: 1: where the setting is changed, e.g. "In Media Cloud › Settings", 2: field label, 3: the value to enter, e.g. cdn.example.com. */
		return sprintf( __( '%1$s, change the %2$s to %3$s and save; check first that it serves your files over https (the saved value is kept as it is until you change it).', 'wp-media-cloud' ), $where, $label, $enter );
	}
}

<?php
/**
 * `wp media-cloud settings get|set`: the Settings page on the command line, with the same validation, the same
 * "a bad value never costs a good one" rule, and secrets that are written but never printed.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Settings_Controller;

/**
 * Shows and changes the Media Cloud settings.
 *
 * The same fields, checks and messages as Media Cloud › Settings. Values
 * defined as constants in wp-config.php are shown with that source and cannot
 * be changed here. Access and secret keys are never printed.
 *
 * ## EXAMPLES
 *
 *     wp media-cloud settings get
 *     wp media-cloud settings set cdn_host cdn.example.com rewrite_urls on
 */
final class Settings_Command {

	/**
	 * Shows the settings and where each value comes from.
	 *
	 * The source is "settings" or "wp-config.php" (a constant). Access and secret
	 * keys are shown only as "set" or "not set".
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print the settings: table, csv, json or yaml.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - csv
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud settings get
	 *     wp media-cloud settings get --format=json
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function get( $args, $assoc_args ): void {
		$described = Settings_Controller::describe();
		$rows      = array();
		foreach ( $described['settings'] as $key => $value ) {
			if ( in_array( $key, Settings::SECRETS, true ) ) {
				$value = $described['secrets_set'][ $key ] ? 'set' : 'not set';
			} elseif ( is_bool( $value ) ) {
				$value = $value ? 'on' : 'off';
			}
			$rows[] = array(
				'setting' => $key,
				'value'   => (string) $value,
				'source'  => in_array( $key, $described['locked'], true ) ? 'wp-config.php' : 'settings',
			);
		}
		\WP_CLI\Utils\format_items( $assoc_args['format'] ?? 'table', $rows, array( 'setting', 'value', 'source' ) );
	}

	/**
	 * Changes settings, with the same checks as the Settings page.
	 *
	 * A bad value is refused with the field's message (exit 1) and keeps its old
	 * value, while good values given beside it are saved.
	 * `wp media-cloud settings get` lists the setting names.
	 *
	 * ## OPTIONS
	 *
	 * <setting> <value>...
	 * : One or more setting/value pairs. Switches take on/off (or true/false,
	 * 1/0).
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud settings set cdn_host cdn.example.com
	 *     wp media-cloud settings set rewrite_urls on versioning off
	 *
	 * @param array<int, string>    $args       Setting/value pairs.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function set( $args, $assoc_args ): void {
		if ( ! $args || 0 !== count( $args ) % 2 ) {
			\WP_CLI::error( __( 'Give setting/value pairs, e.g. `wp media-cloud settings set cdn_host cdn.example.com`.', 'wp-media-cloud' ) );
		}
		$patch = array();
		foreach ( array_chunk( $args, 2 ) as list( $key, $value ) ) {
			$is_switch     = is_bool( Settings::DEFAULTS[ $key ] ?? null );
			$patch[ $key ] = $is_switch ? in_array( strtolower( $value ), array( 'on', 'true', '1', 'yes' ), true ) : $value;
			if ( $is_switch && ! in_array( strtolower( $value ), array( 'on', 'off', 'true', 'false', '1', '0', 'yes', 'no' ), true ) ) {
				/* translators: %s: a setting's name. */
				\WP_CLI::error( sprintf( __( '%s is a switch: use on or off.', 'wp-media-cloud' ), $key ) );
			}
		}
		$errors = Settings_Controller::save( $patch );
		$saved  = array_diff( array_keys( $patch ), array_keys( $errors ) );
		if ( $saved ) {
			/* translators: %s: settings' names. */
			\WP_CLI::success( sprintf( __( 'Saved %s.', 'wp-media-cloud' ), implode( ', ', $saved ) ) );
		}
		foreach ( $errors as $key => $message ) {
			\WP_CLI::warning( sprintf( '%s: %s', $key, $message ) );
		}
		if ( $errors ) {
			/* translators: %s: settings' names. */
			\WP_CLI::error( sprintf( __( 'Not saved: %s. Correct the value and run the command again.', 'wp-media-cloud' ), implode( ', ', array_keys( $errors ) ) ) );
		}
	}
}

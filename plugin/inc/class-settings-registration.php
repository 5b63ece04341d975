<?php
/**
 * Registers the settings option with its schema, and drops the per-request caches whenever it changes.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Registration {

	public function register(): void {
		add_action( 'init', array( $this, 'register_setting' ) );
		add_action( 'update_option_' . Settings::OPTION, array( $this, 'flush_caches' ) );
		add_action( 'add_option_' . Settings::OPTION, array( $this, 'flush_caches' ) );
	}

	public function unregister(): void {
		remove_action( 'init', array( $this, 'register_setting' ) );
		remove_action( 'update_option_' . Settings::OPTION, array( $this, 'flush_caches' ) );
		remove_action( 'add_option_' . Settings::OPTION, array( $this, 'flush_caches' ) );
	}

	public function register_setting(): void {
		$properties = array();
		foreach ( Settings::DEFAULTS as $key => $default ) {
			$properties[ $key ] = array(
				'type'    => is_bool( $default ) ? 'boolean' : 'string',
				'default' => $default,
			);
			if ( isset( Settings_Limits::MAX_BYTES[ $key ] ) ) {
				$properties[ $key ]['maxLength'] = Settings_Limits::MAX_BYTES[ $key ];
			}
		}
		$properties['provider']['enum'] = array_keys( Settings_Providers::definitions() );
		register_setting(
			'wp_media_cloud',
			Settings::OPTION,
			array(
				'type'         => 'object',
				'default'      => Settings::DEFAULTS,
				// Never through /wp/v2/settings: it would hand the secret key to the browser.
				'show_in_rest'      => false,
				'schema'            => array(
					'type'       => 'object',
					'properties' => $properties,
				),
				'sanitize_callback' => array( $this, 'sanitize' ),
			)
		);
	}

	/**
	 * Every write of the option goes through the field rules (options.php, update_option, REST): an invalid field
	 * keeps its stored value and is reported, the valid ones are saved.
	 *
	 * @param mixed $value The new option value.
	 * @return array<string, mixed>
	 */
	public function sanitize( $value ): array {
		$stored = get_option( Settings::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		if ( ! is_array( $value ) ) {
			return array_merge( Settings::DEFAULTS, $stored );
		}
		$result = Settings_Validator::apply( $value, $stored, false );
		foreach ( $result['errors'] as $key => $message ) {
			if ( function_exists( 'add_settings_error' ) ) {
				add_settings_error( Settings::OPTION, 'wp_media_cloud_' . $key, $message );
			}
		}
		return $result['settings'];
	}

	public function flush_caches(): void {
		Settings::flush_cache();
		Public_Url::flush_cache();
		Storage_Location::flush_cache();
	}
}

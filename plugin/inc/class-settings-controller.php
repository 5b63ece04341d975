<?php
/**
 * REST `GET|PUT /media-cloud/v1/settings`: the settings page's only way to read and change settings. Secrets are
 * write-only (always answered as '' with `secrets_set`), constants are read-only, and a PUT saves every valid field
 * even when others are refused (400 with a message per field). A change after which pages could not load files
 * from the bucket is not saved until confirmed (409 `wp_media_cloud_urls_unreachable`, then `?confirm=1`).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Controller {

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function register_routes(): void {
		register_rest_route(
			Rest_Routes::NAMESPACE,
			'/settings',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_settings' ),
					'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_settings' ),
					'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
				),
			)
		);
	}

	public function get_settings(): \WP_REST_Response {
		return new \WP_REST_Response( self::describe() );
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function update_settings( \WP_REST_Request $request ) {
		$patch = $request->get_json_params();
		// PHP decodes a JSON list to an array too: [ "a", "b" ] would be read as settings "0" and "1".
		if ( ! is_array( $patch ) || ! str_starts_with( ltrim( (string) $request->get_body() ), '{' ) ) {
			return new \WP_Error(
				'wp_media_cloud_invalid_settings',
				__( 'Nothing was saved: send the settings to change as one JSON object, e.g. {"cdn_host": "cdn.example.com"}, with the header Content-Type: application/json.', 'wp-media-cloud' ),
				array(
					'status' => 400,
					'remedy' => __( 'Send a JSON object whose keys are setting names (GET /wp-json/media-cloud/v1/settings lists them).', 'wp-media-cloud' ),
				)
			);
		}
		if ( ! rest_sanitize_boolean( $request->get_query_params()['confirm'] ?? false ) ) {
			$warning = Setup_Url_Check::warning_for( $patch );
			if ( null !== $warning ) {
				return $warning;
			}
		}
		$errors = self::save( $patch );
		if ( $errors ) {
			$fields = implode( ', ', array_keys( $errors ) );
			return new \WP_Error(
				'wp_media_cloud_invalid_settings',
				/* translators: %s: field names. */
				sprintf( __( 'Some settings were not saved: %s. The other changes were saved.', 'wp-media-cloud' ), $fields ),
				array(
					'status'   => 400,
					'errors'   => $errors,
					'remedy'   => __( 'Correct the highlighted fields and save again.', 'wp-media-cloud' ),
					// The page can refresh its form from this without a second request.
					'settings' => self::describe(),
				)
			);
		}
		return new \WP_REST_Response( self::describe() );
	}

	/**
	 * Saves a partial change the way the Settings page does (REST and WP-CLI alike): every valid field is stored,
	 * every invalid one keeps its stored value.
	 *
	 * @param array<string, mixed> $patch Changed settings; an empty secret keeps the stored one.
	 * @return array<string, string> Error message per refused field.
	 */
	public static function save( array $patch ): array {
		$stored = get_option( Settings::OPTION, array() );
		$result = Settings_Validator::apply( $patch, is_array( $stored ) ? $stored : array() );
		if ( array_diff_key( $patch, $result['errors'] ) ) {
			// Only when something was accepted: a refused request leaves the stored option as it was, byte for byte.
			update_option( Settings::OPTION, $result['settings'] );
		}
		Settings::flush_cache();
		Public_Url::flush_cache();
		return $result['errors'];
	}

	/**
	 * The GET /settings shape: all settings with the secrets blanked, which secrets are set, the locked keys
	 * and the providers with their fields.
	 *
	 * @return array<string, mixed>
	 */
	public static function describe(): array {
		$all = Settings::all();
		return array(
			'settings'        => Settings::masked( $all ),
			'secrets_set'     => array_combine( Settings::SECRETS, array_map( static fn ( string $key ) => '' !== (string) $all[ $key ], Settings::SECRETS ) ),
			'locked'          => Settings::locked(),
			'locked_by'       => Settings::locked_by(),
			// A constant the screen would refuse: its message is shown at its field (offloading waits for the fix).
			'constant_errors' => (object) Settings_Constants::errors(),
			// A saved value the screen would refuse today (saved before the rule, or imported): shown at its field
			// when the screen opens, kept as it is until the owner changes it (Settings_Stored).
			'stored_errors'   => (object) Settings_Stored::errors(),
			// The network's administrator sets them for every site (Network Admin › Media Cloud): the screen says so once.
			'network_managed' => Network\Network_Settings::locks_site(),
			// Only for who may change them there; a site's administrator has no Network Admin.
			'network_url'     => Network\Network_Settings::locks_site() && current_user_can( 'manage_network_options' )
				? network_admin_url( 'admin.php?page=' . Network\Network_Admin_Page::SLUG )
				: '',
			'providers'       => Settings_Providers::for_rest(),
		);
	}
}

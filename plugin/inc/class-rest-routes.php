<?php
/**
 * REST routes under media-cloud/v1.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Rest_Routes {

	public const NAMESPACE = 'media-cloud/v1';

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/sidecar/heartbeat',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'heartbeat' ),
				'permission_callback' => array( self::class, 'is_signed_by_sidecar' ),
			)
		);
	}

	/** The sidecar is up: offload what waited for it (on this web server: the body names the sidecar's). */
	public function heartbeat( \WP_REST_Request $request ): \WP_REST_Response {
		return new \WP_REST_Response( Pending_Queue::heartbeat( (string) $request->get_param( 'server' ) ) );
	}

	/** Permission check of every admin route: the same capability as the Media Cloud menu. */
	public static function can_manage(): bool {
		return current_user_can( 'manage_options' );
	}

	/**
	 * Permission check for routes only the sidecar calls: an HMAC over the method, the route with the query string
	 * as received, and the body, with the shared secret. The query counts because the REST API reads parameters
	 * from it too: a parameter added on the way (e.g. `ids[]`) must not pass as signed.
	 *
	 * @return true|\WP_Error
	 */
	public static function is_signed_by_sidecar( \WP_REST_Request $request ) {
		return Signature::verify(
			Sidecar_Client::secret(),
			$request->get_method(),
			$request->get_route() . self::received_query(),
			$request->get_body(),
			(string) $request->get_header( 'X-WPMC-Timestamp' ),
			(string) $request->get_header( 'X-WPMC-Nonce' ),
			(string) $request->get_header( 'X-WPMC-Signature' )
		);
	}

	/** "?" and the query string exactly as the client sent it (before any rewrite), or "" when there is none. */
	private static function received_query(): string {
		$uri   = isset( $_SERVER['REQUEST_URI'] ) ? (string) wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared byte for byte with the signed string, never output.
		$start = strpos( $uri, '?' );
		return false === $start ? '' : substr( $uri, $start );
	}
}

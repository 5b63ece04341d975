<?php
/**
 * REST `POST /media-cloud/v1/health` (run checks, all by default) and `GET /media-cloud/v1/health` (the last run).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Rest_Routes;

final class Health_Controller {

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function register_routes(): void {
		register_rest_route(
			Rest_Routes::NAMESPACE,
			'/health',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => static fn () => new \WP_REST_Response( Runner::last() ),
					'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'run' ),
					'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
					'args'                => array(
						'checks' => array(
							'type'        => 'array',
							'items'       => array( 'type' => 'string', 'enum' => Runner::ids() ),
							'default'     => array(),
							'description' => __( 'Check ids to run; all when empty.', 'wp-media-cloud' ),
						),
					),
				),
			)
		);
	}

	public function run( \WP_REST_Request $request ): \WP_REST_Response {
		return new \WP_REST_Response( Runner::run( (array) $request->get_param( 'checks' ) ) );
	}
}

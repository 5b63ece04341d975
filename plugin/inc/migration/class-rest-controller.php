<?php
/**
 * Admin REST routes of the migration (see the shared contract): GET /status, GET|POST|PATCH /migration,
 * GET|POST|PATCH /downloads, GET|POST|PATCH /moves (move to the current storage), GET /audit, plus the sidecar's
 * signed callbacks. All need manage_options.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Rest_Routes;

final class Rest_Controller {

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
		Library_Counts::register();
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
		Library_Counts::unregister();
	}

	public function register_routes(): void {
		$admin = array( Rest_Routes::class, 'can_manage' );
		$this->route( '/status', array( array( 'GET', static fn () => Status::report(), $admin ) ) );
		$this->route(
			'/migration',
			array(
				array( 'GET', static fn () => Migration_Service::progress(), $admin ),
				array(
					'POST',
					static fn ( \WP_REST_Request $request ) => Migration_Service::start( (bool) $request['dry_run'], null === $request['concurrency'] ? null : (int) $request['concurrency'] ),
					$admin,
					array(
						'dry_run'     => array(
							'type'    => 'boolean',
							'default' => false,
						),
						'concurrency' => array(
							'type'        => 'integer',
							'minimum'     => 1,
							'maximum'     => 64,
							'description' => __( 'Uploads in parallel (1-64).', 'wp-media-cloud' ),
						),
					),
				),
				self::state_change( array( Migration_Service::class, 'change_state' ), $admin ),
			)
		);
		$this->route(
			'/downloads',
			array(
				array( 'GET', static fn () => Migration_Service::download_progress(), $admin ),
				array(
					'POST',
					array( $this, 'start_download' ),
					$admin,
					array(
						'ids' => array(
							'type'  => 'array',
							'items' => array(
								'type'    => 'integer',
								'minimum' => 1,
							),
						),
						'all' => array(
							'type'    => 'boolean',
							'default' => false,
						),
					),
				),
				self::state_change( array( Migration_Service::class, 'change_download_state' ), $admin ),
			)
		);
		$this->route(
			'/moves',
			array(
				array( 'GET', static fn () => Move_Service::progress(), $admin ),
				array(
					'POST',
					static fn ( \WP_REST_Request $request ) => Move_Service::start( (bool) $request['dry_run'], null, null === $request['ids'] ? null : array_map( 'intval', (array) $request['ids'] ) ),
					$admin,
					array(
						'ids'     => array(
							'type'        => 'array',
							'items'       => array(
								'type'    => 'integer',
								'minimum' => 1,
							),
							'description' => __( 'Only these attachments (default: every attachment stored elsewhere).', 'wp-media-cloud' ),
						),
						'dry_run' => array(
							'type'        => 'boolean',
							'default'     => false,
							'description' => __( 'Only count the attachments stored elsewhere.', 'wp-media-cloud' ),
						),
					),
				),
				self::state_change( array( Move_Service::class, 'change_state' ), $admin ),
			)
		);
		$this->route(
			'/audit',
			array(
				array(
					'GET',
					static fn ( \WP_REST_Request $request ) => Audit::page( (int) $request['after'], (int) $request['per_page'] ),
					$admin,
					array(
						'after' => array(
							'description' => __( 'Check the attachments after this id (the previous page\'s next_after).', 'wp-media-cloud' ),
							'type'        => 'integer',
							'minimum'     => 0,
							'default'     => 0,
						),
						'per_page' => array(
							'description' => __( 'Attachments per page.', 'wp-media-cloud' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'maximum'     => 500,
							'default'     => Audit::PAGE,
						),
					),
				),
			)
		);
		( new Sidecar_Callbacks() )->register_routes();
	}

	/** @return array<string, mixed>|\WP_Error */
	public function start_download( \WP_REST_Request $request ) {
		$ids = $request['ids'];
		if ( ! $request['all'] && empty( $ids ) ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'Choose the attachments to download, or all of them.', 'wp-media-cloud' ),
				array(
					'status' => 400,
					'errors' => array( 'ids' => __( 'Give attachment ids, or set "all" to true.', 'wp-media-cloud' ) ),
				)
			);
		}
		return Migration_Service::start_download( $request['all'] ? null : array_map( 'intval', (array) $ids ) );
	}

	/**
	 * PATCH of a background run's state (pause, resume, cancel): the same for the migration, download back and move.
	 *
	 * @param callable $change     Takes the state, returns the progress.
	 * @param callable $permission Permission check.
	 * @return array{0: string, 1: callable, 2: callable, 3: array<string, mixed>}
	 */
	private static function state_change( callable $change, callable $permission ): array {
		return array(
			'PATCH',
			static fn ( \WP_REST_Request $request ) => $change( (string) $request['state'] ),
			$permission,
			array(
				'state' => array(
					'type'     => 'string',
					'enum'     => Migration_Service::STATES,
					'required' => true,
				),
			),
		);
	}

	/**
	 * @param array<int, array{0: string, 1: callable, 2: callable, 3?: array<string, mixed>}> $endpoints Method, callback, permission, args.
	 */
	private function route( string $path, array $endpoints ): void {
		$definitions = array();
		foreach ( $endpoints as $endpoint ) {
			$definitions[] = array(
				'methods'             => $endpoint[0],
				'callback'            => $endpoint[1],
				'permission_callback' => $endpoint[2],
				'args'                => $endpoint[3] ?? array(),
			);
		}
		register_rest_route( Rest_Routes::NAMESPACE, $path, $definitions );
	}
}

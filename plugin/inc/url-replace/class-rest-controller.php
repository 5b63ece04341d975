<?php
/**
 * REST routes of the URL Replace tool and the cache purge (shared contract, /tmp/contracts.md):
 *   POST   /url-replace/scans                   { direction, from?, post_types?, limit? } → { total, items, not_offloaded, … }
 *   POST   /url-replace/runs                    { direction, dry_run, from?, post_types? } → run after its first batch (201)
 *   GET    /url-replace/runs                    → recent runs, newest first
 *   GET    /url-replace/runs/<id>               → run + one page of its changes (`page`, `per_page`, `list=skipped`);
 *                                                 a run still `running`/`undoing` also advances by one short batch
 *                                                 first, so a Tools page that polls it makes progress
 *   POST   /url-replace/runs/<id>/batches       → run after one more batch; repeat while state is `running`
 *   DELETE /url-replace/runs/<id>               → undo one more batch; repeat until state is `undone`
 *   POST   /cache-purges                        → { purged: [...], failed: [...] }
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Cache_Purger;
use WP_Media_Cloud\Rest_Routes;

final class Rest_Controller {

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function register_routes(): void {
		$admin = array( Rest_Routes::class, 'can_manage' );
		$id    = '/url-replace/runs/(?P<id>\d{14}-[a-f0-9]{6})';
		register_rest_route( Rest_Routes::NAMESPACE, '/url-replace/scans', array( 'methods' => 'POST', 'callback' => array( $this, 'scan' ), 'permission_callback' => $admin, 'args' => self::common_args() + array( 'limit' => array( 'type' => 'integer', 'minimum' => 1, 'maximum' => 10000, 'default' => 1000 ) ) ) );
		register_rest_route(
			Rest_Routes::NAMESPACE,
			'/url-replace/runs',
			array(
				array( 'methods' => 'POST', 'callback' => array( $this, 'create_run' ), 'permission_callback' => $admin, 'args' => self::common_args() + array( 'dry_run' => array( 'type' => 'boolean', 'default' => true, 'description' => __( 'Only record what would change. Defaults to true so a bare request never writes.', 'wp-media-cloud' ) ) ) ),
				array( 'methods' => 'GET', 'callback' => array( $this, 'list_runs' ), 'permission_callback' => $admin ),
			)
		);
		register_rest_route(
			Rest_Routes::NAMESPACE,
			$id,
			array(
				array(
					'methods'             => 'GET',
					'callback'            => array( $this, 'get_run' ),
					'permission_callback' => $admin,
					'args'                => array(
						'page'     => array( 'type' => 'integer', 'minimum' => 1, 'default' => 1 ),
						'per_page' => array( 'type' => 'integer', 'minimum' => 1, 'maximum' => 500, 'default' => 100 ),
						'list'     => array( 'type' => 'string', 'enum' => array( 'items', 'skipped' ), 'default' => 'items' ),
					),
				),
				array( 'methods' => 'DELETE', 'callback' => array( $this, 'undo_run' ), 'permission_callback' => $admin ),
			)
		);
		register_rest_route( Rest_Routes::NAMESPACE, $id . '/batches', array( 'methods' => 'POST', 'callback' => array( $this, 'advance_run' ), 'permission_callback' => $admin ) );
		register_rest_route( Rest_Routes::NAMESPACE, '/cache-purges', array( 'methods' => 'POST', 'callback' => array( $this, 'purge' ), 'permission_callback' => $admin ) );
	}

	public function scan( \WP_REST_Request $request ): \WP_REST_Response {
		return new \WP_REST_Response( Replacer::scan( self::run_args( $request ) + array( 'limit' => (int) $request['limit'] ) ) );
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function create_run( \WP_REST_Request $request ) {
		$run = Runs::start( self::run_args( $request ) + array( 'dry_run' => (bool) $request['dry_run'] ) );
		return is_wp_error( $run ) ? $run : new \WP_REST_Response( Runs::view( $run ), 201 );
	}

	public function list_runs(): \WP_REST_Response {
		return new \WP_REST_Response( array_map( array( Runs::class, 'view' ), Run_Store::all() ) );
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function get_run( \WP_REST_Request $request ) {
		$run = Run_Store::get( (string) $request['id'] );
		if ( null === $run ) {
			return Runs::not_found( (string) $request['id'] );
		}
		// The Tools page drives a run by polling it; there is no background worker in WordPress to do it.
		$next = array( 'running' => array( Runs::class, 'advance' ), 'undoing' => array( Runs::class, 'undo' ) )[ $run['state'] ] ?? null;
		if ( $next ) {
			$advanced = $next( $run['id'], Runs::POLL_BUDGET );
			$run      = is_wp_error( $advanced ) ? $run : $advanced; // Busy: another request is on it; report as is.
		}
		$list = Runs::changes( $run['id'], (string) $request['list'], (int) $request['page'], (int) $request['per_page'] );
		return new \WP_REST_Response( Runs::view( $run ) + array( 'changes' => $list['items'], 'changes_total' => $list['total'] ) );
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function advance_run( \WP_REST_Request $request ) {
		$run = Runs::advance( (string) $request['id'] );
		return is_wp_error( $run ) ? $run : new \WP_REST_Response( Runs::view( $run ) );
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function undo_run( \WP_REST_Request $request ) {
		$run = Runs::undo( (string) $request['id'] );
		return is_wp_error( $run ) ? $run : new \WP_REST_Response( Runs::view( $run ) );
	}

	public function purge(): \WP_REST_Response {
		return new \WP_REST_Response( Cache_Purger::purge() );
	}

	/** @return array<string, array<string, mixed>> */
	private static function common_args(): array {
		return array(
			'direction'  => array( 'type' => 'string', 'enum' => Url_Map::DIRECTIONS, 'required' => true ),
			'from'       => array(
				'type'        => 'array',
				'items'       => array( 'type' => 'string', 'format' => 'uri' ),
				'default'     => array(),
				'description' => __( 'Earlier cloud base URLs (an old CDN host or bucket URL) whose URLs are replaced too.', 'wp-media-cloud' ),
			),
			'post_types' => array( 'type' => 'array', 'items' => array( 'type' => 'string', 'pattern' => '^[a-z0-9_-]{1,20}$' ), 'default' => array() ),
		);
	}

	/** @return array{direction: string, from: array<int, string>, post_types: array<int, string>} */
	private static function run_args( \WP_REST_Request $request ): array {
		return array(
			'direction'  => (string) $request['direction'],
			'from'       => array_map( 'esc_url_raw', (array) $request['from'] ),
			'post_types' => (array) $request['post_types'],
		);
	}
}

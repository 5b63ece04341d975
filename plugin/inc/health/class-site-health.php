<?php
/**
 * Shows every Media Cloud check in Tools › Site Health as an asynchronous test: the page renders at once and
 * core's script asks for each check through REST (GET /media-cloud/v1/site-health/<check>), so the sidecar's
 * storage checks, the hard-coded URL scan and the missing-files audit never hold the page. Measured at 100,000
 * attachments: as direct tests they made the page take 13.9 s and 223 queries against 52 ms and 30 queries
 * without the plugin (bench/large-library.ts). `async_direct_test` runs the same check in core's weekly
 * scheduled check, where there is no browser (both keys since WordPress 5.6, read by WP_Site_Health).
 *
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Rest_Routes;

final class Site_Health {

	public const ROUTE = '/site-health/(?P<check>[a-z_]+)';

	public function register(): void {
		add_filter( 'site_status_tests', array( $this, 'add_tests' ) );
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_filter( 'site_status_tests', array( $this, 'add_tests' ) );
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * @param array<string, array<string, mixed>> $tests Core's tests.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_tests( $tests ) {
		foreach ( Runner::labels() as $id => $label ) {
			$tests['async'][ 'wp_media_cloud_' . $id ] = array(
				'label'             => $label,
				'test'              => rest_url( Rest_Routes::NAMESPACE . '/site-health/' . $id ),
				'has_rest'          => true,
				'async_direct_test' => static fn () => self::site_health_result( $id ),
			);
		}
		return $tests;
	}

	public function register_routes(): void {
		register_rest_route(
			Rest_Routes::NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => static fn ( \WP_REST_Request $request ) => new \WP_REST_Response( self::site_health_result( (string) $request['check'] ) ),
				// The capability core's own Site Health REST routes ask for.
				'permission_callback' => static fn () => current_user_can( 'view_site_health_checks' ),
				'args'                => array(
					'check' => array(
						'type' => 'string',
						'enum' => Runner::ids(),
					),
				),
			)
		);
	}

	/**
	 * One check's result in core's format (HTML description and actions, a badge).
	 *
	 * @return array<string, mixed>
	 */
	public static function site_health_result( string $id ): array {
		$result = Runner::run_one( $id ) ?? Result::problem( $id, Runner::labels()[ $id ] ?? $id, 'not_tested', __( 'This check did not run.', 'wp-media-cloud' ), '', 'recommended' );
		return array(
			'label'       => $result['label'] . ( 'good' === $result['status'] ? '' : ': ' . $result['description'] ),
			'status'      => $result['status'],
			'badge'       => array( 'label' => __( 'Media Cloud', 'wp-media-cloud' ), 'color' => 'critical' === $result['status'] ? 'red' : 'blue' ),
			'description' => '<p>' . esc_html( $result['description'] ) . '</p>',
			'actions'     => '' === (string) $result['actions'] ? '' : '<p>' . esc_html( $result['actions'] ) . '</p>',
			'test'        => 'wp_media_cloud_' . $id,
		);
	}
}

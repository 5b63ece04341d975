<?php
/**
 * Shows every Media Cloud check in Tools › Site Health as an asynchronous test: the page renders at once and
 * core's script asks for each check through REST (GET /media-cloud/v1/site-health/<check>), so the sidecar's
 * storage checks, the hard-coded URL scan and the missing-files audit never hold the page. Measured at 100,000
 * attachments: as direct tests they made the page take 13.9 s and 223 queries against 52 ms and 30 queries
 * without the plugin (bench/large-library.ts). `async_direct_test` runs the same check in core's weekly
 * scheduled check, where there is no browser (both keys since WordPress 5.6, read by WP_Site_Health).
 *
 * When the sidecar does not answer (or nothing is configured yet), the five storage checks after "API connectivity"
 * cannot run and would each repeat the same failure: API connectivity, which core runs first, answers one grouped
 * item naming the cause and the checks it holds back, and a few lines of script (core's `site_status_test_result`
 * JS filter) mark those checks done so core never asks for them. The weekly scheduled check, which has no page to
 * hold, asks first and registers only API connectivity then. The Info tab's section is Site_Health_Info.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Rest_Routes;

final class Site_Health {

	public const ROUTE = '/site-health/(?P<check>[a-z_]+)';

	/** The check that runs first and, when it cannot reach the storage at all, speaks for the five after it. */
	private const FIRST = 'connectivity';

	/** Causes that stop every storage check alike (Sidecar_Checks): the sidecar, nothing configured yet, a refused constant. */
	private const BLOCKING_CAUSES = array( 'sidecar_unreachable', 'sidecar_error', 'sidecar_not_configured', 'not_configured', 'constant_invalid' );

	private Site_Health_Info $info;

	/** @var array<string, mixed>|null The scheduled check's API connectivity result, asked for before the tests are listed. */
	private static ?array $first_result = null;

	public function __construct() {
		$this->info = new Site_Health_Info();
	}

	public function register(): void {
		add_filter( 'site_status_tests', array( $this, 'add_tests' ) );
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'add_grouping_script' ) );
		$this->info->register();
	}

	public function unregister(): void {
		remove_filter( 'site_status_tests', array( $this, 'add_tests' ) );
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
		remove_action( 'admin_enqueue_scripts', array( $this, 'add_grouping_script' ) );
		$this->info->unregister();
	}

	/**
	 * @param array<string, array<string, mixed>> $tests Core's tests.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_tests( $tests ) {
		// WP-Cron's weekly check runs every test in one process with no page waiting: ask first, then list only
		// API connectivity when nothing else could run, so its counts match what the Status tab shows.
		$blocked = wp_doing_cron() && self::is_blocking( self::$first_result ??= self::site_health_result( self::FIRST ) );
		foreach ( Runner::labels() as $id => $label ) {
			if ( $blocked && in_array( $id, self::dependents(), true ) ) {
				continue;
			}
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
		if ( self::FIRST === $id && null !== self::$first_result ) {
			return self::$first_result;
		}
		$result = Runner::run_one( $id ) ?? Result::problem( $id, Runner::labels()[ $id ] ?? $id, 'not_tested', __( 'This check did not run.', 'wp-media-cloud' ), '', 'recommended' );
		if ( in_array( $id, Sidecar_Checks::ids(), true ) && in_array( $result['cause'] ?? '', self::BLOCKING_CAUSES, true ) ) {
			return self::FIRST === $id ? self::grouped( $result ) : self::held_back( $id, $result );
		}
		return array(
			'label'       => $result['label'] . ( 'good' === $result['status'] ? '' : ': ' . $result['description'] ),
			'status'      => $result['status'],
			'badge'       => array( 'label' => __( 'Media Cloud', 'wp-media-cloud' ), 'color' => 'critical' === $result['status'] ? 'red' : 'blue' ),
			'description' => '<p>' . esc_html( $result['description'] ) . '</p>',
			'actions'     => '' === (string) $result['actions'] ? '' : '<p>' . esc_html( $result['actions'] ) . '</p>',
			'test'        => 'wp_media_cloud_' . $id,
		);
	}

	/** @return array<int, string> The storage checks that cannot run without the sidecar and a bucket. */
	private static function dependents(): array {
		return array_values( array_diff( Sidecar_Checks::ids(), array( self::FIRST ) ) );
	}

	/** @param array<string, mixed> $answer A site_health_result(). */
	private static function is_blocking( array $answer ): bool {
		return ! empty( $answer['wp_media_cloud_skip'] );
	}

	/**
	 * One item for the cause and the checks it holds back, with `wp_media_cloud_skip`: the REST routes of those
	 * checks, which the grouping script marks done.
	 *
	 * @param array<string, mixed> $result The blocking result (Result::problem()).
	 * @return array<string, mixed>
	 */
	private static function grouped( array $result ): array {
		$labels  = Runner::labels();
		$held    = array_map( static fn ( string $id ) => $labels[ $id ], self::dependents() );
		$sidecar = ! in_array( $result['cause'], array( 'not_configured', 'constant_invalid' ), true );
		$titles  = array(
			'sidecar_unreachable'    => __( 'The Media Cloud sidecar is not answering', 'wp-media-cloud' ),
			'sidecar_error'          => __( 'The Media Cloud sidecar refused the storage checks', 'wp-media-cloud' ),
			'sidecar_not_configured' => __( 'The Media Cloud sidecar is not configured', 'wp-media-cloud' ),
			'not_configured'         => __( 'Media Cloud has no bucket configured yet', 'wp-media-cloud' ),
			'constant_invalid'       => __( 'A Media Cloud setting in wp-config.php is not valid', 'wp-media-cloud' ),
		);
		/* translators: %s: list of check names. */
		$description = '<p>' . esc_html( (string) $result['description'] ) . '</p><p>' . esc_html( sprintf( __( 'Until then these checks cannot run: %s.', 'wp-media-cloud' ), implode( ', ', $held ) ) ) . '</p>';
		if ( $sidecar ) {
			$description .= '<p>' . esc_html__( 'Uploads meanwhile stay on this server, marked pending, and are offloaded when the sidecar answers again.', 'wp-media-cloud' ) . '</p>';
		}
		$actions = '' === (string) $result['fix'] ? '' : '<p>' . esc_html( (string) $result['fix'] ) . '</p>';
		$actions .= '<p><a href="' . esc_url( admin_url( 'admin.php?page=media-cloud-health' ) ) . '">' . esc_html__( 'Media Cloud › Health', 'wp-media-cloud' ) . '</a></p>';
		return array(
			'label'               => $titles[ $result['cause'] ],
			'status'              => 'critical',
			'badge'               => array( 'label' => __( 'Media Cloud', 'wp-media-cloud' ), 'color' => 'red' ),
			'description'         => $description,
			'actions'             => $actions,
			'test'                => 'wp_media_cloud_' . self::FIRST,
			'wp_media_cloud_skip' => array_map( static fn ( string $id ) => '/' . Rest_Routes::NAMESPACE . '/site-health/' . $id, self::dependents() ),
		);
	}

	/**
	 * A held-back check asked for all the same (a direct REST call, or a page without the grouping script): one
	 * "not tested" improvement pointing at the cause, never the same critical failure again.
	 *
	 * @param array<string, mixed> $result The blocking result.
	 * @return array<string, mixed>
	 */
	private static function held_back( string $id, array $result ): array {
		$label = Runner::labels()[ $id ];
		return array(
			/* translators: %s: check name. */
			'label'       => sprintf( __( '%s: not tested', 'wp-media-cloud' ), $label ),
			'status'      => 'recommended',
			'badge'       => array( 'label' => __( 'Media Cloud', 'wp-media-cloud' ), 'color' => 'blue' ),
			/* translators: %s: the cause. */
			'description' => '<p>' . esc_html( sprintf( __( 'Not tested: %s', 'wp-media-cloud' ), (string) $result['description'] ) ) . '</p>',
			'actions'     => '' === (string) $result['fix'] ? '' : '<p>' . esc_html( (string) $result['fix'] ) . '</p>',
			'test'        => 'wp_media_cloud_' . $id,
		);
	}

	/**
	 * On Tools › Site Health: when API connectivity answers the grouped item, marks the checks it names done in
	 * core's queue (`SiteHealth.site_status.async`, which core walks in order and skips entries marked completed).
	 */
	public function add_grouping_script( $hook_suffix ): void {
		if ( 'site-health.php' !== $hook_suffix ) {
			return;
		}
		$script = <<<'JS'
( function () {
	if ( ! window.wp || ! window.wp.hooks ) {
		return;
	}
	window.wp.hooks.addFilter( 'site_status_test_result', 'wp-media-cloud/group-held-back-checks', function ( result ) {
		var skip = result && result.wp_media_cloud_skip;
		var queue = window.SiteHealth && window.SiteHealth.site_status && window.SiteHealth.site_status.async;
		if ( ! Array.isArray( skip ) || ! Array.isArray( queue ) ) {
			return result;
		}
		queue.forEach( function ( test ) {
			var url = decodeURIComponent( String( test.test ) ).split( '&' )[ 0 ];
			skip.forEach( function ( route ) {
				if ( url.slice( -route.length ) === route ) {
					test.completed = true;
				}
			} );
		} );
		return result;
	} );
} )();
JS;
		wp_add_inline_script( 'site-health', $script );
	}
}

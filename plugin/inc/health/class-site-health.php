<?php
/**
 * Shows every Media Cloud check in Tools › Site Health. The checks run once per page load (memoized), so the
 * eleven tests cost one sidecar request.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Site_Health {

	/** @var array<string, array<string, mixed>>|null Results of this request, by check id. */
	private static ?array $results = null;

	public function register(): void {
		add_filter( 'site_status_tests', array( $this, 'add_tests' ) );
	}

	public function unregister(): void {
		remove_filter( 'site_status_tests', array( $this, 'add_tests' ) );
	}

	/**
	 * @param array<string, array<string, mixed>> $tests Core's tests.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_tests( $tests ) {
		foreach ( Runner::labels() as $id => $label ) {
			$tests['direct'][ 'wp_media_cloud_' . $id ] = array(
				'label' => $label,
				'test'  => static fn () => self::site_health_result( $id ),
			);
		}
		return $tests;
	}

	/**
	 * One check's result in core's format (HTML description and actions, a badge).
	 *
	 * @return array<string, mixed>
	 */
	public static function site_health_result( string $id ): array {
		if ( null === self::$results ) {
			self::$results = array();
			foreach ( Runner::run()['results'] as $result ) {
				self::$results[ $result['test'] ] = $result;
			}
		}
		$result = self::$results[ $id ] ?? Result::problem( $id, Runner::labels()[ $id ], 'not_tested', __( 'This check did not run.', 'wp-media-cloud' ), '', 'recommended' );
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

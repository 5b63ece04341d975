<?php
/**
 * `wp media-cloud health [--checks=<ids>] [--format=table|json]`: the same checks as the Health page. Exits with
 * an error when a check is critical, so scripts can act on it.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Health_Command {

	public function register(): void {
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			\WP_CLI::add_command( 'media-cloud health', array( $this, 'health' ) );
		}
	}

	public function unregister(): void {
		// WP-CLI has no way to remove a command; it lives only for one CLI process anyway.
	}

	/**
	 * Runs the Media Cloud health checks.
	 *
	 * ## OPTIONS
	 *
	 * [--checks=<ids>]
	 * : Comma-separated check ids (connectivity, credentials, upload, public_access, cdn, clock_skew,
	 * offload_status, rewrite_urls, page_cache, hardcoded_urls, missing_files). All by default.
	 *
	 * [--format=<format>]
	 * : table or json.
	 * ---
	 * default: table
	 * ---
	 *
	 * @param array<int, string>    $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args Options.
	 */
	public function health( $args, $assoc_args ): void {
		$checks = array_filter( array_map( 'trim', explode( ',', (string) ( $assoc_args['checks'] ?? '' ) ) ) );
		$report = Runner::run( $checks );
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI::line( (string) wp_json_encode( $report, JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT ) );
		} else {
			$rows = array_map(
				static fn ( array $result ) => array(
					'check'  => $result['label'],
					'status' => $result['status'],
					'result' => $result['description'],
					'fix'    => (string) ( $result['fix'] ?? '' ),
				),
				$report['results']
			);
			\WP_CLI\Utils\format_items( 'table', $rows, array( 'check', 'status', 'result', 'fix' ) );
		}
		$critical = array_filter( $report['results'], static fn ( array $result ) => 'critical' === $result['status'] );
		if ( $critical ) {
			/* translators: %d: number of critical checks. */
			\WP_CLI::error( sprintf( _n( '%d check is critical.', '%d checks are critical.', count( $critical ), 'wp-media-cloud' ), count( $critical ) ) );
		}
		\WP_CLI::success( __( 'No critical problems found.', 'wp-media-cloud' ) );
	}
}

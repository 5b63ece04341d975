<?php
/**
 * `wp media-cloud health [--checks=<ids>] [--format=table|json]`: the same checks as the Health page. Exits with
 * an error when a check is critical, so scripts can act on it; unknown check ids are refused with the valid ones.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Cli\Output;

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
	 * Runs the storage and site checks of the Health page.
	 *
	 * Each failure comes with its cause and the fix (docs/health.md). Exits 1 when
	 * a check is critical. With --format=json stdout holds only the report
	 * `{ results, ran_at }`; the summary goes to stderr.
	 *
	 * ## OPTIONS
	 *
	 * [--checks=<ids>]
	 * : Comma-separated check ids: connectivity, credentials, upload,
	 * public_access, cdn, clock_skew, offload_status, rewrite_urls,
	 * stored_settings, page_cache, hardcoded_urls, missing_files,
	 * sidecar_version. All by default.
	 *
	 * [--format=<format>]
	 * : How to print the results: table or json.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud health
	 *     wp media-cloud health --checks=connectivity,credentials,upload
	 *     wp media-cloud health --format=json | jq '.results[].status'
	 *
	 * @param array<int, string>    $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args Options.
	 */
	public function health( $args, $assoc_args ): void {
		$checks  = array_values( array_filter( array_map( 'trim', explode( ',', (string) ( $assoc_args['checks'] ?? '' ) ) ) ) );
		$unknown = array_diff( $checks, Runner::ids() );
		if ( $unknown ) {
			\WP_CLI::error(
				sprintf(
					/* translators: 1: the unknown check ids, 2: the valid ids. */
					__( 'Unknown check id: %1$s. Nothing was run. Valid ids: %2$s.', 'wp-media-cloud' ),
					implode( ', ', $unknown ),
					implode( ', ', Runner::ids() )
				)
			);
		}
		if ( isset( $assoc_args['checks'] ) && ! $checks ) {
			/* translators: %s: the valid check ids. */
			\WP_CLI::error( sprintf( __( '--checks is empty: give check ids separated by commas (%s), or leave it out to run every check.', 'wp-media-cloud' ), implode( ', ', Runner::ids() ) ) );
		}
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
		// Stdout holds only the report in json; the summary goes to stderr there.
		Output::success( __( 'No critical problems found.', 'wp-media-cloud' ), $assoc_args );
	}
}

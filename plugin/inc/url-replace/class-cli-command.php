<?php
/**
 * `wp media-cloud replace`: the URL Replace tool from the command line, running the same batches as the Tools page.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Cli_Command {

	/**
	 * Rewrites the upload URLs stored in post content, excerpts and postmeta to the cloud URLs of offloaded files
	 * (or back to local URLs with --reverse). Every changed value is backed up and can be undone.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : List what would change without writing anything.
	 *
	 * [--reverse]
	 * : Rewrite cloud URLs back to local upload URLs (before leaving the plugin, or before changing CDN).
	 *
	 * [--undo=<run>]
	 * : Restore every value a run changed (the run ID is printed at the end of each run).
	 *
	 * [--from=<url>]
	 * : An earlier cloud base URL (old CDN host or bucket URL) whose URLs are rewritten too. Comma-separated for several.
	 *
	 * [--post-type=<types>]
	 * : Only posts of these types (comma-separated), and their meta.
	 *
	 * [--format=<format>]
	 * : How to print the list of changes.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - csv
	 *   - json
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud replace --dry-run
	 *     wp media-cloud replace
	 *     wp media-cloud replace --undo=20260627120000-a1b2c3
	 *     wp media-cloud replace --reverse --from=https://old-cdn.example.com
	 *
	 * @param array<int, string>    $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args Flags.
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		if ( isset( $assoc_args['undo'] ) ) {
			$this->undo( (string) $assoc_args['undo'] );
			return;
		}
		$run = Runs::start(
			array(
				'direction'  => empty( $assoc_args['reverse'] ) ? 'to-cloud' : 'to-local',
				'dry_run'    => ! empty( $assoc_args['dry-run'] ),
				'from'       => self::list_flag( $assoc_args, 'from' ),
				'post_types' => self::list_flag( $assoc_args, 'post-type' ),
			)
		);
		$run = $this->loop( $run, static fn ( array $current ) => Runs::advance( $current['id'] ), 'running', 'processed', 'total' );
		$changes = Runs::changes( $run['id'], 'items', 1, PHP_INT_MAX )['items'];
		$fields  = array( 'post_id', 'field', 'old_url', 'new_url', 'occurrences' );
		if ( $changes || 'count' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI\Utils\format_items( $assoc_args['format'] ?? 'table', $changes, $fields );
		}
		foreach ( Runs::changes( $run['id'], 'skipped', 1, PHP_INT_MAX )['items'] as $skipped ) {
			\WP_CLI::warning( sprintf( 'Left alone (%s): %s in post %d, %s', $skipped['reason'], $skipped['url'], $skipped['post_id'], $skipped['field'] ) );
		}
		if ( $run['dry_run'] ) {
			\WP_CLI::success( sprintf( 'Dry run %s: %d URLs in %d values would change (%d rows scanned). Nothing was written.', $run['id'], $run['urls'], $run['changed'], $run['processed'] ) );
			return;
		}
		if ( $run['conflicts'] ) {
			\WP_CLI::warning( sprintf( '%d values were edited while the run read them and were left alone; run the command again to include them.', $run['conflicts'] ) );
		}
		$purged = $run['purged'] ? ' Caches purged: ' . implode( ', ', $run['purged'] ) . '.' : '';
		\WP_CLI::success( sprintf( 'Run %s: replaced %d URLs in %d values.%s Undo with: wp media-cloud replace --undo=%s', $run['id'], $run['urls'], $run['changed'], $purged, $run['id'] ) );
	}

	private function undo( string $id ): void {
		$run = $this->loop( Runs::undo( $id ), static fn ( array $current ) => Runs::undo( $current['id'] ), 'undoing', 'undo_chunk', 'chunks' );
		if ( $run['undo_conflicts'] ) {
			\WP_CLI::warning( sprintf( '%d values were edited after the run and were kept as they are now.', $run['undo_conflicts'] ) );
		}
		\WP_CLI::success( sprintf( 'Run %s undone: %d values restored.', $run['id'], $run['restored'] ) );
	}

	/**
	 * Calls `$next` while the run is in `$state`, with a progress bar. Stops with an error on a WP_Error.
	 *
	 * @param array<string, mixed>|\WP_Error $run  The run so far.
	 * @param callable                       $next Does one more batch.
	 * @return array<string, mixed>
	 */
	private function loop( $run, callable $next, string $state, string $done_key, string $total_key ): array {
		$run      = self::or_fail( $run );
		$progress = \WP_CLI\Utils\make_progress_bar( 'running' === $state ? 'Scanning rows' : 'Restoring', max( 1, (int) $run[ $total_key ] ) );
		$shown    = 0;
		while ( true ) {
			$done = 'running' === $state ? (int) $run[ $done_key ] : (int) $run[ $total_key ] - (int) ( $run[ $done_key ] ?? 0 );
			$progress->tick( max( 0, $done - $shown ) );
			$shown = max( $shown, $done );
			if ( $state !== $run['state'] ) {
				break;
			}
			$run = self::or_fail( $next( $run ) );
		}
		$progress->finish();
		return $run;
	}

	/**
	 * @param array<string, mixed>|\WP_Error $result A run or an error.
	 * @return array<string, mixed>
	 */
	private static function or_fail( $result ): array {
		if ( is_wp_error( $result ) ) {
			$data = (array) $result->get_error_data();
			\WP_CLI::error( $result->get_error_message() . ( empty( $data['remedy'] ) ? '' : ' ' . $data['remedy'] ) );
		}
		return $result;
	}

	/**
	 * @param array<string, string> $assoc_args Flags.
	 * @return array<int, string>
	 */
	private static function list_flag( array $assoc_args, string $name ): array {
		return empty( $assoc_args[ $name ] ) ? array() : array_values( array_filter( array_map( 'trim', explode( ',', (string) $assoc_args[ $name ] ) ) ) );
	}
}

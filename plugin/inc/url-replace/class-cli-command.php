<?php
/**
 * `wp media-cloud replace`: the URL Replace tool from the command line, running the same batches as the Tools page.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Cli\Output;

final class Cli_Command {

	/**
	 * Rewrites local upload URLs in posts to cloud URLs, or back.
	 *
	 * The URLs stored in post content, excerpts and postmeta become the cloud URLs
	 * of offloaded files (or local URLs again with --reverse), in the same batches
	 * as the Tools page. Every changed value is backed up and can be undone. With
	 * a machine format stdout holds only the list of changes; the summary goes to
	 * stderr.
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : List what would change without writing anything.
	 *
	 * [--reverse]
	 * : Rewrite cloud URLs back to local upload URLs (before leaving the plugin,
	 * or before changing CDN).
	 *
	 * [--undo=<run>]
	 * : Restore every value a run changed (the run ID is printed at the end of
	 * each run).
	 *
	 * [--from=<url>]
	 * : An earlier cloud base URL (old CDN host or bucket URL) whose URLs are
	 * rewritten too. Comma-separated for several.
	 *
	 * [--post-type=<types>]
	 * : Only posts of these types (comma-separated), and their meta.
	 *
	 * [--format=<format>]
	 * : How to print the list of changes: table, csv, json, yaml or count.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - csv
	 *   - json
	 *   - yaml
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
			$this->undo( (string) $assoc_args['undo'], $assoc_args );
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
		$run     = $this->loop( $run, static fn ( array $current ) => Runs::advance( $current['id'] ), 'running', 'processed', 'total', $assoc_args );
		$changes = Runs::changes( $run['id'], 'items', 1, PHP_INT_MAX )['items'];
		$fields  = array( 'post_id', 'field', 'old_url', 'new_url', 'occurrences' );
		// A machine format prints its empty list too (`[]`, `0`): a script always gets something to parse.
		if ( $changes || Output::for_machines( $assoc_args ) ) {
			\WP_CLI\Utils\format_items( $assoc_args['format'] ?? 'table', $changes, $fields );
		}
		foreach ( Runs::changes( $run['id'], 'skipped', 1, PHP_INT_MAX )['items'] as $skipped ) {
			\WP_CLI::warning( sprintf( /* translators: 1: why, 2: URL, 3: post id, 4: field (post_content or a meta key). */ __( 'Left alone (%1$s): %2$s in post %3$d, %4$s', 'wp-media-cloud' ), $skipped['reason'], $skipped['url'], $skipped['post_id'], $skipped['field'] ) );
		}
		if ( $run['dry_run'] ) {
			Output::success( sprintf( /* translators: 1: run id, 2: number of URLs, 3: number of values, 4: number of rows. */ __( 'Dry run %1$s: %2$d URLs in %3$d values would change (%4$d rows scanned). Nothing was written.', 'wp-media-cloud' ), $run['id'], $run['urls'], $run['changed'], $run['processed'] ), $assoc_args );
			return;
		}
		if ( $run['conflicts'] ) {
			\WP_CLI::warning( sprintf( /* translators: %d: number of values. */ __( '%d values were edited while the run read them and were left alone; run the command again to include them.', 'wp-media-cloud' ), $run['conflicts'] ) );
		}
		/* translators: %s: list of page caches. */
		$purged = $run['purged'] ? ' ' . sprintf( __( 'Caches purged: %s.', 'wp-media-cloud' ), implode( ', ', $run['purged'] ) ) : '';
		/* translators: 1: run id, 2: number of URLs, 3: number of values, 4: the caches purged (a sentence, or nothing), 5: the undo command. */
		Output::success( sprintf( __( 'Run %1$s: replaced %2$d URLs in %3$d values.%4$s Undo with: %5$s', 'wp-media-cloud' ), $run['id'], $run['urls'], $run['changed'], $purged, 'wp media-cloud replace --undo=' . $run['id'] ), $assoc_args );
	}

	/** @param array<string, string> $assoc_args Flags. */
	private function undo( string $id, array $assoc_args ): void {
		$run = $this->loop( Runs::undo( $id ), static fn ( array $current ) => Runs::undo( $current['id'] ), 'undoing', 'undo_chunk', 'chunks', $assoc_args );
		if ( $run['undo_conflicts'] ) {
			\WP_CLI::warning( sprintf( /* translators: %d: number of values. */ __( '%d values were edited after the run and were kept as they are now.', 'wp-media-cloud' ), $run['undo_conflicts'] ) );
		}
		Output::success( sprintf( /* translators: 1: run id, 2: number of values. */ __( 'Run %1$s undone: %2$d values restored.', 'wp-media-cloud' ), $run['id'], $run['restored'] ), $assoc_args );
	}

	/**
	 * Calls `$next` while the run is in `$state`, with a progress bar. Stops with an error on a WP_Error.
	 *
	 * @param array<string, mixed>|\WP_Error $run        The run so far.
	 * @param callable                       $next       Does one more batch.
	 * @param array<string, string>          $assoc_args Flags (no bar with a machine format: it draws on stdout).
	 * @return array<string, mixed>
	 */
	private function loop( $run, callable $next, string $state, string $done_key, string $total_key, array $assoc_args ): array {
		$run      = self::or_fail( $run );
		$progress = Output::progress_bar( 'running' === $state ? __( 'Scanning rows', 'wp-media-cloud' ) : __( 'Restoring', 'wp-media-cloud' ), (int) $run[ $total_key ], $assoc_args );
		$shown    = 0;
		while ( true ) {
			$done = 'running' === $state ? (int) $run[ $done_key ] : (int) $run[ $total_key ] - (int) ( $run[ $done_key ] ?? 0 );
			$progress->tick( max( 0, $done - $shown ) );
			$shown = max( $shown, $done );
			if ( $state !== $run['state'] ) {
				break;
			}
			$run = self::or_fail( $next( $run ), $progress );
		}
		$progress->finish();
		return $run;
	}

	/**
	 * @param array<string, mixed>|\WP_Error $result   A run or an error.
	 * @param \cli\Progress|\WP_CLI\NoOp|null  $progress The bar to stop where it is before the error.
	 * @return array<string, mixed>
	 */
	private static function or_fail( $result, $progress = null ): array {
		if ( is_wp_error( $result ) ) {
			if ( null !== $progress ) {
				Output::stop_bar( $progress );
			}
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

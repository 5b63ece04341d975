<?php
/**
 * `wp media-cloud move`: copies attachments whose record names another bucket, endpoint or provider to the
 * storage the settings point at now (they keep working where they are until then), on the migration's engine.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Migration\Move_Service;

final class Move_Command {

	private Run_Report $report;

	public function __construct( Progress_Follower $follower ) {
		$this->report = new Run_Report( $follower );
	}

	/**
	 * Copies attachments stored elsewhere to the current storage.
	 *
	 * For attachments whose record names another bucket, endpoint or provider:
	 * they keep working where they are until the run, in the background on the
	 * migration's engine, has copied them; it is followed with a progress bar.
	 * `pause`, `resume` and `cancel` act on that run. The old objects stay where
	 * they are. Exits 2 when some attachments failed, e.g. one whose old storage
	 * cannot be read (E_SOURCE_UNAVAILABLE).
	 *
	 * ## OPTIONS
	 *
	 * [<action>]
	 * : start (default), pause, resume or cancel.
	 * ---
	 * default: start
	 * options:
	 *   - start
	 *   - pause
	 *   - resume
	 *   - cancel
	 * ---
	 *
	 * [--ids=<ids>]
	 * : Only these attachments (comma-separated IDs).
	 *
	 * [--dry-run]
	 * : Only count the attachments stored elsewhere.
	 *
	 * [--detach]
	 * : Start (or resume) and return at once; the run goes on in the background.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud move --dry-run
	 *     wp media-cloud move
	 *     wp media-cloud move --ids=42,43 --detach
	 *     wp media-cloud move pause
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$action = $args[0] ?? 'start';
		$states = array(
			'pause'  => array( 'paused', __( 'Move paused. Resume with: wp media-cloud move resume', 'wp-media-cloud' ) ),
			'resume' => array( 'running', __( 'Move resumed in the background. Follow it with: wp media-cloud move', 'wp-media-cloud' ) ),
			'cancel' => array( 'cancelled', __( 'Move cancelled. What was moved stays moved; the rest keeps working where it is.', 'wp-media-cloud' ) ),
		);
		if ( isset( $states[ $action ] ) ) {
			Run_Report::exit_on_error( Move_Service::change_state( $states[ $action ][0] ) );
			\WP_CLI::success( $states[ $action ][1] );
			return;
		}
		$dry_run = ! empty( $assoc_args['dry-run'] );
		$only    = null;
		if ( isset( $assoc_args['ids'] ) ) {
			$only = array_map( static fn ( $id ) => filter_var( trim( $id ), FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) ), explode( ',', (string) $assoc_args['ids'] ) );
			if ( in_array( false, $only, true ) ) {
				/* translators: %s: the value given. */
				\WP_CLI::error( sprintf( __( '--ids must list attachment IDs separated by commas, not "%s".', 'wp-media-cloud' ), $assoc_args['ids'] ) );
			}
		}
		$started = Move_Service::start( $dry_run, null, $only );
		Run_Report::exit_on_error( $started );
		if ( $dry_run ) {
			// English keeps one form for every count (scripts read "1 attachments are"); other languages get theirs.
			/* translators: %d: number of attachments. */
			\WP_CLI::success( sprintf( _n( 'Dry run: %d attachments are stored elsewhere and would be moved to the current storage. Nothing was uploaded.', 'Dry run: %d attachments are stored elsewhere and would be moved to the current storage. Nothing was uploaded.', (int) $started['attachments'], 'wp-media-cloud' ), $started['attachments'] ) );
			return;
		}
		$this->report->finish( $started, static fn () => Move_Service::progress(), __( 'Moving attachments', 'wp-media-cloud' ), ! empty( $assoc_args['detach'] ), 'wp media-cloud move resume', __( 'Move', 'wp-media-cloud' ) );
	}
}

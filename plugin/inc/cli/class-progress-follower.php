<?php
/**
 * Follows a background run of the sidecar (migration or download back) with a WP-CLI progress bar until it
 * ends or is paused. Ctrl-C only stops watching: the run goes on in the background.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Progress_Follower {

	/** @param int $poll_microseconds Time between progress reads. */
	public function __construct( private int $poll_microseconds = 500000 ) {}

	/**
	 * @param callable $read    Returns the progress array or a WP_Error.
	 * @param string   $message Progress bar label.
	 * @param array    $first   The progress answered when the run started.
	 * @return array<string, mixed>|\WP_Error The last progress read.
	 */
	public function follow( callable $read, string $message, array $first ) {
		$bar      = \WP_CLI\Utils\make_progress_bar( $message, max( 1, (int) $first['total'] ) );
		$shown    = 0;
		$progress = $first;
		$failures = 0;
		while ( 'running' === $progress['state'] ) {
			usleep( $this->poll_microseconds );
			$next = $read();
			if ( is_wp_error( $next ) ) {
				// The sidecar restarting is not the end of the run: wait for it a while.
				if ( ++$failures > 60 ) {
					Output::stop_bar( $bar );
					return $next;
				}
				continue;
			}
			$failures = 0;
			$progress = $next;
			$reached  = (int) $progress['done'] + (int) $progress['failed'];
			if ( $reached > $shown ) {
				$bar->tick( $reached - $shown );
				$shown = $reached;
			}
		}
		// Paused, cancelled or stopped by the sidecar: the bar stays at what was reached, not 100 %.
		Output::end_bar( $bar, 'done' === $progress['state'] );
		return $progress;
	}
}

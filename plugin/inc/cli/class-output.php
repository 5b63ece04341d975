<?php
/**
 * What every `wp media-cloud` command prints around its data: with a machine format (json, csv, yaml, ids, count)
 * stdout carries the data alone, so `wp media-cloud health --format=json | jq` works, and the messages people read
 * (success, notes) go to stderr, where WP-CLI already writes warnings and errors. WP-CLI itself writes
 * `WP_CLI::success()` and `WP_CLI::log()` to stdout.
 *
 * Progress bars stop at the count they reached when a run ends early: php-cli-tools' `Progress::finish()` sets
 * the bar to its total first, which drew "100 %" just before "Error: Paused: …".
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Output {

	/** WP-CLI's formats for scripts (`WP_CLI\Formatter`): everything but `table`. */
	public const MACHINE_FORMATS = array( 'json', 'csv', 'yaml', 'ids', 'count' );

	/** @param array<string, mixed> $assoc_args The command's options. */
	public static function for_machines( array $assoc_args ): bool {
		return in_array( $assoc_args['format'] ?? 'table', self::MACHINE_FORMATS, true );
	}

	/**
	 * "Success: …", on stdout for people, on stderr when stdout carries a machine format.
	 *
	 * @param array<string, mixed> $assoc_args The command's options.
	 */
	public static function success( string $message, array $assoc_args = array() ): void {
		if ( ! self::for_machines( $assoc_args ) ) {
			\WP_CLI::success( $message );
			return;
		}
		self::to_stderr( \WP_CLI::colorize( '%GSuccess:%n ' ) . $message );
	}

	/**
	 * A plain note (WP_CLI::log), on stderr when stdout carries a machine format.
	 *
	 * @param array<string, mixed> $assoc_args The command's options.
	 */
	public static function note( string $message, array $assoc_args = array() ): void {
		if ( ! self::for_machines( $assoc_args ) ) {
			\WP_CLI::log( $message );
			return;
		}
		self::to_stderr( $message );
	}

	/**
	 * A progress bar, or none when stdout carries a machine format (the bar draws on stdout).
	 *
	 * @param array<string, mixed> $assoc_args The command's options.
	 * @return \cli\Progress|\WP_CLI\NoOp
	 */
	public static function progress_bar( string $label, int $count, array $assoc_args = array() ) {
		return self::for_machines( $assoc_args ) ? new \WP_CLI\NoOp() : \WP_CLI\Utils\make_progress_bar( $label, max( 1, $count ) );
	}

	/**
	 * Ends a bar where it is, e.g. 3 of 10 before the error that stopped the run.
	 *
	 * @param \cli\Progress|\WP_CLI\NoOp $bar A bar from progress_bar() or make_progress_bar().
	 */
	public static function stop_bar( $bar ): void {
		if ( $bar instanceof \cli\Notify ) {
			// Notify::finish() without Progress::finish()'s jump to the total.
			\cli\Streams::out( "\r" );
			$bar->display( true );
			\cli\Streams::line();
		}
	}

	/**
	 * Finishes a bar at 100 % when the work is done, else stops it at the count it reached.
	 *
	 * @param \cli\Progress|\WP_CLI\NoOp $bar A bar.
	 */
	public static function end_bar( $bar, bool $complete ): void {
		if ( $complete ) {
			$bar->finish();
		} else {
			self::stop_bar( $bar );
		}
	}

	private static function to_stderr( string $line ): void {
		if ( \WP_CLI::get_config( 'quiet' ) ) {
			return;
		}
		fwrite( STDERR, $line . "\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite -- WP-CLI's own loggers write to STDERR this way.
	}
}

<?php
/**
 * What the background-run commands (`migrate`, `download`, `move`) print: a progress line, the reason a run
 * paused itself, the failures, and the exit codes scripts rely on (0 done, 1 could not run, 2 items failed).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Run_Report {

	public function __construct( private Progress_Follower $follower ) {}

	/**
	 * Follows a started run unless detached, then reports failures with the exit code scripts rely on.
	 *
	 * @param array<string, mixed> $started     The progress answered when the run started.
	 * @param callable             $read        Reads the progress again.
	 * @param string               $resume_with The command that resumes this kind of run.
	 * @param string               $noun        What the run is called in messages ("Migration", "Move").
	 */
	public function finish( array $started, callable $read, string $label, bool $detach, string $resume_with, string $noun = 'Migration' ): void {
		if ( $detach ) {
			\WP_CLI::success( self::progress_line( $started, $noun ) . ' It goes on in the background.' );
			return;
		}
		$progress = $this->follower->follow( $read, $label, $started );
		self::exit_on_error( $progress );
		if ( ! empty( $progress['errors'] ) ) {
			\WP_CLI\Utils\format_items( 'table', $progress['errors'], array( 'attachment_id', 'code', 'reason', 'attempts', 'permanent' ) );
			// Each fix once, below the table, rather than one wide column repeating it.
			foreach ( array_unique( array_filter( array_column( $progress['errors'], 'remedy' ) ) ) as $remedy ) {
				\WP_CLI::line( 'What to do: ' . $remedy );
			}
		}
		if ( ! empty( $progress['paused_reason'] ) ) {
			\WP_CLI::line( self::progress_line( $progress, $noun ) );
			\WP_CLI::error( self::paused_message( $progress['paused_reason'], $resume_with ) );
		}
		if ( 'done' !== $progress['state'] ) {
			\WP_CLI::warning( self::progress_line( $progress, $noun ) );
			return;
		}
		if ( $progress['failed'] > 0 ) {
			\WP_CLI::warning( sprintf( '%d of %d attachments failed (listed above).', $progress['failed'], $progress['total'] ) );
			\WP_CLI::halt( Migration_Command::EXIT_ITEMS_FAILED );
		}
		\WP_CLI::success( sprintf( '%d attachments done (%s).', $progress['done'], size_format( (int) $progress['bytes'] ) ) );
	}

	/** @param array<string, mixed> $progress A run's progress. */
	public static function progress_line( array $progress, string $noun = 'Migration' ): string {
		$line = sprintf( '%s %s: %d of %d done, %d failed, %s', $noun, $progress['state'], $progress['done'], $progress['total'], $progress['failed'], size_format( (int) $progress['bytes'] ) ?: '0 B' );
		if ( 'running' === $progress['state'] && $progress['rate_per_second'] > 0 ) {
			$line .= sprintf( ', %.1f/s, about %s left', $progress['rate_per_second'], human_time_diff( 0, (int) $progress['eta_seconds'] ) );
		}
		return $line . '.';
	}

	/**
	 * What the numbers do not say: the sidecar paused the run itself (the storage refused the key, the bucket is
	 * gone…), or the storage stopped answering and the run waits for it.
	 *
	 * @param array<string, mixed> $progress A run's progress.
	 */
	public static function warn_about_run( array $progress, string $resume_with = 'wp media-cloud resume' ): void {
		if ( ! empty( $progress['paused_reason'] ) ) {
			\WP_CLI::warning( self::paused_message( $progress['paused_reason'], $resume_with ) );
		}
		if ( ! empty( $progress['waiting_for_storage'] ) ) {
			$waiting = $progress['waiting_for_storage'];
			\WP_CLI::warning( sprintf( 'Waiting for the storage: %s It is tried again by itself at %s; no file is marked failed meanwhile.', $waiting['message'] ?? '', wp_date( 'H:i:s', (int) ( $waiting['retry_at'] ?? 0 ) ) ) );
		}
	}

	/** @param array<string, mixed> $reason The run's paused_reason. */
	public static function paused_message( array $reason, string $resume_with ): string {
		return sprintf( 'Paused: %s %s Then run: %s', $reason['message'] ?? '', $reason['remedy'] ?? '', $resume_with );
	}

	public static function message( \WP_Error $error ): string {
		$data = (array) $error->get_error_data();
		return $error->get_error_message() . ( empty( $data['remedy'] ) ? '' : ' ' . $data['remedy'] );
	}

	/** @param mixed $result A service answer. */
	public static function exit_on_error( $result ): void {
		if ( is_wp_error( $result ) ) {
			\WP_CLI::error( self::message( $result ) );
		}
	}
}

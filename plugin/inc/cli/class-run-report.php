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
	 * @param string|null          $noun        What the run is called in messages, translated ("Migration", "Move").
	 */
	public function finish( array $started, callable $read, string $label, bool $detach, string $resume_with, ?string $noun = null ): void {
		if ( $detach ) {
			\WP_CLI::success( self::progress_line( $started, $noun ) . ' ' . __( 'It goes on in the background.', 'wp-media-cloud' ) );
			return;
		}
		$progress = $this->follower->follow( $read, $label, $started );
		self::exit_on_error( $progress );
		if ( ! empty( $progress['errors'] ) ) {
			\WP_CLI\Utils\format_items( 'table', $progress['errors'], array( 'attachment_id', 'code', 'reason', 'attempts', 'permanent' ) );
			// Each fix once, below the table, rather than one wide column repeating it.
			foreach ( array_unique( array_filter( array_column( $progress['errors'], 'remedy' ) ) ) as $remedy ) {
				/* translators: %s: what to do about a failure. */
				\WP_CLI::line( sprintf( __( 'What to do: %s', 'wp-media-cloud' ), $remedy ) );
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
			/* translators: 1: attachments failed, 2: attachments in the run. */
			\WP_CLI::warning( sprintf( _n( '%1$d of %2$d attachments failed (listed above).', '%1$d of %2$d attachments failed (listed above).', (int) $progress['failed'], 'wp-media-cloud' ), $progress['failed'], $progress['total'] ) );
			\WP_CLI::halt( Migration_Command::EXIT_ITEMS_FAILED );
		}
		// English keeps one form for every count (scripts read "1 attachments done"); other languages get theirs.
		/* translators: 1: number of attachments, 2: size, e.g. "12 MB". */
		\WP_CLI::success( sprintf( _n( '%1$d attachments done (%2$s).', '%1$d attachments done (%2$s).', (int) $progress['done'], 'wp-media-cloud' ), $progress['done'], size_format( (int) $progress['bytes'] ) ) );
	}

	/** @param array<string, mixed> $progress A run's progress. */
	public static function progress_line( array $progress, ?string $noun = null ): string {
		$line = sprintf(
			/* translators: 1: what runs ("Migration", "Download", "Move"), 2: its state ("running", "paused"…), 3: attachments done, 4: attachments in the run, 5: attachments failed, 6: size, e.g. "12 MB". */
			__( '%1$s %2$s: %3$d of %4$d done, %5$d failed, %6$s', 'wp-media-cloud' ),
			$noun ?? __( 'Migration', 'wp-media-cloud' ),
			self::state_word( (string) $progress['state'] ),
			$progress['done'],
			$progress['total'],
			$progress['failed'],
			size_format( (int) $progress['bytes'] ) ?: '0 B'
		);
		if ( 'running' === $progress['state'] && $progress['rate_per_second'] > 0 ) {
			/* translators: 1: attachments per second, 2: time left, e.g. "5 mins". */
			$line .= sprintf( __( ', %1$.1f/s, about %2$s left', 'wp-media-cloud' ), $progress['rate_per_second'], human_time_diff( 0, (int) $progress['eta_seconds'] ) );
		}
		return $line . '.';
	}

	/** A run's state as people read it; the state itself stays the sidecar's word in JSON. */
	private static function state_word( string $state ): string {
		$words = array(
			'idle'      => _x( 'idle', 'state of a run', 'wp-media-cloud' ),
			'running'   => _x( 'running', 'state of a run', 'wp-media-cloud' ),
			'paused'    => _x( 'paused', 'state of a run', 'wp-media-cloud' ),
			'done'      => _x( 'done', 'state of a run', 'wp-media-cloud' ),
			'cancelled' => _x( 'cancelled', 'state of a run', 'wp-media-cloud' ),
		);
		return $words[ $state ] ?? $state;
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
			/* translators: 1: why the storage is not answering, 2: time of the next try, e.g. 14:05:09. */
			\WP_CLI::warning( sprintf( __( 'Waiting for the storage: %1$s It is tried again by itself at %2$s; no file is marked failed meanwhile.', 'wp-media-cloud' ), $waiting['message'] ?? '', wp_date( 'H:i:s', (int) ( $waiting['retry_at'] ?? 0 ) ) ) );
		}
	}

	/** @param array<string, mixed> $reason The run's paused_reason. */
	public static function paused_message( array $reason, string $resume_with ): string {
		/* translators: 1: why the run paused, 2: what to do, 3: the command that resumes it. */
		return sprintf( __( 'Paused: %1$s %2$s Then run: %3$s', 'wp-media-cloud' ), $reason['message'] ?? '', $reason['remedy'] ?? '', $resume_with );
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

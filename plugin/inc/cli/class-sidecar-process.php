<?php
/**
 * The sidecar as a background process where there is no systemd: started detached (its own session, so it
 * outlives the shell), its pid in `sidecar.pid` and its output appended to `sidecar.log`, both in the data folder.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Sidecar_Process {

	public function __construct( private string $data_dir ) {}

	public function pid_file(): string {
		return $this->data_dir . '/' . Sidecar_Runtime::PID_FILE;
	}

	public function log_file(): string {
		return $this->data_dir . '/' . Sidecar_Runtime::LOG_FILE;
	}

	/** The pid of the sidecar this folder's pid file names, while that process runs and is a sidecar; else null. */
	public function pid(): ?int {
		$pid = (int) trim( (string) @file_get_contents( $this->pid_file() ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		if ( $pid <= 1 || ! self::alive( $pid ) ) {
			return null;
		}
		// A pid reused by another program after a reboot must never be signalled.
		$command = (string) @file_get_contents( '/proc/' . $pid . '/cmdline' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		if ( '' !== $command && ! preg_match( '#sidecar/(main\.js|src/main\.ts)#', $command ) ) {
			return null;
		}
		return $pid;
	}

	/**
	 * Starts node with the entry's arguments and the environment, detached.
	 *
	 * @param array{args: array<int, string>, cwd: ?string} $entry Sidecar_Runtime::entry().
	 * @param array<string, string>                         $env   The sidecar's environment (the environment file).
	 * @param array{uid: int, gid: int, name: string}|null  $user  Run as this user (only when started as root).
	 * @return int|string The pid, or what went wrong.
	 */
	public function start( string $node, array $entry, array $env, ?array $user ) {
		if ( ! function_exists( 'proc_open' ) ) {
			return __( 'PHP cannot start processes here (proc_open is disabled): run the sidecar as a systemd service instead (`wp media-cloud sidecar setup` prints the unit where systemd runs).', 'wp-media-cloud' );
		}
		$command = array_merge( array( $node ), $entry['args'] );
		$setpriv = Sidecar_Runtime::which( 'setpriv' );
		if ( null !== $user && '' !== $setpriv ) {
			// Root starts it as the web server's user, so the files it downloads back belong to WordPress.
			$command = array_merge( array( $setpriv, '--reuid=' . $user['uid'], '--regid=' . $user['gid'], '--init-groups', '--' ), $command );
		}
		$setsid = Sidecar_Runtime::which( 'setsid' );
		if ( '' !== $setsid ) {
			$command = array_merge( array( $setsid ), $command );
		}
		$shell = sprintf(
			'%s%s >> %s 2>&1 < /dev/null & echo $!',
			'' === $setsid ? 'nohup ' : '',
			implode( ' ', array_map( 'escapeshellarg', $command ) ),
			escapeshellarg( $this->log_file() )
		);
		$this->append_log( sprintf( '[wp media-cloud] %s: starting %s', gmdate( 'c' ), implode( ' ', $command ) ) );
		if ( null !== $user ) {
			// Root made the log: the user it runs as must be able to start and stop it later, without root.
			@chown( $this->log_file(), $user['uid'] ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_chown
			@chgrp( $this->log_file(), $user['gid'] ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_chgrp
		}
		$base    = array_filter(
			array(
				'PATH' => (string) getenv( 'PATH' ),
				'HOME' => (string) getenv( 'HOME' ),
				'LANG' => (string) getenv( 'LANG' ),
			)
		);
		$process = proc_open( array( '/bin/sh', '-c', $shell ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, $entry['cwd'] ?? $this->data_dir, $env + $base );
		if ( ! is_resource( $process ) ) {
			return __( 'The sidecar could not be started (proc_open failed).', 'wp-media-cloud' );
		}
		$out = (string) stream_get_contents( $pipes[1] );
		$err = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		fclose( $pipes[2] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		proc_close( $process );
		$pid = (int) trim( $out );
		if ( $pid <= 1 ) {
			/* translators: %s: what the shell printed. */
			return sprintf( __( 'The sidecar could not be started: %s', 'wp-media-cloud' ), trim( $err ) );
		}
		file_put_contents( $this->pid_file(), $pid . "\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
		if ( null !== $user ) {
			@chown( $this->pid_file(), $user['uid'] ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_chown
		}
		return $pid;
	}

	/** Stops the process: SIGTERM (it finishes its requests and closes the job database), SIGKILL after the wait. */
	public function stop( int $wait_seconds = 10 ): bool {
		$pid = $this->pid();
		if ( null === $pid ) {
			@unlink( $this->pid_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
			return false;
		}
		self::signal( $pid, 15 );
		$until = microtime( true ) + $wait_seconds;
		while ( self::alive( $pid ) && microtime( true ) < $until ) {
			usleep( 100000 );
		}
		if ( self::alive( $pid ) ) {
			self::signal( $pid, 9 );
			usleep( 200000 );
		}
		@unlink( $this->pid_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
		$this->append_log( sprintf( '[wp media-cloud] %s: stopped (pid %d)', gmdate( 'c' ), $pid ) );
		return ! self::alive( $pid );
	}

	/** The log's last lines, JSON lines made readable (Sidecar_Log_Lines). */
	public function tail( int $lines ): string {
		$text = (string) @file_get_contents( $this->log_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		if ( '' === $text ) {
			return '';
		}
		return Sidecar_Log_Lines::readable( implode( "\n", array_slice( preg_split( '/\r?\n/', rtrim( $text, "\n" ) ), -max( 1, $lines ) ) ) );
	}

	private function append_log( string $line ): void {
		@file_put_contents( $this->log_file(), $line . "\n", FILE_APPEND ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
	}

	public static function alive( int $pid ): bool {
		$stat = @file_get_contents( '/proc/' . $pid . '/stat' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		if ( is_string( $stat ) ) {
			// A zombie (exited, not reaped yet: a container's init may never reap it) is not running.
			return 1 !== preg_match( '/\) [ZX] /', $stat );
		}
		if ( function_exists( 'posix_kill' ) ) {
			// Signal 0 checks the process exists; EPERM (1) means it exists but belongs to another user.
			return posix_kill( $pid, 0 ) || 1 === posix_get_last_error();
		}
		return false;
	}

	private static function signal( int $pid, int $signal ): void {
		if ( function_exists( 'posix_kill' ) ) {
			posix_kill( $pid, $signal );
		} elseif ( function_exists( 'exec' ) ) {
			exec( sprintf( 'kill -%d %d 2>/dev/null', $signal, $pid ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		}
	}
}

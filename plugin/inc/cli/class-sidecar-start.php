<?php
/**
 * What `wp media-cloud sidecar start` does: starts the systemd service where setup installed one; else checks that
 * nothing else answers or holds the port, that the environment file carries the secret of wp-config.php, starts
 * the sidecar in the background (as the uploads' owner when root runs this) and waits until it answers, showing
 * the end of its log when it does not.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Client;

final class Sidecar_Start {

	/** @param array<string, string> $assoc_args The command's options. */
	public function run( array $assoc_args ): void {
		$timeout = filter_var( $assoc_args['timeout'] ?? 30, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
		if ( false === $timeout ) {
			/* translators: %s: the value given. */
			\WP_CLI::error( sprintf( __( '--timeout must be a whole number of seconds, 1 or more, not "%s".', 'wp-media-cloud' ), $assoc_args['timeout'] ) );
		}
		$state = Sidecar_Service::state_or_fail();
		if ( Sidecar_Service::uses_systemd( $state ) ) {
			Sidecar_Service::systemctl( array( 'start', $state['unit'] ) );
			Sidecar_Service::finish_with_status( Sidecar_Client::url(), Sidecar_Client::secret(), sprintf( 'journalctl -u %s', $state['unit'] ) );
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		$running = $process->pid();
		if ( null !== $running ) {
			/* translators: 1: process id, 2: the sidecar's URL. */
			\WP_CLI::success( sprintf( __( 'The sidecar already runs (pid %1$d) at %2$s.', 'wp-media-cloud' ), $running, Sidecar_Client::url() ) );
			return;
		}
		$answer = Sidecar_Client::request( 'GET', '/v1/status', null, 5 );
		if ( ! is_wp_error( $answer ) ) {
			/* translators: %s: the sidecar's URL. */
			\WP_CLI::success( sprintf( __( 'A sidecar already answers at %s (started elsewhere, not by this command).', 'wp-media-cloud' ), Sidecar_Client::url() ) );
			return;
		}
		$env = $this->environment( $state['data_dir'] );
		$port = (int) ( $env['WPMC_PORT'] ?? Sidecar_Setup::DEFAULT_PORT );
		if ( Sidecar_Service::port_in_use( $port ) ) {
			/* translators: 1: port number, 2: the error of the signed request. */
			\WP_CLI::error( sprintf( __( 'Another program listens on port %1$d and does not answer as this site\'s sidecar (%2$s). Stop it, or move the sidecar: remove WP_MEDIA_CLOUD_SIDECAR_URL from wp-config.php and run `wp media-cloud sidecar setup --port=<a free port>`.', 'wp-media-cloud' ), $port, $answer->get_error_message() ) );
		}
		$entry = Sidecar_Runtime::entry();
		if ( null === $entry ) {
			\WP_CLI::error( Sidecar_Runtime::entry_missing() );
		}
		$node = Sidecar_Runtime::node( $assoc_args['node'] ?? ( '' !== $state['node'] ? $state['node'] : null ) );
		if ( is_string( $node ) && ! isset( $assoc_args['node'] ) ) {
			$node = Sidecar_Runtime::node( null ); // The binary setup found may be gone (a Node.js upgrade): look again.
		}
		if ( is_string( $node ) ) {
			\WP_CLI::error( $node );
		}
		$owner = Sidecar_Runtime::owner_of_uploads();
		$user  = Sidecar_Runtime::is_root() && null !== $owner && 0 !== $owner['uid'] ? $owner : null;
		$pid   = $process->start( $node['path'], $entry, $env, $user );
		if ( is_string( $pid ) ) {
			\WP_CLI::error( $pid );
		}
		$this->wait_until_it_answers( $process, $pid, $timeout, $user );
	}

	/**
	 * The environment setup wrote, with the secret wp-config.php holds.
	 *
	 * @return array<string, string>
	 */
	private function environment( string $data_dir ): array {
		$env_file = $data_dir . '/' . Sidecar_Runtime::ENV_FILE;
		$env      = Sidecar_Unit_Files::read_env( $env_file );
		if ( empty( $env['WPMC_SECRET'] ) ) {
			/* translators: %s: file path. */
			\WP_CLI::error( sprintf( __( 'The environment file %s is missing or unreadable: run `wp media-cloud sidecar setup` again.', 'wp-media-cloud' ), $env_file ) );
		}
		if ( ! hash_equals( Sidecar_Client::secret(), $env['WPMC_SECRET'] ) ) {
			\WP_CLI::error( __( 'The environment file holds another secret than WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php: run `wp media-cloud sidecar setup` again to write the current one.', 'wp-media-cloud' ) );
		}
		return $env;
	}

	/**
	 * Polls the status route until the sidecar answers or the timeout passes; a process that dies shows its log.
	 *
	 * @param array{name: string}|null $user The user the sidecar runs as, when not this one.
	 */
	private function wait_until_it_answers( Sidecar_Process $process, int $pid, int $timeout, ?array $user ): void {
		$until = microtime( true ) + $timeout;
		do {
			usleep( 250000 );
			if ( ! Sidecar_Process::alive( $pid ) ) {
				@unlink( $process->pid_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
				/* translators: 1: log file path, 2: the end of the log. */
				\WP_CLI::error( sprintf( __( "The sidecar stopped right after starting. The end of its log (%1\$s):\n%2\$s", 'wp-media-cloud' ), $process->log_file(), $process->tail( 20 ) ) );
			}
			$answer = Sidecar_Client::request( 'GET', '/v1/status', null, 2 );
		} while ( is_wp_error( $answer ) && microtime( true ) < $until );
		if ( is_wp_error( $answer ) ) {
			/* translators: 1: process id, 2: the sidecar's URL, 3: the error, 4: log file path, 5: the end of the log. */
			\WP_CLI::error( sprintf( __( "The sidecar runs (pid %1\$d) but does not answer at %2\$s: %3\$s\nThe end of its log (%4\$s):\n%5\$s", 'wp-media-cloud' ), $pid, Sidecar_Client::url(), $answer->get_error_message(), $process->log_file(), $process->tail( 20 ) ) );
		}
		\WP_CLI::success(
			null !== $user
				/* translators: 1: process id, 2: system user name, 3: the sidecar's URL, 4: log file path. */
				? sprintf( __( 'The sidecar runs (pid %1$d, as %2$s) and answers at %3$s. Log: %4$s', 'wp-media-cloud' ), $pid, $user['name'], Sidecar_Client::url(), $process->log_file() )
				/* translators: 1: process id, 2: the sidecar's URL, 3: log file path. */
				: sprintf( __( 'The sidecar runs (pid %1$d) and answers at %2$s. Log: %3$s', 'wp-media-cloud' ), $pid, Sidecar_Client::url(), $process->log_file() )
		);
	}
}

<?php
/**
 * `wp media-cloud sidecar setup|start|stop|restart|status|logs`: the commands and their help. The class docblock below is
 * what `wp help media-cloud sidecar` shows (WP-CLI reads the class's docblock, not the file's); what setup, start and
 * status do is in Sidecar_Setup, Sidecar_Start and Sidecar_Status, the saved state and the systemd service in Sidecar_Service, the private
 * folder and files in Private_Files.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Client;

/**
 * Sets up, starts, stops and checks the sidecar on this server.
 *
 * `setup` makes the shared secret and writes both constants into
 * wp-config.php, picks a data folder outside every folder the web server
 * serves, writes the sidecar's environment file there (mode 600) and, where
 * systemd runs and this user may, installs and starts a service (otherwise it
 * prints the unit). Without systemd, `start`, `stop`, `status` and `logs` run
 * it as a background process (pid and log files in the data folder).
 * After a plugin update, `restart` makes it run the version the plugin ships.
 *
 * Exit codes: 0 done, 1 could not (the message says what to do).
 *
 * ## EXAMPLES
 *
 *     wp media-cloud sidecar setup
 *     wp media-cloud sidecar start
 *     wp media-cloud sidecar status
 *     wp media-cloud sidecar restart
 */
final class Sidecar_Command {

	/**
	 * Prepares this server to run the sidecar; safe to run again.
	 *
	 * Writes the secret and both constants into wp-config.php, makes a data folder
	 * outside the web root with the environment file, and installs a systemd
	 * service where systemd runs. What is already in place is kept (the secret
	 * too).
	 *
	 * ## OPTIONS
	 *
	 * [--data-dir=<folder>]
	 * : Where the sidecar keeps its job database, environment, pid and log files.
	 * Must be outside the web root, wp-content and the uploads folder. Default:
	 * beside the web root (`/var/www/html` → `/var/www/html-media-cloud`).
	 *
	 * [--port=<port>]
	 * : The port the sidecar listens on (127.0.0.1), when
	 * WP_MEDIA_CLOUD_SIDECAR_URL is not defined yet. Default: 8787, or the next
	 * free one.
	 *
	 * [--node=<path>]
	 * : The Node.js binary (20, 22 or 24). Default: `node` on PATH.
	 *
	 * [--skip-systemd]
	 * : Do not install a systemd service even where systemd runs; use
	 * `wp media-cloud sidecar start`.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar setup
	 *     wp media-cloud sidecar setup --data-dir=/var/lib/wp-media-cloud/example --port=8788
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function setup( $args, $assoc_args ): void {
		( new Sidecar_Setup() )->run( (array) $assoc_args );
	}

	/**
	 * Starts the sidecar in the background and waits until it answers.
	 *
	 * Where setup installed a systemd service, starts the service instead. A
	 * sidecar already running is reported, not started twice.
	 *
	 * ## OPTIONS
	 *
	 * [--node=<path>]
	 * : The Node.js binary. Default: the one setup found.
	 *
	 * [--timeout=<seconds>]
	 * : How long to wait for it to answer, in seconds.
	 * ---
	 * default: 30
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar start
	 *     wp media-cloud sidecar start --node=/usr/local/bin/node --timeout=60
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function start( $args, $assoc_args ): void {
		( new Sidecar_Start() )->run( (array) $assoc_args );
	}

	/**
	 * Stops the sidecar started by `start` (or its systemd service).
	 *
	 * It refuses to stop a sidecar it did not start.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar stop
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function stop( $args, $assoc_args ): void {
		$state = Sidecar_Service::state_or_fail();
		if ( Sidecar_Service::uses_systemd( $state ) ) {
			Sidecar_Service::systemctl( array( 'stop', $state['unit'] ) );
			/* translators: %s: the systemd unit. */
			\WP_CLI::success( sprintf( __( 'Stopped %s.', 'wp-media-cloud' ), $state['unit'] ) );
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		$pid     = $process->pid();
		if ( null !== $pid ) {
			if ( ! $process->stop() ) {
				/* translators: %d: process id. */
				\WP_CLI::error( sprintf( __( 'The sidecar (pid %d) did not stop.', 'wp-media-cloud' ), $pid ) );
			}
			/* translators: %d: process id. */
			\WP_CLI::success( sprintf( __( 'Stopped the sidecar (pid %d).', 'wp-media-cloud' ), $pid ) );
			return;
		}
		if ( ! is_wp_error( Sidecar_Client::request( 'GET', '/v1/status', null, 5 ) ) ) {
			/* translators: 1: the sidecar's URL, 2: the data folder. */
			\WP_CLI::error( sprintf( __( 'A sidecar answers at %1$s, but it was not started by `wp media-cloud sidecar start` (no pid file in %2$s): stop it where it was started.', 'wp-media-cloud' ), Sidecar_Client::url(), $state['data_dir'] ) );
		}
		\WP_CLI::success( __( 'The sidecar is not running.', 'wp-media-cloud' ) );
	}

	/**
	 * Restarts the sidecar, so it runs the version the plugin ships.
	 *
	 * Needed after the plugin is updated: the files on disk are new, but the
	 * process keeps the old code until it restarts (Health names it: Sidecar
	 * version). Stops the sidecar `start` started and starts it again, waiting
	 * until it answers; where setup installed a systemd service, runs
	 * `systemctl restart` on it.
	 *
	 * ## OPTIONS
	 *
	 * [--node=<path>]
	 * : The Node.js binary. Default: the one setup found.
	 *
	 * [--timeout=<seconds>]
	 * : How long to wait for it to answer, in seconds.
	 * ---
	 * default: 30
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar restart
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function restart( $args, $assoc_args ): void {
		$state = Sidecar_Service::state_or_fail();
		if ( Sidecar_Service::uses_systemd( $state ) ) {
			Sidecar_Service::systemctl( array( 'restart', $state['unit'] ) );
			Sidecar_Service::finish_with_status( Sidecar_Client::url(), Sidecar_Client::secret(), sprintf( 'journalctl -u %s', $state['unit'] ) );
			return;
		}
		$this->stop( $args, array() ); // Ends the command when it cannot stop it (one started elsewhere).
		( new Sidecar_Start() )->run( (array) $assoc_args );
	}

	/**
	 * Says whether the sidecar answers, and how it runs.
	 *
	 * Sends a signed request to its status route; exits 1 when it does not answer,
	 * with the fix. A sidecar that runs another build than the plugin on disk
	 * (the plugin was updated, the process not restarted) is a warning with the
	 * restart command.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print the report: table or json (one object with answers, url,
	 * version, build, build_on_disk, outdated, uptime_seconds, error, pid,
	 * data_dir, log_file and unit).
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar status
	 *     wp media-cloud sidecar status --format=json
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function status( $args, $assoc_args ): void {
		Sidecar_Status::show( $assoc_args['format'] ?? 'table' );
	}

	/**
	 * Shows the end of the sidecar's log.
	 *
	 * The background process's log file, or the service's journal; each JSON line
	 * as time, level and message.
	 *
	 * ## OPTIONS
	 *
	 * [--lines=<n>]
	 * : How many of the last lines.
	 * ---
	 * default: 50
	 * ---
	 *
	 * [--follow]
	 * : Keep printing new lines (Ctrl-C stops).
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud sidecar logs --lines=100
	 *     wp media-cloud sidecar logs --follow
	 *
	 * @param array<int, string>    $args       Positional arguments.
	 * @param array<string, string> $assoc_args Options.
	 */
	public function logs( $args, $assoc_args ): void {
		$lines = filter_var( $assoc_args['lines'] ?? 50, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
		if ( false === $lines ) {
			/* translators: %s: the value given. */
			\WP_CLI::error( sprintf( __( '--lines must be a whole number of 1 or more, not "%s".', 'wp-media-cloud' ), $assoc_args['lines'] ) );
		}
		$state  = Sidecar_Service::state_or_fail();
		$follow = isset( $assoc_args['follow'] );
		if ( Sidecar_Service::uses_systemd( $state ) ) {
			passthru( sprintf( 'journalctl --no-pager -u %s -n %d%s', escapeshellarg( $state['unit'] ), $lines, $follow ? ' -f' : '' ), $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_passthru
			if ( 0 !== $code ) {
				/* translators: %s: the systemd unit. */
				\WP_CLI::error( sprintf( __( 'journalctl could not read the journal of %s (run as root or a member of systemd-journal).', 'wp-media-cloud' ), $state['unit'] ) );
			}
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		if ( ! is_file( $process->log_file() ) ) {
			/* translators: %s: log file path. */
			\WP_CLI::error( sprintf( __( 'No log yet (%s): the sidecar has not been started with `wp media-cloud sidecar start`.', 'wp-media-cloud' ), $process->log_file() ) );
		}
		if ( $follow ) {
			passthru( sprintf( 'tail -n %d -f %s', $lines, escapeshellarg( $process->log_file() ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_passthru
			return;
		}
		\WP_CLI::line( $process->tail( $lines ) );
	}
}

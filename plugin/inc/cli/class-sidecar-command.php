<?php
/**
 * `wp media-cloud sidecar setup|start|stop|status|logs`. The class docblock below is what `wp help media-cloud
 * sidecar` shows (WP-CLI reads the class's docblock, not the file's).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Client;
use WP_Media_Cloud\Signature;

/**
 * Sets up, starts, stops and checks the sidecar on this server.
 *
 * `setup` makes the shared secret and writes both constants into
 * wp-config.php, picks a data folder outside every folder the web server
 * serves, writes the sidecar's environment file there (mode 600) and, where
 * systemd runs and this user may, installs and starts a service (otherwise it
 * prints the unit). Without systemd, `start`, `stop`, `status` and `logs` run
 * it as a background process (pid and log files in the data folder).
 *
 * Exit codes: 0 done, 1 could not (the message says what to do).
 *
 * ## EXAMPLES
 *
 *     wp media-cloud sidecar setup
 *     wp media-cloud sidecar start
 *     wp media-cloud sidecar status
 */
final class Sidecar_Command {

	private const DEFAULT_PORT = 8787;

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
		$entry = Sidecar_Runtime::entry();
		if ( null === $entry ) {
			\WP_CLI::error( Sidecar_Runtime::entry_missing() );
		}
		$node = Sidecar_Runtime::node( $assoc_args['node'] ?? null );
		if ( is_string( $node ) ) {
			\WP_CLI::error( $node );
		}
		$data_dir = $this->choose_data_dir( $assoc_args['data-dir'] ?? null );

		// 1. The constants: what is defined stays; what is missing is added to wp-config.php.
		$url    = defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) ? untrailingslashit( (string) WP_MEDIA_CLOUD_SIDECAR_URL ) : 'http://127.0.0.1:' . $this->free_port( $assoc_args['port'] ?? null );
		$secret = Sidecar_Client::secret();
		if ( defined( 'WP_MEDIA_CLOUD_SIDECAR_SECRET' ) && strlen( $secret ) < 32 ) {
			\WP_CLI::error( 'WP_MEDIA_CLOUD_SIDECAR_SECRET is defined but shorter than 32 characters: remove it from wp-config.php and run this command again (it makes a new one), or set it to 64 random hex characters (`openssl rand -hex 32`).' );
		}
		if ( ! defined( 'WP_MEDIA_CLOUD_SIDECAR_SECRET' ) ) {
			$secret = bin2hex( random_bytes( 32 ) );
		}
		if ( defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) && isset( $assoc_args['port'] ) ) {
			\WP_CLI::warning( sprintf( 'WP_MEDIA_CLOUD_SIDECAR_URL is already defined (%s): --port is not used. Change the constant to move the sidecar.', $url ) );
		}
		$this->write_constants(
			array_filter(
				array(
					'WP_MEDIA_CLOUD_SIDECAR_URL'    => defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) ? null : $url,
					'WP_MEDIA_CLOUD_SIDECAR_SECRET' => defined( 'WP_MEDIA_CLOUD_SIDECAR_SECRET' ) ? null : $secret,
				)
			)
		);

		// 2. The data folder and the environment file, owned by the user the sidecar runs as.
		$owner = Sidecar_Runtime::owner_of_uploads();
		$this->make_private_dir( $data_dir, $owner );
		$parts = wp_parse_url( $url );
		$host  = trim( (string) ( $parts['host'] ?? '127.0.0.1' ), '[]' );
		if ( ! in_array( $host, array( '127.0.0.1', 'localhost', '::1' ), true ) ) {
			\WP_CLI::warning( sprintf( 'WP_MEDIA_CLOUD_SIDECAR_URL (%s) is not this machine\'s loopback: the sidecar set up here listens on 127.0.0.1; run it where that address leads, with this environment.', $url ) );
		}
		$env      = array(
			'WPMC_SECRET'         => $secret,
			'WPMC_UPLOADS_DIR'    => Sidecar_Runtime::uploads_dir(),
			'WPMC_WORDPRESS_URL'  => Sidecar_Runtime::wordpress_url(),
			'WPMC_WORDPRESS_ROOT' => Sidecar_Runtime::web_root(),
			'WPMC_HOST'           => '::1' === $host ? '::1' : '127.0.0.1',
			'WPMC_PORT'           => (string) ( $parts['port'] ?? ( 'https' === ( $parts['scheme'] ?? 'http' ) ? 443 : 80 ) ),
			'WPMC_DATA_DIR'       => $data_dir,
		);
		$env_file = $data_dir . '/' . Sidecar_Runtime::ENV_FILE;
		$changed  = $this->write_private_file( $env_file, Sidecar_Runtime::env_text( $env, sprintf( 'WP Media Cloud sidecar for %s, written by `wp media-cloud sidecar setup`. Keep it private: it holds the secret.', Sidecar_Runtime::wordpress_url() ) ), $owner );
		\WP_CLI::log( sprintf( 'Data folder: %s (outside the web root %s).', $data_dir, Sidecar_Runtime::web_root() ) );
		\WP_CLI::log( sprintf( 'Environment file: %s (%s, readable by %s only).', $env_file, $changed ? 'written' : 'unchanged', null !== $owner && Sidecar_Runtime::is_root() ? $owner['name'] : $this->current_user() ) );
		\WP_CLI::log( sprintf( 'Node.js: %s (%s).', $node['path'], $node['version'] ) );
		if ( ! in_array( $node['major'], Sidecar_Runtime::NODE_LINES, true ) ) {
			\WP_CLI::warning( sprintf( 'Node.js %s is not one of the supported lines (%s): if the sidecar does not start, install Node.js 22 or 24.', $node['version'], implode( ', ', Sidecar_Runtime::NODE_LINES ) ) );
		}
		\WP_CLI::log( sprintf( 'Sidecar: %s.', $entry['main'] ) );

		$state = array(
			'data_dir' => $data_dir,
			'node'     => $node['path'],
			'unit'     => '',
		);

		// 3. A service where systemd runs; else the background process of `start`.
		$process = new Sidecar_Process( $data_dir );
		if ( Sidecar_Runtime::has_systemd() && ! isset( $assoc_args['skip-systemd'] ) ) {
			$unit_name = Sidecar_Runtime::unit_name();
			$unit      = Sidecar_Runtime::unit_text( $node['path'], $entry, $env_file, $data_dir, $owner );
			$unit_file = '/etc/systemd/system/' . $unit_name;
			if ( Sidecar_Runtime::is_root() && is_writable( dirname( $unit_file ) ) ) {
				$unit_changed  = $this->write_private_file( $unit_file, $unit, null, 0644 );
				$state['unit'] = $unit_name;
				self::save_state( $state );
				if ( null !== $process->pid() ) {
					$process->stop();
					\WP_CLI::log( 'Stopped the background sidecar: the service runs it from now on.' );
				}
				$this->systemctl( array( 'daemon-reload' ) );
				$this->systemctl( array( 'enable', $unit_name ) );
				$this->systemctl( array( ( $unit_changed || $changed ) ? 'restart' : 'start', $unit_name ) );
				\WP_CLI::log( sprintf( 'systemd: %s %s, enabled and started.', $unit_file, $unit_changed ? 'written' : 'unchanged' ) );
				$this->finish_with_status( $url, $secret, sprintf( 'journalctl -u %s', $unit_name ) );
				return;
			}
			self::save_state( $state );
			\WP_CLI::log( sprintf( "systemd runs here, but %s cannot install services. As root, save this as %s:\n\n%s", $this->current_user(), $unit_file, $unit ) );
			\WP_CLI::log( sprintf( "then run:\n\n    systemctl daemon-reload && systemctl enable --now %s\n", $unit_name ) );
			\WP_CLI::success( 'Set up. Start the sidecar with the service above, or now with `wp media-cloud sidecar start`.' );
			return;
		}
		self::save_state( $state );
		if ( null !== $process->pid() ) {
			\WP_CLI::success( $changed ? 'Set up. The sidecar running now has the old environment: restart it with `wp media-cloud sidecar stop && wp media-cloud sidecar start`.' : 'Set up; the sidecar already runs (`wp media-cloud sidecar status`).' );
			return;
		}
		\WP_CLI::success( sprintf( 'Set up. %sStart the sidecar with `wp media-cloud sidecar start` (in the background; pid and log in %s).', Sidecar_Runtime::has_systemd() ? '' : 'No systemd on this machine. ', $data_dir ) );
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
		$timeout = filter_var( $assoc_args['timeout'] ?? 30, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
		if ( false === $timeout ) {
			\WP_CLI::error( sprintf( '--timeout must be a whole number of seconds, 1 or more, not "%s".', $assoc_args['timeout'] ) );
		}
		$state = $this->state_or_fail();
		if ( $this->uses_systemd( $state ) ) {
			$this->systemctl( array( 'start', $state['unit'] ) );
			$this->finish_with_status( Sidecar_Client::url(), Sidecar_Client::secret(), sprintf( 'journalctl -u %s', $state['unit'] ) );
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		$running = $process->pid();
		if ( null !== $running ) {
			\WP_CLI::success( sprintf( 'The sidecar already runs (pid %d) at %s.', $running, Sidecar_Client::url() ) );
			return;
		}
		$answer = Sidecar_Client::request( 'GET', '/v1/status', null, 5 );
		if ( ! is_wp_error( $answer ) ) {
			\WP_CLI::success( sprintf( 'A sidecar already answers at %s (started elsewhere, not by this command).', Sidecar_Client::url() ) );
			return;
		}
		$env_file = $state['data_dir'] . '/' . Sidecar_Runtime::ENV_FILE;
		$env      = Sidecar_Runtime::read_env( $env_file );
		if ( empty( $env['WPMC_SECRET'] ) ) {
			\WP_CLI::error( sprintf( 'The environment file %s is missing or unreadable: run `wp media-cloud sidecar setup` again.', $env_file ) );
		}
		if ( ! hash_equals( Sidecar_Client::secret(), $env['WPMC_SECRET'] ) ) {
			\WP_CLI::error( 'The environment file holds another secret than WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php: run `wp media-cloud sidecar setup` again to write the current one.' );
		}
		$port = (int) ( $env['WPMC_PORT'] ?? self::DEFAULT_PORT );
		if ( self::port_in_use( $port ) ) {
			\WP_CLI::error( sprintf( 'Another program listens on port %d and does not answer as this site\'s sidecar (%s). Stop it, or move the sidecar: remove WP_MEDIA_CLOUD_SIDECAR_URL from wp-config.php and run `wp media-cloud sidecar setup --port=<a free port>`.', $port, $answer->get_error_message() ) );
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
		$until = microtime( true ) + $timeout;
		do {
			usleep( 250000 );
			if ( ! Sidecar_Process::alive( $pid ) ) {
				@unlink( $process->pid_file() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
				\WP_CLI::error( sprintf( "The sidecar stopped right after starting. The end of its log (%s):\n%s", $process->log_file(), $process->tail( 20 ) ) );
			}
			$answer = Sidecar_Client::request( 'GET', '/v1/status', null, 2 );
		} while ( is_wp_error( $answer ) && microtime( true ) < $until );
		if ( is_wp_error( $answer ) ) {
			\WP_CLI::error( sprintf( "The sidecar runs (pid %d) but does not answer at %s: %s\nThe end of its log (%s):\n%s", $pid, Sidecar_Client::url(), $answer->get_error_message(), $process->log_file(), $process->tail( 20 ) ) );
		}
		\WP_CLI::success( sprintf( 'The sidecar runs (pid %d%s) and answers at %s. Log: %s', $pid, null !== $user ? ', as ' . $user['name'] : '', Sidecar_Client::url(), $process->log_file() ) );
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
		$state = $this->state_or_fail();
		if ( $this->uses_systemd( $state ) ) {
			$this->systemctl( array( 'stop', $state['unit'] ) );
			\WP_CLI::success( sprintf( 'Stopped %s.', $state['unit'] ) );
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		$pid     = $process->pid();
		if ( null !== $pid ) {
			if ( ! $process->stop() ) {
				\WP_CLI::error( sprintf( 'The sidecar (pid %d) did not stop.', $pid ) );
			}
			\WP_CLI::success( sprintf( 'Stopped the sidecar (pid %d).', $pid ) );
			return;
		}
		if ( ! is_wp_error( Sidecar_Client::request( 'GET', '/v1/status', null, 5 ) ) ) {
			\WP_CLI::error( sprintf( 'A sidecar answers at %s, but it was not started by `wp media-cloud sidecar start` (no pid file in %s): stop it where it was started.', Sidecar_Client::url(), $state['data_dir'] ) );
		}
		\WP_CLI::success( 'The sidecar is not running.' );
	}

	/**
	 * Says whether the sidecar answers, and how it runs.
	 *
	 * Sends a signed request to its status route; exits 1 when it does not answer,
	 * with the fix.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print the report: table or json (one object with answers, url,
	 * version, uptime_seconds, error, pid, data_dir, log_file and unit).
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
		$state   = Sidecar_Runtime::state();
		$answer  = Sidecar_Client::request( 'GET', '/v1/status', null, 5 );
		$process = null !== $state ? new Sidecar_Process( $state['data_dir'] ) : null;
		$unit    = null !== $state && '' !== $state['unit'] ? $state['unit'] : null;
		$report  = array(
			'answers'        => ! is_wp_error( $answer ),
			'url'            => Sidecar_Client::url(),
			'version'        => is_wp_error( $answer ) ? null : ( $answer['version'] ?? null ),
			'uptime_seconds' => is_wp_error( $answer ) ? null : ( $answer['uptime_seconds'] ?? null ),
			'error'          => is_wp_error( $answer ) ? $answer->get_error_message() : null,
			'pid'            => null !== $process ? $process->pid() : null,
			'data_dir'       => $state['data_dir'] ?? null,
			'log_file'       => null !== $process && null === $unit ? $process->log_file() : null,
			'unit'           => $unit,
		);
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI::line( (string) wp_json_encode( $report ) );
			if ( ! $report['answers'] ) {
				\WP_CLI::halt( 1 );
			}
			return;
		}
		if ( null !== $unit ) {
			\WP_CLI::log( sprintf( 'Runs as the systemd service %1$s (`systemctl status %1$s`).', $unit ) );
		} elseif ( null !== $report['pid'] ) {
			\WP_CLI::log( sprintf( 'Background process: pid %d, log %s.', $report['pid'], $report['log_file'] ) );
		} elseif ( null !== $state ) {
			\WP_CLI::log( 'Background process: not running.' );
		} else {
			\WP_CLI::log( 'Not set up with `wp media-cloud sidecar setup` on this site.' );
		}
		if ( $report['answers'] ) {
			\WP_CLI::success( sprintf( 'The sidecar answers at %s (version %s, up %d s).', $report['url'], (string) $report['version'], (int) $report['uptime_seconds'] ) );
			return;
		}
		if ( null !== $unit ) {
			$fix = sprintf( 'Start it with `systemctl start %s`; `wp media-cloud sidecar logs` shows why it stopped.', $unit );
		} elseif ( null !== $state && Sidecar_Client::is_configured() ) {
			$fix = 'Start it with `wp media-cloud sidecar start`.';
		} else {
			$fix = 'Set it up with `wp media-cloud sidecar setup`, then start it with `wp media-cloud sidecar start`.';
		}
		\WP_CLI::error( sprintf( 'The sidecar does not answer at %s: %s %s', $report['url'], $report['error'], $fix ) );
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
			\WP_CLI::error( sprintf( '--lines must be a whole number of 1 or more, not "%s".', $assoc_args['lines'] ) );
		}
		$state  = $this->state_or_fail();
		$follow = isset( $assoc_args['follow'] );
		if ( $this->uses_systemd( $state ) ) {
			passthru( sprintf( 'journalctl --no-pager -u %s -n %d%s', escapeshellarg( $state['unit'] ), $lines, $follow ? ' -f' : '' ), $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_passthru
			if ( 0 !== $code ) {
				\WP_CLI::error( sprintf( 'journalctl could not read the journal of %s (run as root or a member of systemd-journal).', $state['unit'] ) );
			}
			return;
		}
		$process = new Sidecar_Process( $state['data_dir'] );
		if ( ! is_file( $process->log_file() ) ) {
			\WP_CLI::error( sprintf( 'No log yet (%s): the sidecar has not been started with `wp media-cloud sidecar start`.', $process->log_file() ) );
		}
		if ( $follow ) {
			passthru( sprintf( 'tail -n %d -f %s', $lines, escapeshellarg( $process->log_file() ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_passthru
			return;
		}
		\WP_CLI::line( $process->tail( $lines ) );
	}

	/**
	 * @param array{data_dir: string, node: string, unit: string} $state What setup chose.
	 */
	private static function save_state( array $state ): void {
		if ( is_multisite() ) {
			update_site_option( Sidecar_Runtime::STATE_OPTION, $state );
		} else {
			update_option( Sidecar_Runtime::STATE_OPTION, $state, false );
		}
	}

	/** @return array{data_dir: string, node: string, unit: string} */
	private function state_or_fail(): array {
		$state = Sidecar_Runtime::state();
		if ( null === $state ) {
			\WP_CLI::error( 'The sidecar is not set up on this site: run `wp media-cloud sidecar setup` first.' );
		}
		if ( ! Sidecar_Client::is_configured() ) {
			\WP_CLI::error( 'WP_MEDIA_CLOUD_SIDECAR_SECRET is not defined in wp-config.php: run `wp media-cloud sidecar setup` again.' );
		}
		return $state;
	}

	/** @param array{unit: string} $state What setup chose. */
	private function uses_systemd( array $state ): bool {
		return '' !== $state['unit'] && Sidecar_Runtime::has_systemd() && is_file( '/etc/systemd/system/' . $state['unit'] );
	}

	/** The given data folder, checked; else the one setup chose before; else the first usable default. */
	private function choose_data_dir( ?string $given ): string {
		if ( null !== $given && '' !== $given ) {
			$dir    = Sidecar_Runtime::real( $given );
			$inside = Sidecar_Runtime::served_folder_of( $dir );
			if ( null !== $inside ) {
				\WP_CLI::error( sprintf( '--data-dir=%s is inside %s, which the web server serves: anyone could download the job database. Choose a folder outside it, e.g. %s.', $given, $inside, Sidecar_Runtime::data_dir_candidates()[0] ) );
			}
			if ( ! self::can_make( $dir ) ) {
				\WP_CLI::error( sprintf( '--data-dir=%s cannot be created or written by %s.', $given, $this->current_user() ) );
			}
			return $dir;
		}
		$previous = Sidecar_Runtime::state()['data_dir'] ?? null;
		$tried    = array();
		foreach ( array_filter( array_merge( array( $previous ), Sidecar_Runtime::data_dir_candidates() ) ) as $candidate ) {
			$dir = Sidecar_Runtime::real( $candidate );
			if ( null !== Sidecar_Runtime::served_folder_of( $dir ) ) {
				$tried[] = $dir . ' (inside a folder the web server serves)';
				continue;
			}
			if ( self::can_make( $dir ) ) {
				return $dir;
			}
			$tried[] = $dir . ' (' . $this->current_user() . ' cannot create it)';
		}
		\WP_CLI::error( sprintf( 'No data folder could be made outside the web root (tried %s). Pass --data-dir=<a folder outside %s that %s can write>, or run this command as root.', implode( ', ', $tried ), Sidecar_Runtime::web_root(), $this->current_user() ) );
	}

	/** The folder exists and is writable, or its nearest existing parent is. */
	private static function can_make( string $dir ): bool {
		for ( $at = $dir; ! file_exists( $at ); $at = dirname( $at ) ) {
			if ( dirname( $at ) === $at ) {
				return false;
			}
		}
		return is_dir( $at ) && is_writable( $at );
	}

	/**
	 * Adds the missing constants to wp-config.php; refuses, with the lines to add, when the file cannot be written.
	 *
	 * @param array<string, string> $constants Name => value.
	 */
	private function write_constants( array $constants ): void {
		if ( ! $constants ) {
			\WP_CLI::log( 'wp-config.php: WP_MEDIA_CLOUD_SIDECAR_URL and WP_MEDIA_CLOUD_SIDECAR_SECRET are defined; left as they are.' );
			return;
		}
		$file = Wp_Config_Constants::locate();
		$add  = sprintf( "Add these lines to wp-config.php, above the line \"/* That's all, stop editing! */\" (or above the line that loads wp-settings.php), then run this command again:\n\n%s\n", Wp_Config_Constants::lines( $constants ) );
		if ( null === $file ) {
			\WP_CLI::error( "wp-config.php was not found, so nothing was changed.\n" . $add );
		}
		if ( ! is_writable( $file ) ) {
			\WP_CLI::error( sprintf( "%s cannot be written by %s, so nothing was changed.\n", $file, $this->current_user() ) . $add );
		}
		$text = (string) file_get_contents( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		foreach ( array_keys( $constants ) as $name ) {
			if ( Wp_Config_Constants::defines( $text, $name ) ) {
				\WP_CLI::error( sprintf( '%s defines %s, but it was not defined when WordPress loaded (inside a condition?). Check that line, then run this command again.', $file, $name ) );
			}
		}
		$inserted = Wp_Config_Constants::insert( $text, $constants );
		if ( null === $inserted ) {
			\WP_CLI::error( sprintf( "%s has neither the \"stop editing\" line nor the line that loads wp-settings.php, so nothing was changed.\n", $file ) . $add );
		}
		if ( false === file_put_contents( $file, $inserted['text'], LOCK_EX ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
			\WP_CLI::error( sprintf( "%s could not be written.\n", $file ) . $add );
		}
		\WP_CLI::log( sprintf( 'wp-config.php: added %s (above "%s").', implode( ' and ', array_keys( $constants ) ), $inserted['before'] ) );
	}

	/** The port for a new WP_MEDIA_CLOUD_SIDECAR_URL: --port, else 8787 or the next free one. */
	private function free_port( ?string $given ): int {
		if ( null !== $given ) {
			$port = (int) $given;
			if ( (string) $port !== trim( $given ) || $port < 1 || $port > 65535 ) {
				\WP_CLI::error( sprintf( '--port=%s is not a port number (1-65535).', $given ) );
			}
			return $port;
		}
		for ( $port = self::DEFAULT_PORT; $port < self::DEFAULT_PORT + 20; $port++ ) {
			if ( ! self::port_in_use( $port ) ) {
				if ( self::DEFAULT_PORT !== $port ) {
					\WP_CLI::log( sprintf( 'Port %d is in use (another site\'s sidecar?): this one gets port %d.', self::DEFAULT_PORT, $port ) );
				}
				return $port;
			}
		}
		\WP_CLI::error( sprintf( 'Ports %d to %d are all in use: pass --port=<a free port>.', self::DEFAULT_PORT, self::DEFAULT_PORT + 19 ) );
	}

	private static function port_in_use( int $port ): bool {
		$socket = @fsockopen( '127.0.0.1', $port, $errno, $errstr, 0.5 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_fsockopen
		if ( false === $socket ) {
			return false;
		}
		fclose( $socket ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		return true;
	}

	/**
	 * Makes the folder (mode 700), owned by the sidecar's user when root runs this.
	 *
	 * @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user.
	 */
	private function make_private_dir( string $dir, ?array $owner ): void {
		if ( ! is_dir( $dir ) && ! mkdir( $dir, 0700, true ) && ! is_dir( $dir ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_mkdir
			\WP_CLI::error( sprintf( 'The data folder %s could not be created.', $dir ) );
		}
		chmod( $dir, 0700 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
		$this->give_to( $dir, $owner );
		// What a sidecar run by another user left (its job database, log, pid), so the sidecar's user can write it.
		foreach ( (array) glob( $dir . '/*' ) as $file ) {
			if ( is_file( (string) $file ) && ! is_link( (string) $file ) ) {
				$this->give_to( (string) $file, $owner );
			}
		}
	}

	/**
	 * Writes a file only when its content changes; returns whether it did. Mode 600 unless told; owner as above.
	 *
	 * @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user.
	 */
	private function write_private_file( string $file, string $content, ?array $owner, int $mode = 0600 ): bool {
		if ( is_file( $file ) && (string) file_get_contents( $file ) === $content ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			chmod( $file, $mode ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
			$this->give_to( $file, $owner );
			return false;
		}
		// Given its mode before the content goes in: the secret is never readable by others, not even briefly.
		$temp   = $file . '.' . bin2hex( random_bytes( 4 ) ) . '.tmp';
		$handle = @fopen( $temp, 'x' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_fopen
		if ( false === $handle ) {
			\WP_CLI::error( sprintf( '%s could not be written by %s.', $file, $this->current_user() ) );
		}
		chmod( $temp, $mode ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
		fwrite( $handle, $content ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite
		fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		$this->give_to( $temp, $owner );
		if ( ! rename( $temp, $file ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.rename_rename
			@unlink( $temp ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
			\WP_CLI::error( sprintf( '%s could not be written by %s.', $file, $this->current_user() ) );
		}
		return true;
	}

	/** @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user. */
	private function give_to( string $path, ?array $owner ): void {
		if ( null !== $owner && Sidecar_Runtime::is_root() && 0 !== $owner['uid'] ) {
			chown( $path, $owner['uid'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chown
			chgrp( $path, $owner['gid'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chgrp
		}
	}

	private function current_user(): string {
		if ( function_exists( 'posix_geteuid' ) && function_exists( 'posix_getpwuid' ) ) {
			$user = posix_getpwuid( posix_geteuid() );
			if ( is_array( $user ) ) {
				return (string) $user['name'];
			}
		}
		return (string) get_current_user();
	}

	/**
	 * Runs systemctl; a failure stops the command with systemctl's own words.
	 *
	 * @param array<int, string> $args Its arguments.
	 */
	private function systemctl( array $args ): void {
		$output = array();
		$code   = 0;
		exec( 'systemctl ' . implode( ' ', array_map( 'escapeshellarg', $args ) ) . ' 2>&1', $output, $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		if ( 0 !== $code ) {
			\WP_CLI::error( sprintf( "systemctl %s failed:\n%s", implode( ' ', $args ), implode( "\n", $output ) ) );
		}
	}

	/** Waits up to 20 s for the sidecar to answer, then says so (or where to look). */
	private function finish_with_status( string $url, string $secret, string $logs ): void {
		$until = microtime( true ) + 20;
		do {
			$answer = self::ping( $url, $secret );
			if ( ! is_wp_error( $answer ) ) {
				\WP_CLI::success( sprintf( 'The sidecar answers at %s.', $url ) );
				return;
			}
			usleep( 500000 );
		} while ( microtime( true ) < $until );
		\WP_CLI::error( sprintf( 'The service started but the sidecar does not answer at %s: %s See `%s`.', $url, $answer->get_error_message(), $logs ) );
	}

	/**
	 * A signed GET of the status route with this URL and secret: right after setup wrote them, the constants
	 * Sidecar_Client reads are not defined in this process yet.
	 *
	 * @return array<string, mixed>|\WP_Error
	 */
	private static function ping( string $url, string $secret ) {
		$response = wp_remote_get(
			$url . '/v1/status',
			array(
				'timeout' => 2,
				'headers' => Signature::headers( $secret, 'GET', '/v1/status', '' ),
			)
		);
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$answer = json_decode( wp_remote_retrieve_body( $response ), true );
		return 200 === $status && is_array( $answer ) ? $answer : new \WP_Error( 'wp_media_cloud_sidecar_error', sprintf( 'HTTP %d', $status ) );
	}
}

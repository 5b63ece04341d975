<?php
/**
 * What `wp media-cloud sidecar setup` does, in order: the constants in wp-config.php (kept when defined), a data
 * folder outside every folder the web server serves with the sidecar's environment file, then a systemd service
 * where systemd runs and this user may install one (else the unit to install, or `sidecar start`). Safe to run
 * again: what is in place is kept, the secret too.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Client;

final class Sidecar_Setup {

	public const DEFAULT_PORT = 8787;

	/** @param array<string, string> $assoc_args The command's options. */
	public function run( array $assoc_args ): void {
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
			\WP_CLI::error( __( 'WP_MEDIA_CLOUD_SIDECAR_SECRET is defined but shorter than 32 characters: remove it from wp-config.php and run this command again (it makes a new one), or set it to 64 random hex characters (`openssl rand -hex 32`).', 'wp-media-cloud' ) );
		}
		if ( ! defined( 'WP_MEDIA_CLOUD_SIDECAR_SECRET' ) ) {
			$secret = bin2hex( random_bytes( 32 ) );
		}
		if ( defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) && isset( $assoc_args['port'] ) ) {
			/* translators: %s: the sidecar's URL. */
			\WP_CLI::warning( sprintf( __( 'WP_MEDIA_CLOUD_SIDECAR_URL is already defined (%s): --port is not used. Change the constant to move the sidecar.', 'wp-media-cloud' ), $url ) );
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
		Private_Files::make_dir( $data_dir, $owner );
		$parts = wp_parse_url( $url );
		$host  = trim( (string) ( $parts['host'] ?? '127.0.0.1' ), '[]' );
		if ( ! in_array( $host, array( '127.0.0.1', 'localhost', '::1' ), true ) ) {
			/* translators: %s: the sidecar's URL. */
			\WP_CLI::warning( sprintf( __( 'WP_MEDIA_CLOUD_SIDECAR_URL (%s) is not this machine\'s loopback: the sidecar set up here listens on 127.0.0.1; run it where that address leads, with this environment.', 'wp-media-cloud' ), $url ) );
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
		// The file's own comment is for whoever opens it on the server: it stays English, like the variables.
		$changed = Private_Files::write( $env_file, Sidecar_Unit_Files::env_text( $env, sprintf( 'WP Media Cloud sidecar for %s, written by `wp media-cloud sidecar setup`. Keep it private: it holds the secret.', Sidecar_Runtime::wordpress_url() ) ), $owner );
		/* translators: 1: the data folder, 2: the web root. */
		\WP_CLI::log( sprintf( __( 'Data folder: %1$s (outside the web root %2$s).', 'wp-media-cloud' ), $data_dir, Sidecar_Runtime::web_root() ) );
		$reader = null !== $owner && Sidecar_Runtime::is_root() ? $owner['name'] : Private_Files::current_user();
		\WP_CLI::log(
			$changed
				/* translators: 1: file path, 2: system user name. */
				? sprintf( __( 'Environment file: %1$s (written, readable by %2$s only).', 'wp-media-cloud' ), $env_file, $reader )
				/* translators: 1: file path, 2: system user name. */
				: sprintf( __( 'Environment file: %1$s (unchanged, readable by %2$s only).', 'wp-media-cloud' ), $env_file, $reader )
		);
		/* translators: 1: path of the node binary, 2: its version. */
		\WP_CLI::log( sprintf( __( 'Node.js: %1$s (%2$s).', 'wp-media-cloud' ), $node['path'], $node['version'] ) );
		if ( ! in_array( $node['major'], Sidecar_Runtime::NODE_LINES, true ) ) {
			/* translators: 1: a Node.js version, 2: the supported major versions. */
			\WP_CLI::warning( sprintf( __( 'Node.js %1$s is not one of the supported lines (%2$s): if the sidecar does not start, install Node.js 22 or 24.', 'wp-media-cloud' ), $node['version'], implode( ', ', Sidecar_Runtime::NODE_LINES ) ) );
		}
		/* translators: %s: path of the sidecar's main file. */
		\WP_CLI::log( sprintf( __( 'Sidecar: %s.', 'wp-media-cloud' ), $entry['main'] ) );

		$state = array(
			'data_dir' => $data_dir,
			'node'     => $node['path'],
			'unit'     => '',
		);
		$this->install_service( $state, $node, $entry, $env_file, $owner, $changed, $url, $secret, isset( $assoc_args['skip-systemd'] ) );
	}

	/**
	 * 3. A service where systemd runs; else the background process of `start`.
	 *
	 * @param array{data_dir: string, node: string, unit: string} $state    What setup chose.
	 * @param array{path: string}                                 $node     Node.js.
	 * @param array<string, string>                               $entry    The sidecar's entry (Sidecar_Runtime::entry()).
	 * @param array{name: string, uid: int, gid: int}|null        $owner    The sidecar's user.
	 * @param bool                                                $changed  Whether the environment file changed.
	 */
	private function install_service( array $state, array $node, array $entry, string $env_file, ?array $owner, bool $changed, string $url, string $secret, bool $skip_systemd ): void {
		$data_dir = $state['data_dir'];
		$process  = new Sidecar_Process( $data_dir );
		if ( Sidecar_Unit_Files::has_systemd() && ! $skip_systemd ) {
			$unit_name = Sidecar_Unit_Files::unit_name();
			$unit      = Sidecar_Unit_Files::unit_text( $node['path'], $entry, $env_file, $data_dir, $owner );
			$unit_file = '/etc/systemd/system/' . $unit_name;
			if ( Sidecar_Runtime::is_root() && is_writable( dirname( $unit_file ) ) ) {
				$unit_changed  = Private_Files::write( $unit_file, $unit, null, 0644 );
				$state['unit'] = $unit_name;
				Sidecar_Service::save_state( $state );
				if ( null !== $process->pid() ) {
					$process->stop();
					\WP_CLI::log( __( 'Stopped the background sidecar: the service runs it from now on.', 'wp-media-cloud' ) );
				}
				Sidecar_Service::systemctl( array( 'daemon-reload' ) );
				Sidecar_Service::systemctl( array( 'enable', $unit_name ) );
				Sidecar_Service::systemctl( array( ( $unit_changed || $changed ) ? 'restart' : 'start', $unit_name ) );
				\WP_CLI::log(
					$unit_changed
						/* translators: %s: path of the systemd unit file. */
						? sprintf( __( 'systemd: %s written, enabled and started.', 'wp-media-cloud' ), $unit_file )
						/* translators: %s: path of the systemd unit file. */
						: sprintf( __( 'systemd: %s unchanged, enabled and started.', 'wp-media-cloud' ), $unit_file )
				);
				Sidecar_Service::finish_with_status( $url, $secret, sprintf( 'journalctl -u %s', $unit_name ) );
				return;
			}
			Sidecar_Service::save_state( $state );
			/* translators: 1: system user name, 2: path of the unit file, 3: the unit's text. */
			\WP_CLI::log( sprintf( __( "systemd runs here, but %1\$s cannot install services. As root, save this as %2\$s:\n\n%3\$s", 'wp-media-cloud' ), Private_Files::current_user(), $unit_file, $unit ) );
			/* translators: %s: the command that starts the service. */
			\WP_CLI::log( sprintf( __( "then run:\n\n    %s\n", 'wp-media-cloud' ), 'systemctl daemon-reload && systemctl enable --now ' . $unit_name ) );
			\WP_CLI::success( __( 'Set up. Start the sidecar with the service above, or now with `wp media-cloud sidecar start`.', 'wp-media-cloud' ) );
			return;
		}
		Sidecar_Service::save_state( $state );
		if ( null !== $process->pid() ) {
			\WP_CLI::success( $changed ? __( 'Set up. The sidecar running now has the old environment: restart it with `wp media-cloud sidecar stop && wp media-cloud sidecar start`.', 'wp-media-cloud' ) : __( 'Set up; the sidecar already runs (`wp media-cloud sidecar status`).', 'wp-media-cloud' ) );
			return;
		}
		\WP_CLI::success(
			Sidecar_Unit_Files::has_systemd()
				/* translators: %s: the data folder. */
				? sprintf( __( 'Set up. Start the sidecar with `wp media-cloud sidecar start` (in the background; pid and log in %s).', 'wp-media-cloud' ), $data_dir )
				/* translators: %s: the data folder. */
				: sprintf( __( 'Set up. No systemd on this machine. Start the sidecar with `wp media-cloud sidecar start` (in the background; pid and log in %s).', 'wp-media-cloud' ), $data_dir )
		);
	}

	/** The given data folder, checked; else the one setup chose before; else the first usable default. */
	private function choose_data_dir( ?string $given ): string {
		$user = Private_Files::current_user();
		if ( null !== $given && '' !== $given ) {
			$dir    = Sidecar_Runtime::real( $given );
			$inside = Sidecar_Runtime::served_folder_of( $dir );
			if ( null !== $inside ) {
				/* translators: 1: the folder given, 2: the served folder it is in, 3: an example folder. */
				\WP_CLI::error( sprintf( __( '--data-dir=%1$s is inside %2$s, which the web server serves: anyone could download the job database. Choose a folder outside it, e.g. %3$s.', 'wp-media-cloud' ), $given, $inside, Sidecar_Runtime::data_dir_candidates()[0] ) );
			}
			if ( ! Private_Files::can_make( $dir ) ) {
				/* translators: 1: the folder given, 2: system user name. */
				\WP_CLI::error( sprintf( __( '--data-dir=%1$s cannot be created or written by %2$s.', 'wp-media-cloud' ), $given, $user ) );
			}
			return $dir;
		}
		$previous = Sidecar_Runtime::state()['data_dir'] ?? null;
		$tried    = array();
		foreach ( array_filter( array_merge( array( $previous ), Sidecar_Runtime::data_dir_candidates() ) ) as $candidate ) {
			$dir = Sidecar_Runtime::real( $candidate );
			if ( null !== Sidecar_Runtime::served_folder_of( $dir ) ) {
				/* translators: %s: a folder. */
				$tried[] = sprintf( __( '%s (inside a folder the web server serves)', 'wp-media-cloud' ), $dir );
				continue;
			}
			if ( Private_Files::can_make( $dir ) ) {
				return $dir;
			}
			/* translators: 1: a folder, 2: system user name. */
			$tried[] = sprintf( __( '%1$s (%2$s cannot create it)', 'wp-media-cloud' ), $dir, $user );
		}
		/* translators: 1: the folders tried, 2: the web root, 3: system user name. */
		\WP_CLI::error( sprintf( __( 'No data folder could be made outside the web root (tried %1$s). Pass --data-dir=<a folder outside %2$s that %3$s can write>, or run this command as root.', 'wp-media-cloud' ), implode( ', ', $tried ), Sidecar_Runtime::web_root(), $user ) );
	}

	/**
	 * Adds the missing constants to wp-config.php; refuses, with the lines to add, when the file cannot be written.
	 *
	 * @param array<string, string> $constants Name => value.
	 */
	private function write_constants( array $constants ): void {
		if ( ! $constants ) {
			\WP_CLI::log( __( 'wp-config.php: WP_MEDIA_CLOUD_SIDECAR_URL and WP_MEDIA_CLOUD_SIDECAR_SECRET are defined; left as they are.', 'wp-media-cloud' ) );
			return;
		}
		$file = Wp_Config_Constants::locate();
		/* translators: %s: the lines to add to wp-config.php. */
		$add = sprintf( __( "Add these lines to wp-config.php, above the line \"/* That's all, stop editing! */\" (or above the line that loads wp-settings.php), then run this command again:\n\n%s\n", 'wp-media-cloud' ), Wp_Config_Constants::lines( $constants ) );
		if ( null === $file ) {
			\WP_CLI::error( __( 'wp-config.php was not found, so nothing was changed.', 'wp-media-cloud' ) . "\n" . $add );
		}
		if ( ! is_writable( $file ) ) {
			/* translators: 1: file path, 2: system user name. */
			\WP_CLI::error( sprintf( __( '%1$s cannot be written by %2$s, so nothing was changed.', 'wp-media-cloud' ), $file, Private_Files::current_user() ) . "\n" . $add );
		}
		$text = (string) file_get_contents( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		foreach ( array_keys( $constants ) as $name ) {
			if ( Wp_Config_Constants::defines( $text, $name ) ) {
				/* translators: 1: file path, 2: a constant's name. */
				\WP_CLI::error( sprintf( __( '%1$s defines %2$s, but it was not defined when WordPress loaded (inside a condition?). Check that line, then run this command again.', 'wp-media-cloud' ), $file, $name ) );
			}
		}
		$inserted = Wp_Config_Constants::insert( $text, $constants );
		if ( null === $inserted ) {
			/* translators: %s: file path. */
			\WP_CLI::error( sprintf( __( '%s has neither the "stop editing" line nor the line that loads wp-settings.php, so nothing was changed.', 'wp-media-cloud' ), $file ) . "\n" . $add );
		}
		if ( false === file_put_contents( $file, $inserted['text'], LOCK_EX ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
			/* translators: %s: file path. */
			\WP_CLI::error( sprintf( __( '%s could not be written.', 'wp-media-cloud' ), $file ) . "\n" . $add );
		}
		/* translators: 1: the constants' names, 2: the line they were added above. */
		\WP_CLI::log( sprintf( __( 'wp-config.php: added %1$s (above "%2$s").', 'wp-media-cloud' ), wp_sprintf( '%l', array_keys( $constants ) ), $inserted['before'] ) );
	}

	/** The port for a new WP_MEDIA_CLOUD_SIDECAR_URL: --port, else 8787 or the next free one. */
	private function free_port( ?string $given ): int {
		if ( null !== $given ) {
			$port = (int) $given;
			if ( (string) $port !== trim( $given ) || $port < 1 || $port > 65535 ) {
				/* translators: %s: the value given. */
				\WP_CLI::error( sprintf( __( '--port=%s is not a port number (1-65535).', 'wp-media-cloud' ), $given ) );
			}
			return $port;
		}
		for ( $port = self::DEFAULT_PORT; $port < self::DEFAULT_PORT + 20; $port++ ) {
			if ( ! Sidecar_Service::port_in_use( $port ) ) {
				if ( self::DEFAULT_PORT !== $port ) {
					/* translators: 1: the default port, 2: the port chosen. */
					\WP_CLI::log( sprintf( __( 'Port %1$d is in use (another site\'s sidecar?): this one gets port %2$d.', 'wp-media-cloud' ), self::DEFAULT_PORT, $port ) );
				}
				return $port;
			}
		}
		/* translators: 1: first port, 2: last port. */
		\WP_CLI::error( sprintf( __( 'Ports %1$d to %2$d are all in use: pass --port=<a free port>.', 'wp-media-cloud' ), self::DEFAULT_PORT, self::DEFAULT_PORT + 19 ) );
	}
}

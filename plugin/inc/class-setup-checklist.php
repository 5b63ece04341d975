<?php
/**
 * The first-run checklist (Media Cloud › Dashboard, `GET /media-cloud/v1/setup`): the sidecar, the storage settings
 * and the connection test, each with its live state (done / to do / failing) and what to do. The exact commands for
 * this site, and the words every screen uses when the sidecar is missing or down, come from here too. The fourth
 * step, existing media, is the Dashboard's own count (`GET /status`).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Setup_Checklist {

	/** The last connection test: `{ ok, at, fingerprint, failing }` (small, read by the admin notice on every screen). */
	public const OPTION = 'wp_media_cloud_setup';

	/**
	 * What "Test connection" runs; a health run that includes them all counts as a connection test (the contract's
	 * list, which the admin's button reads too).
	 *
	 * @return array<int, string>
	 */
	public static function connection_checks(): array {
		return Contract::connection_checks();
	}

	/**
	 * The checklist as `GET /setup` answers it.
	 *
	 * @return array<string, mixed>
	 */
	public static function report(): array {
		$steps = array( self::sidecar_step(), self::settings_step(), self::connection_step() );
		return array(
			'steps'         => $steps,
			'storage_works' => self::storage_works(),
			'commands'      => self::commands(),
			'manual'        => self::manual(),
		);
	}

	/**
	 * Whether uploads go to the bucket and pages can load them: the sidecar is configured, a bucket is set and the
	 * last connection test passed with the settings as they are now. No request is made (the admin notice asks on
	 * every admin screen).
	 */
	public static function storage_works(): bool {
		$last = self::last_test();
		return Sidecar_Client::is_configured() && self::settings_saved() && null !== $last && $last['ok'] && $last['fingerprint'] === self::fingerprint();
	}

	/**
	 * Step 1: does the sidecar answer this site's signed requests (`GET /v1/status`), and run the build on disk?
	 *
	 * @return array<string, mixed>
	 */
	public static function sidecar_step(): array {
		$url  = Sidecar_Client::url();
		$step = array(
			'id'    => 'sidecar',
			'title' => __( 'Node.js and the sidecar', 'wp-media-cloud' ),
			'url'   => $url,
		);
		if ( ! Sidecar_Client::is_configured() ) {
			return $step + array(
				'state'    => 'todo',
				'summary'  => __( 'The sidecar is not set up yet. It is a small Node.js program (Node.js 20, 22 or 24) beside WordPress that does every upload; until it runs, media stays on this server.', 'wp-media-cloud' ),
				'fix'      => __( 'On this server, in a shell as the user that owns the WordPress files, run these two commands (as root, add --allow-root to each, as WP-CLI asks; WP-CLI itself comes from wp-cli.org). The first makes a secret and writes it to wp-config.php and to the sidecar\'s settings, with a data folder outside the web root; the second starts the sidecar in the background (or as a systemd service where the first one set one up).', 'wp-media-cloud' ),
				'commands' => array( 'setup', 'start' ),
			);
		}
		$answer   = Sidecar_Client::request( 'GET', '/v1/status', null, 5 );
		$mismatch = is_wp_error( $answer ) ? null : Sidecar_Build::mismatch( $answer );
		if ( null !== $mismatch ) {
			return $step + array(
				'state'    => 'failing',
				'summary'  => Sidecar_Build::outdated_text( $mismatch ),
				'fix'      => Sidecar_Build::restart_fix(),
				'commands' => null === Sidecar_Build::restart_command() ? array() : array( 'restart' ),
			);
		}
		if ( ! is_wp_error( $answer ) ) {
			return $step + array(
				'state'    => 'done',
				/* translators: 1: sidecar URL, 2: sidecar version. */
				'summary'  => sprintf( __( 'The sidecar answers at %1$s (version %2$s).', 'wp-media-cloud' ), $url, (string) ( $answer['version'] ?? '?' ) ),
				'fix'      => '',
				'commands' => array(),
			);
		}
		$code = $answer->get_error_code();
		if ( 'wp_media_cloud_sidecar_unreachable' === $code ) {
			return $step + array(
				'state'    => 'failing',
				'summary'  => self::unreachable_text( $answer->get_error_message() )['problem'],
				'fix'      => __( 'Start it with the first command (where setup installed a systemd service, it starts that service); the other two say whether it runs and why it stopped.', 'wp-media-cloud' ),
				'commands' => array( 'start', 'status', 'logs' ),
			);
		}
		if ( Contract::error_code( 'E_UNAUTHORIZED' ) === $code ) {
			return $step + array(
				'state'    => 'failing',
				/* translators: %s: sidecar URL. */
				'summary'  => sprintf( __( 'A sidecar answers at %s but refuses this site\'s requests: its secret (WPMC_SECRET) is not the one in wp-config.php (WP_MEDIA_CLOUD_SIDECAR_SECRET).', 'wp-media-cloud' ), $url ),
				'fix'      => __( 'Set WPMC_SECRET in the sidecar\'s environment (the file the setup command wrote, or your service\'s settings) to the value of WP_MEDIA_CLOUD_SIDECAR_SECRET, then restart the sidecar.', 'wp-media-cloud' ),
				'commands' => array( 'stop', 'start' ),
			);
		}
		$data = (array) $answer->get_error_data();
		return $step + array(
			'state'    => 'failing',
			'summary'  => $answer->get_error_message(),
			'fix'      => (string) ( $data['remedy'] ?? '' ) ?: __( 'See what the sidecar logged.', 'wp-media-cloud' ),
			'commands' => array( 'status', 'logs' ),
		);
	}

	/**
	 * Step 2: a provider, a bucket and its keys are saved.
	 *
	 * @return array<string, mixed>
	 */
	public static function settings_step(): array {
		$step     = array(
			'id'       => 'settings',
			'title'    => __( 'Storage settings', 'wp-media-cloud' ),
			'commands' => array(),
		);
		$provider = Settings_Providers::get( (string) Settings::get( 'provider' ) );
		$label    = null === $provider ? (string) Settings::get( 'provider' ) : (string) $provider['label'];
		if ( self::settings_saved() ) {
			return $step + array(
				'state'   => 'done',
				/* translators: 1: provider name, 2: bucket name. */
				'summary' => sprintf( __( '%1$s, bucket “%2$s”.', 'wp-media-cloud' ), $label, (string) Settings::get( 'bucket' ) ),
				'fix'     => '',
			);
		}
		return $step + array(
			'state'   => 'todo',
			'summary' => '' === (string) Settings::get( 'bucket' )
				? __( 'No bucket is set yet.', 'wp-media-cloud' )
				: __( 'The bucket is set, but its keys are not.', 'wp-media-cloud' ),
			'fix'     => __( 'Choose your provider in Media Cloud › Settings and enter the bucket and its keys, then save.', 'wp-media-cloud' ),
		);
	}

	/**
	 * Step 3: the last connection test with the current settings (upload, read back, loaded at the URL pages use).
	 *
	 * @return array<string, mixed>
	 */
	public static function connection_step(): array {
		$step = array(
			'id'       => 'connection',
			'title'    => __( 'Connection test', 'wp-media-cloud' ),
			'commands' => array(),
			'failing'  => array(),
		);
		$last = self::last_test();
		if ( ! Sidecar_Client::is_configured() ) {
			return $step + array(
				'state'   => 'todo',
				'summary' => __( 'The test runs through the sidecar: set it up first (step 1).', 'wp-media-cloud' ),
				'fix'     => '',
			);
		}
		if ( null === $last ) {
			return $step + array(
				'state'   => 'todo',
				'summary' => __( 'Not tested yet.', 'wp-media-cloud' ),
				'fix'     => __( 'Run the connection test: it uploads a small file, reads it back, loads it at the address pages will use and deletes it.', 'wp-media-cloud' ),
			);
		}
		if ( $last['fingerprint'] !== self::fingerprint() ) {
			return $step + array(
				'state'   => 'todo',
				'summary' => __( 'The storage settings changed since the last test.', 'wp-media-cloud' ),
				'fix'     => __( 'Run the connection test again with the current settings.', 'wp-media-cloud' ),
			);
		}
		$when = wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $last['at'] );
		if ( $last['ok'] ) {
			return array(
				'state'   => 'done',
				/* translators: %s: date and time. */
				'summary' => sprintf( __( 'Passed on %s: files upload, read back and load at the address pages use.', 'wp-media-cloud' ), $when ),
				'fix'     => '',
			) + $step;
		}
		return array(
			'state'   => 'failing',
			/* translators: %s: date and time. */
			'summary' => sprintf( __( 'Failed on %s.', 'wp-media-cloud' ), $when ),
			'fix'     => __( 'Fix what the failing check names, then run the test again.', 'wp-media-cloud' ),
			'failing' => self::explain_results( $last['failing'] ),
		) + $step;
	}

	/**
	 * Keeps the outcome of a health run that included the connection checks (the Settings page's Test connection,
	 * the checklist's, the Health page's). Hooked to the health option's writes.
	 *
	 * @param mixed $report The health report just stored: `{ results, ran_at }`.
	 */
	public static function record_test( $report ): void {
		$results = is_array( $report ) && isset( $report['results'] ) && is_array( $report['results'] ) ? $report['results'] : array();
		$by_test = array();
		foreach ( $results as $result ) {
			if ( is_array( $result ) && isset( $result['test'] ) ) {
				$by_test[ (string) $result['test'] ] = $result;
			}
		}
		if ( array_diff( self::connection_checks(), array_keys( $by_test ) ) ) {
			return; // Not a connection test (a single check from Site Health, say).
		}
		$failing = array();
		foreach ( self::connection_checks() as $test ) {
			if ( 'good' !== ( $by_test[ $test ]['status'] ?? '' ) ) {
				$failing[] = array_intersect_key( $by_test[ $test ], array_flip( array( 'test', 'label', 'status', 'description', 'cause', 'fix' ) ) );
			}
		}
		update_option(
			self::OPTION,
			array(
				'ok'          => ! $failing,
				'at'          => time(),
				'fingerprint' => self::fingerprint(),
				'failing'     => $failing,
			),
			true
		);
	}

	/**
	 * The commands for this site, by id: `wp media-cloud sidecar …` with `--path` set to this WordPress; `restart` is
	 * `systemctl restart <unit>` where the sidecar runs as a systemd service.
	 *
	 * @return array<string, string>
	 */
	public static function commands(): array {
		$path     = untrailingslashit( ABSPATH );
		$path_arg = preg_match( '#^[A-Za-z0-9_./-]+$#', $path ) ? $path : escapeshellarg( $path );
		$commands = array();
		foreach ( array( 'setup', 'start', 'stop', 'restart', 'status', 'logs' ) as $action ) {
			$commands[ $action ] = sprintf( 'wp media-cloud sidecar %s --path=%s', $action, $path_arg );
		}
		// A systemd service is restarted by systemd itself (as root), the exact command an owner expects there.
		$unit = Sidecar_Build::unit();
		if ( '' !== $unit ) {
			$commands['restart'] = 'systemctl restart ' . $unit;
		}
		return $commands;
	}

	/**
	 * The manual alternative to `sidecar setup`: the wp-config.php constants, the sidecar's environment for this site
	 * and how to run it. The secret itself is never shown: where one is set, the text says where it is.
	 *
	 * @return array{constants: string, environment: string, run: string}
	 */
	public static function manual(): array {
		$root    = untrailingslashit( ABSPATH );
		$url     = defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) ? Sidecar_Client::url() : 'http://127.0.0.1:8787';
		$uploads = untrailingslashit( wp_get_upload_dir()['basedir'] );
		$segment = untrailingslashit( Upload_Paths::site_segment() );
		if ( '' !== $segment && str_ends_with( $uploads, '/' . $segment ) ) {
			$uploads = substr( $uploads, 0, -strlen( '/' . $segment ) ); // The network's uploads folder.
		}
		$secret = Sidecar_Client::is_configured()
			? __( 'the secret already in wp-config.php', 'wp-media-cloud' )
			: __( 'a new secret of 64 characters: openssl rand -hex 32', 'wp-media-cloud' );
		$constants = sprintf( "define( 'WP_MEDIA_CLOUD_SIDECAR_URL', '%s' );\ndefine( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '<%s>' );", $url, $secret );
		$env       = implode(
			"\n",
			array(
				'WPMC_SECRET=<' . __( 'the same secret as WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php', 'wp-media-cloud' ) . '>',
				'WPMC_UPLOADS_DIR=' . $uploads,
				'WPMC_WORDPRESS_URL=' . untrailingslashit( home_url() ),
				'WPMC_DATA_DIR=' . dirname( $root ) . '/' . basename( $root ) . '-media-cloud',
				'WPMC_PORT=' . ( wp_parse_url( $url, PHP_URL_PORT ) ?: 8787 ),
			)
		);
		return array(
			'constants'   => $constants,
			'environment' => $env,
			'run'         => self::run_command(),
		);
	}

	/**
	 * What every screen says when the sidecar is not configured: the problem, the two commands, and where to see more.
	 *
	 * @return array{problem: string, fix: string, more: string}
	 */
	public static function not_configured_text(): array {
		$commands = self::commands();
		return array(
			'problem' => __( 'The Media Cloud sidecar is not set up yet, so nothing is uploaded.', 'wp-media-cloud' ),
			/* translators: 1: setup command, 2: start command. */
			'fix'     => sprintf( __( 'On this server run `%1$s`, then `%2$s`.', 'wp-media-cloud' ), $commands['setup'], $commands['start'] ),
			'more'    => __( 'Media Cloud › Dashboard shows these steps with copy buttons, and the manual alternative (wp-config.php constants and the sidecar\'s environment).', 'wp-media-cloud' ),
		);
	}

	/**
	 * What every screen says when the sidecar does not answer.
	 *
	 * @param string $detail The HTTP client's error ("The Media Cloud sidecar did not answer: cURL error 7…").
	 * @return array{problem: string, fix: string, more: string}
	 */
	public static function unreachable_text( string $detail ): array {
		$commands = self::commands();
		$detail   = rtrim( (string) preg_replace( '/^.*?did not answer:\s*/', '', $detail ), '.' );
		return array(
			/* translators: 1: sidecar URL, 2: the HTTP error. */
			'problem' => sprintf( __( 'The Media Cloud sidecar does not answer at %1$s (%2$s).', 'wp-media-cloud' ), Sidecar_Client::url(), $detail ),
			/* translators: %s: start command. */
			'fix'     => sprintf( __( 'Start the sidecar: run `%s` on this server.', 'wp-media-cloud' ), $commands['start'] ),
			/* translators: 1: status command, 2: logs command. */
			'more'    => sprintf( __( '`%1$s` and `%2$s` say whether it runs and why it stopped.', 'wp-media-cloud' ), $commands['status'], $commands['logs'] ),
		);
	}

	/**
	 * Health rows that say the sidecar is not set up or does not answer get the steps for this site as their fix
	 * (and so do the rows not tested because of it).
	 *
	 * @param array<int, mixed> $results Health rows.
	 * @return array<int, mixed>
	 */
	public static function explain_results( array $results ): array {
		$fix = null;
		foreach ( $results as $i => $result ) {
			$cause = is_array( $result ) ? ( $result['cause'] ?? '' ) : '';
			if ( 'sidecar_not_configured' === $cause || 'sidecar_unreachable' === $cause ) {
				$text                         = 'sidecar_unreachable' === $cause ? self::unreachable_text( (string) $result['description'] ) : self::not_configured_text();
				$fix                          = $text['fix'] . ' ' . $text['more'];
				$results[ $i ]['description'] = $text['problem'];
				$results[ $i ]['fix']         = $fix;
				$results[ $i ]['actions']     = $fix;
			}
		}
		if ( null === $fix ) {
			return $results;
		}
		foreach ( $results as $i => $result ) {
			if ( is_array( $result ) && 'not_tested' === ( $result['cause'] ?? '' ) ) {
				$results[ $i ]['fix']     = $fix;
				$results[ $i ]['actions'] = $fix;
			}
		}
		return $results;
	}

	/** How the sidecar is run by hand: its bundled entry in the plugin zip, or the source checkout's. */
	private static function run_command(): string {
		$plugin_dir = dirname( (string) realpath( PLUGIN_FILE ) );
		$bundled    = $plugin_dir . '/sidecar/main.js';
		$source     = dirname( $plugin_dir ) . '/sidecar/src/main.ts';
		if ( ! is_file( $bundled ) && is_file( $source ) ) {
			return 'npx tsx ' . $source;
		}
		return 'node ' . $bundled;
	}

	/** Whether a bucket and its secret key are saved (step 2). */
	public static function settings_saved(): bool {
		return '' !== (string) Settings::get( 'bucket' ) && '' !== (string) Settings::get( 'secret_key' );
	}

	/**
	 * @return array{ok: bool, at: int, fingerprint: string, failing: array<int, array<string, mixed>>}|null
	 */
	private static function last_test(): ?array {
		$last = get_option( self::OPTION );
		if ( ! is_array( $last ) || ! isset( $last['fingerprint'], $last['at'] ) ) {
			return null;
		}
		return array(
			'ok'          => ! empty( $last['ok'] ),
			'at'          => (int) $last['at'],
			'fingerprint' => (string) $last['fingerprint'],
			'failing'     => is_array( $last['failing'] ?? null ) ? $last['failing'] : array(),
		);
	}

	/**
	 * What a connection test depends on (storage settings, the URL pages use, the sidecar it ran through), keyed
	 * with a salt so the stored value says nothing about the secrets in it.
	 */
	private static function fingerprint(): string {
		$bucket = (string) Settings::get( 'bucket' );
		return hash_hmac(
			'sha256',
			(string) wp_json_encode( array( Settings::storage(), Settings::object_prefix(), '' === $bucket ? '' : Public_Url::base( $bucket ), Sidecar_Client::url() ) ),
			wp_salt( 'auth' )
		);
	}
}

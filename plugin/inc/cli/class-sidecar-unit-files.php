<?php
/**
 * The two files that run the sidecar as a service, for `wp media-cloud sidecar setup/start`: the environment file
 * (systemd's EnvironmentFile format, read back by start without systemd) and the systemd unit. Only builds and
 * reads text; Sidecar_Setup decides where to write it. What the server has (paths, Node.js, users):
 * Sidecar_Runtime.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Sidecar_Unit_Files {

	public static function unit_name(): string {
		return 'wp-media-cloud-' . Sidecar_Runtime::slug() . '.service';
	}

	/** systemd runs this machine (not only installed: a container often has systemctl without it). */
	public static function has_systemd(): bool {
		return is_dir( '/run/systemd/system' ) && '' !== Sidecar_Runtime::which( 'systemctl' );
	}

	/**
	 * systemd's EnvironmentFile format: KEY=value, a value with anything but plain characters double-quoted.
	 *
	 * @param array<string, string> $env Name => value.
	 */
	public static function env_text( array $env, string $comment ): string {
		$lines = array( '# ' . $comment );
		foreach ( $env as $name => $value ) {
			$value   = (string) $value;
			$lines[] = $name . '=' . ( preg_match( '/^[A-Za-z0-9_.\/:@%+,=-]*$/', $value ) ? $value : '"' . addcslashes( $value, "\"\\\$`" ) . '"' );
		}
		return implode( "\n", $lines ) . "\n";
	}

	/**
	 * Reads an environment file written by env_text().
	 *
	 * @return array<string, string>
	 */
	public static function read_env( string $file ): array {
		$env = array();
		foreach ( (array) preg_split( '/\r?\n/', (string) @file_get_contents( $file ) ) as $line ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			if ( ! preg_match( '/^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/', (string) $line, $match ) ) {
				continue;
			}
			$value = trim( $match[2] );
			if ( strlen( $value ) >= 2 && '"' === $value[0] && '"' === substr( $value, -1 ) ) {
				$value = stripcslashes( substr( $value, 1, -1 ) );
			}
			$env[ $match[1] ] = $value;
		}
		return $env;
	}

	/**
	 * The systemd unit that runs the sidecar with this environment file.
	 *
	 * @param array{args: array<int, string>, cwd: ?string} $entry Sidecar_Runtime::entry().
	 * @param array{name: string, uid: int, gid: int}|null  $user  Owner of the uploads folder.
	 */
	public static function unit_text( string $node, array $entry, string $env_file, string $data_dir, ?array $user ): string {
		$exec  = implode( ' ', array_map( array( self::class, 'unit_quote' ), array_merge( array( $node ), $entry['args'] ) ) );
		$lines = array(
			'[Unit]',
			'Description=WP Media Cloud sidecar for ' . Sidecar_Runtime::wordpress_url(),
			'After=network-online.target',
			'Wants=network-online.target',
			'',
			'[Service]',
		);
		if ( null !== $user && 0 !== $user['uid'] ) {
			$lines[] = 'User=' . $user['name'];
		}
		return implode(
			"\n",
			array_merge(
				$lines,
				array(
					'EnvironmentFile=' . $env_file,
					'WorkingDirectory=' . ( $entry['cwd'] ?? $data_dir ),
					'ExecStart=' . $exec,
					'Restart=always',
					'RestartSec=2',
					'NoNewPrivileges=true',
					'ProtectSystem=full',
					'PrivateTmp=true',
					'',
					'[Install]',
					'WantedBy=multi-user.target',
				)
			)
		) . "\n";
	}

	private static function unit_quote( string $arg ): string {
		return preg_match( '/^[A-Za-z0-9_.\/:@%+,=-]+$/', $arg ) ? $arg : '"' . addcslashes( $arg, "\"\\" ) . '"';
	}
}

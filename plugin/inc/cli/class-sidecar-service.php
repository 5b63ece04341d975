<?php
/**
 * How `wp media-cloud sidecar` finds and drives the sidecar of this site: what setup chose (data folder, Node.js,
 * systemd unit, kept in an option), the systemd service where setup installed one, and whether the sidecar answers
 * a signed request at a URL. Shared by setup, start, stop and logs.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Client;
use WP_Media_Cloud\Signature;

final class Sidecar_Service {

	/**
	 * @param array{data_dir: string, node: string, unit: string} $state What setup chose.
	 */
	public static function save_state( array $state ): void {
		if ( is_multisite() ) {
			update_site_option( Sidecar_Runtime::STATE_OPTION, $state );
		} else {
			update_option( Sidecar_Runtime::STATE_OPTION, $state, false );
		}
	}

	/**
	 * What setup chose; without it (or without the secret) the command ends saying to run setup.
	 *
	 * @return array{data_dir: string, node: string, unit: string}
	 */
	public static function state_or_fail(): array {
		$state = Sidecar_Runtime::state();
		if ( null === $state ) {
			\WP_CLI::error( __( 'The sidecar is not set up on this site: run `wp media-cloud sidecar setup` first.', 'wp-media-cloud' ) );
		}
		if ( ! Sidecar_Client::is_configured() ) {
			\WP_CLI::error( __( 'WP_MEDIA_CLOUD_SIDECAR_SECRET is not defined in wp-config.php: run `wp media-cloud sidecar setup` again.', 'wp-media-cloud' ) );
		}
		return $state;
	}

	/** @param array{unit: string} $state What setup chose. */
	public static function uses_systemd( array $state ): bool {
		return '' !== $state['unit'] && Sidecar_Unit_Files::has_systemd() && is_file( '/etc/systemd/system/' . $state['unit'] );
	}

	/**
	 * Runs systemctl; a failure stops the command with systemctl's own words.
	 *
	 * @param array<int, string> $args Its arguments.
	 */
	public static function systemctl( array $args ): void {
		$output = array();
		$code   = 0;
		exec( 'systemctl ' . implode( ' ', array_map( 'escapeshellarg', $args ) ) . ' 2>&1', $output, $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		if ( 0 !== $code ) {
			/* translators: 1: the systemctl arguments, 2: what systemctl printed. */
			\WP_CLI::error( sprintf( __( "systemctl %1\$s failed:\n%2\$s", 'wp-media-cloud' ), implode( ' ', $args ), implode( "\n", $output ) ) );
		}
	}

	/** Waits up to 20 s for the sidecar to answer after its service started, then says so (or where to look). */
	public static function finish_with_status( string $url, string $secret, string $logs ): void {
		$until = microtime( true ) + 20;
		do {
			$answer = self::ping( $url, $secret );
			if ( ! is_wp_error( $answer ) ) {
				/* translators: %s: the sidecar's URL. */
				\WP_CLI::success( sprintf( __( 'The sidecar answers at %s.', 'wp-media-cloud' ), $url ) );
				return;
			}
			usleep( 500000 );
		} while ( microtime( true ) < $until );
		/* translators: 1: the sidecar's URL, 2: the error, 3: the command that shows its log. */
		\WP_CLI::error( sprintf( __( 'The service started but the sidecar does not answer at %1$s: %2$s See `%3$s`.', 'wp-media-cloud' ), $url, $answer->get_error_message(), $logs ) );
	}

	public static function port_in_use( int $port ): bool {
		$socket = @fsockopen( '127.0.0.1', $port, $errno, $errstr, 0.5 ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_fsockopen
		if ( false === $socket ) {
			return false;
		}
		fclose( $socket ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		return true;
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

<?php
/**
 * `wp media-cloud sidecar status`: how the sidecar runs on this server (systemd unit or background process),
 * whether it answers, and whether it runs the build the plugin ships (Sidecar_Build). Exits 1 when it does not
 * answer, with the command that starts it.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Sidecar_Build;
use WP_Media_Cloud\Sidecar_Client;

final class Sidecar_Status {

	/** Prints the report: a JSON object (`json`), else sentences for people. */
	public static function show( string $format ): void {
		$state    = Sidecar_Runtime::state();
		$answer   = Sidecar_Client::request( 'GET', '/v1/status', null, 5 );
		$process  = null !== $state ? new Sidecar_Process( $state['data_dir'] ) : null;
		$unit     = null !== $state && '' !== $state['unit'] ? $state['unit'] : null;
		$mismatch = is_wp_error( $answer ) ? null : Sidecar_Build::mismatch( $answer );
		$report   = array(
			'answers'        => ! is_wp_error( $answer ),
			'url'            => Sidecar_Client::url(),
			'version'        => is_wp_error( $answer ) ? null : ( $answer['version'] ?? null ),
			'build'          => is_wp_error( $answer ) ? null : ( $answer['build'] ?? null ),
			'build_on_disk'  => Sidecar_Build::on_disk(),
			'outdated'       => null !== $mismatch,
			'uptime_seconds' => is_wp_error( $answer ) ? null : ( $answer['uptime_seconds'] ?? null ),
			'error'          => is_wp_error( $answer ) ? $answer->get_error_message() : null,
			'pid'            => null !== $process ? $process->pid() : null,
			'data_dir'       => $state['data_dir'] ?? null,
			'log_file'       => null !== $process && null === $unit ? $process->log_file() : null,
			'unit'           => $unit,
		);
		if ( 'json' === $format ) {
			\WP_CLI::line( (string) wp_json_encode( $report ) );
			if ( ! $report['answers'] ) {
				\WP_CLI::halt( 1 );
			}
			return;
		}
		if ( null !== $unit ) {
			/* translators: %s: the systemd unit. */
			\WP_CLI::log( sprintf( __( 'Runs as the systemd service %1$s (`systemctl status %1$s`).', 'wp-media-cloud' ), $unit ) );
		} elseif ( null !== $report['pid'] ) {
			/* translators: 1: process id, 2: log file path. */
			\WP_CLI::log( sprintf( __( 'Background process: pid %1$d, log %2$s.', 'wp-media-cloud' ), $report['pid'], $report['log_file'] ) );
		} elseif ( null !== $state ) {
			\WP_CLI::log( __( 'Background process: not running.', 'wp-media-cloud' ) );
		} else {
			\WP_CLI::log( __( 'Not set up with `wp media-cloud sidecar setup` on this site.', 'wp-media-cloud' ) );
		}
		if ( $report['answers'] ) {
			/* translators: 1: the sidecar's URL, 2: its version, 3: seconds since it started. */
			\WP_CLI::success( sprintf( __( 'The sidecar answers at %1$s (version %2$s, up %3$d s).', 'wp-media-cloud' ), $report['url'], (string) $report['version'], (int) $report['uptime_seconds'] ) );
			if ( null !== $mismatch ) {
				\WP_CLI::warning( Sidecar_Build::outdated_text( $mismatch ) . ' ' . Sidecar_Build::restart_fix() );
			}
			return;
		}
		if ( null !== $unit ) {
			/* translators: %s: the systemd unit. */
			$fix = sprintf( __( 'Start it with `systemctl start %s`; `wp media-cloud sidecar logs` shows why it stopped.', 'wp-media-cloud' ), $unit );
		} elseif ( null !== $state && Sidecar_Client::is_configured() ) {
			$fix = __( 'Start it with `wp media-cloud sidecar start`.', 'wp-media-cloud' );
		} else {
			$fix = __( 'Set it up with `wp media-cloud sidecar setup`, then start it with `wp media-cloud sidecar start`.', 'wp-media-cloud' );
		}
		/* translators: 1: the sidecar's URL, 2: the error, 3: what to do. */
		\WP_CLI::error( sprintf( __( 'The sidecar does not answer at %1$s: %2$s %3$s', 'wp-media-cloud' ), $report['url'], $report['error'], $fix ) );
	}
}

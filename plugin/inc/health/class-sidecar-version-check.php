<?php
/**
 * "Sidecar version": the sidecar process runs the build the plugin ships (Sidecar_Build). After a plugin update the
 * files on disk are new but the process keeps the old code until it is restarted, and refuses the routes and fields
 * the new plugin sends (uploads that change go pending, runs fail), though each refusal looks like a bug.
 *
 * Critical, though some uploads may still work: which requests the old process refuses cannot be known from here,
 * the fix is one command, and `wp media-cloud health` exits 1 on it, so a script run after an auto-update notices.
 * When the sidecar does not answer (or is not set up) API connectivity names that cause; this check then says it
 * did not compare and stays good, so Site Health does not show the same cause twice.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Sidecar_Build;
use WP_Media_Cloud\Sidecar_Client;

final class Sidecar_Version_Check {

	/** @return array<string, mixed> */
	public static function run(): array {
		$label   = __( 'Sidecar version', 'wp-media-cloud' );
		$on_disk = Sidecar_Build::on_disk();
		if ( null === $on_disk ) {
			return Result::good( 'sidecar_version', $label, __( 'The sidecar runs from source (a development checkout): there is no build to compare.', 'wp-media-cloud' ) );
		}
		$status = Sidecar_Client::is_configured() ? Sidecar_Client::request( 'GET', '/v1/status', null, 5 ) : null;
		if ( ! is_array( $status ) ) {
			return Result::good( 'sidecar_version', $label, __( 'Not compared: the sidecar does not answer (API connectivity says why and what to do).', 'wp-media-cloud' ), array( 'on_disk' => $on_disk ) );
		}
		$mismatch = Sidecar_Build::mismatch( $status );
		if ( null === $mismatch ) {
			/* translators: %s: build id. */
			return Result::good( 'sidecar_version', $label, sprintf( __( 'The sidecar runs the build the plugin ships (%s).', 'wp-media-cloud' ), $on_disk ), array( 'on_disk' => $on_disk, 'running' => $on_disk ) );
		}
		$command = Sidecar_Build::restart_command();
		return Result::problem(
			'sidecar_version',
			$label,
			'sidecar_outdated',
			Sidecar_Build::outdated_text( $mismatch ),
			Sidecar_Build::restart_fix(),
			'critical',
			$mismatch + ( null === $command ? array() : array( 'command' => $command ) )
		);
	}
}

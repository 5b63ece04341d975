<?php
/**
 * Whether the sidecar process that runs is the one the plugin ships. Updating the plugin (Plugins › upload a newer
 * zip, an auto-update) replaces sidecar/ on disk, but the process started before keeps running the old code until it
 * is restarted, and refuses the routes and fields the new plugin sends. bin/build-sidecar.ts stamps a build id (a
 * hash of the bundle) into sidecar/package.json; the sidecar reads it once as it starts and reports it in
 * GET /v1/status (`build`). Different ids: the process needs a restart, with this site's exact command.
 *
 * A sidecar run from source (a development checkout, the test stack) has no build id on disk: nothing is compared.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

use WP_Media_Cloud\Cli\Sidecar_Runtime;
use WP_Media_Cloud\Cli\Sidecar_Unit_Files;

final class Sidecar_Build {

	/** The build id of the sidecar beside the plugin (sidecar/package.json), or null: a checkout, or no stamp. */
	public static function on_disk(): ?string {
		$file = dirname( __DIR__ ) . '/sidecar/package.json';
		if ( ! is_file( $file ) ) {
			return null;
		}
		$stamp = json_decode( (string) file_get_contents( $file ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		return is_array( $stamp ) && is_string( $stamp['build'] ?? null ) && '' !== $stamp['build'] ? $stamp['build'] : null;
	}

	/**
	 * The running build against the one on disk, when they differ. A running sidecar that reports no build while the
	 * disk has one is older than build ids (or was started from elsewhere): it needs the restart all the same.
	 *
	 * @param array<string, mixed> $status The sidecar's GET /v1/status answer.
	 * @return array{running: string, on_disk: string}|null Null when they match or there is nothing to compare.
	 */
	public static function mismatch( array $status ): ?array {
		$on_disk = self::on_disk();
		if ( null === $on_disk ) {
			return null;
		}
		$running = is_string( $status['build'] ?? null ) ? $status['build'] : '';
		return $running === $on_disk ? null : array(
			'running' => $running,
			'on_disk' => $on_disk,
		);
	}

	/**
	 * The systemd unit the sidecar runs as: the one setup installed, or the one it printed for root to install
	 * (setup then recorded none), when that file is in place. '' when it runs as a background process.
	 */
	public static function unit(): string {
		$state = Sidecar_Runtime::state();
		if ( null === $state ) {
			return '';
		}
		if ( '' !== $state['unit'] ) {
			return $state['unit'];
		}
		$printed = Sidecar_Unit_Files::unit_name();
		return is_file( '/etc/systemd/system/' . $printed ) ? $printed : '';
	}

	/**
	 * The one command that restarts this site's sidecar (Setup_Checklist::commands()['restart']), or null when it
	 * was not set up with `wp media-cloud sidecar setup` (started by hand: restarted where it was started).
	 */
	public static function restart_command(): ?string {
		return null === Sidecar_Runtime::state() ? null : Setup_Checklist::commands()['restart'];
	}

	/** What to do about a sidecar that runs another version than the plugin's: this site's restart command. */
	public static function restart_fix(): string {
		$command = self::restart_command();
		if ( null === $command ) {
			return __( 'Restart the sidecar where it was started (your service manager, or stop the `node …/sidecar/main.js` process and start it again), so it runs the version the plugin ships.', 'wp-media-cloud' );
		}
		/* translators: %s: the command, such as "systemctl restart wp-media-cloud-example-com.service". */
		return sprintf( __( 'Restart the sidecar so it runs the version the plugin ships: run `%s` on this server.', 'wp-media-cloud' ), $command );
	}

	/**
	 * The finding, for Health, the Dashboard and `wp media-cloud sidecar status`.
	 *
	 * @param array{running: string, on_disk: string} $mismatch What mismatch() found.
	 */
	public static function outdated_text( array $mismatch ): string {
		if ( '' === $mismatch['running'] ) {
			/* translators: %s: build id of the sidecar on disk. */
			return sprintf( __( 'The sidecar that runs reports no build id, so it is older than the plugin on disk (sidecar build %s): the plugin was updated and the sidecar process was not restarted. It refuses what the new plugin sends that it does not know.', 'wp-media-cloud' ), $mismatch['on_disk'] );
		}
		/* translators: 1: build id the running sidecar reports, 2: build id of the sidecar on disk. */
		return sprintf( __( 'The sidecar that runs is build %1$s, but the plugin on disk ships build %2$s: the plugin was updated and the sidecar process was not restarted. It refuses what the new plugin sends that it does not know.', 'wp-media-cloud' ), $mismatch['running'], $mismatch['on_disk'] );
	}
}

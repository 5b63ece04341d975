<?php
/**
 * Registers `wp media-cloud` and the migration engineer's subcommands when running under WP-CLI. Other parts
 * register their own subcommands (`media-cloud health`, `media-cloud replace`); WP-CLI attaches them here.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Commands {

	private const SUBCOMMANDS = array( 'status', 'migrate', 'pause', 'resume', 'cancel', 'offload', 'download', 'verify' );

	public function register(): void {
		if ( ! ( defined( 'WP_CLI' ) && WP_CLI ) ) {
			return;
		}
		\WP_CLI::add_command( 'media-cloud', Root_Command::class );
		$command = new Migration_Command( new Progress_Follower() );
		foreach ( self::SUBCOMMANDS as $name ) {
			\WP_CLI::add_command( 'media-cloud ' . $name, array( $command, $name ) );
		}
		\WP_CLI::add_command( 'media-cloud move', new Move_Command( new Progress_Follower() ) );
		\WP_CLI::add_command( 'media-cloud settings', Settings_Command::class );
		\WP_CLI::add_command( 'media-cloud sidecar', Sidecar_Command::class );
	}

	public function unregister(): void {
		// WP-CLI cannot remove a command; it lives for one CLI process only.
	}
}

<?php
/**
 * Wires the plugin's parts to WordPress. `setup()` and `tear_down()` mirror each other so tests can check
 * every hook is removed again.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Plugin {

	/**
	 * The parts that own hooks, each with register() and unregister().
	 *
	 * @return array<int, object>
	 */
	private static function parts(): array {
		static $parts = null;
		if ( null === $parts ) {
			$parts = array(
				new Settings_Registration(),
				new Url_Rewriter(),
				new Unique_Filenames(),
				new Attachment_Changes(),
				new Deletion_Mirror(),
				new Media_Library_Actions(),
				new Pending_Queue(),
				new Rest_Routes(),
				new Settings_Controller(),
				new Health\Health_Controller(),
				new Health\Site_Health(),
				new Health\Health_Command(),
				new Migration\Rest_Controller(),
				new Cli\Commands(),
				new Url_Replace\Tools(),
				new Admin_Page(),
				new Network\Network_Admin_Page(),
				new Network\Site_Switch(),
				new Setup_Guide(),
				new Deactivation_Warning(),
			);
		}
		return $parts;
	}

	public static function setup(): void {
		foreach ( self::parts() as $part ) {
			$part->register();
		}
	}

	public static function tear_down(): void {
		foreach ( self::parts() as $part ) {
			$part->unregister();
		}
	}

	/** Deactivation leaves every record in place: URLs fall back to local ones because the filters are gone. */
	public static function deactivate(): void {
		wp_clear_scheduled_hook( Pending_Queue::CRON_HOOK );
	}
}

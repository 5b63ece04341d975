<?php
/**
 * The plugin part of the URL Replace tool: its REST routes, its WP-CLI command and the cache purge after
 * changes to settings or migrations. One part, so Plugin::setup() and tear_down() handle it as a whole.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Cache_Purger;

final class Tools {

	private Rest_Controller $rest;

	private Cache_Purger $purger;

	public function __construct() {
		$this->rest   = new Rest_Controller();
		$this->purger = new Cache_Purger();
	}

	public function register(): void {
		$this->rest->register();
		$this->purger->register();
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			\WP_CLI::add_command( 'media-cloud replace', Cli_Command::class );
		}
	}

	public function unregister(): void {
		$this->rest->unregister();
		$this->purger->unregister();
	}
}

<?php
/**
 * The plugin part of the URL Replace tool: its REST routes, its WP-CLI command, the cache purge after
 * changes to settings or migrations, and the index of attachments by file its lookups use. One part, so Plugin::setup() and tear_down() handle it as a whole.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Cache_Purger;

final class Tools {

	private Rest_Controller $rest;

	private Cache_Purger $purger;

	private Attached_File_Index $file_index;

	public function __construct() {
		$this->rest       = new Rest_Controller();
		$this->purger     = new Cache_Purger();
		$this->file_index = new Attached_File_Index();
	}

	public function register(): void {
		$this->rest->register();
		$this->purger->register();
		$this->file_index->register();
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			\WP_CLI::add_command( 'media-cloud replace', Cli_Command::class );
		}
	}

	public function unregister(): void {
		$this->rest->unregister();
		$this->purger->unregister();
		$this->file_index->unregister();
	}
}

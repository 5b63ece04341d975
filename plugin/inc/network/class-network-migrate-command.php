<?php
/**
 * `wp media-cloud migrate --network`: the migration of every site the plugin is active on, one site after the
 * other (each its own run, with its own settings and progress bar), then a table of every site and the total.
 * One site at a time keeps the load of one migration; a site that cannot run (storage not configured, its run
 * paused by a storage error) is listed with why and the others go on. Exit codes as `migrate`: 0 all done,
 * 1 a site could not run, 2 items failed.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

use WP_Media_Cloud\Cli\Migration_Command;
use WP_Media_Cloud\Cli\Progress_Follower;
use WP_Media_Cloud\Cli\Run_Report;
use WP_Media_Cloud\Migration\Migration_Service;
use WP_Media_Cloud\Settings;

final class Network_Migrate_Command {

	public function __construct( private Progress_Follower $follower ) {}

	public function run( ?int $concurrency, bool $detach, bool $dry_run ): void {
		if ( ! is_multisite() ) {
			\WP_CLI::error( '--network works on a multisite network; this is a single site. Run: wp media-cloud migrate' );
		}
		if ( ! Network_Migration::sites() ) {
			\WP_CLI::error( 'The plugin is active on no site of this network. Activate it (wp plugin activate wp-media-cloud --network, or per site with --url), then run this again.' );
		}
		$rows = Network_Migration::each_site( fn ( int $site_id ) => $this->site( $site_id, $concurrency, $detach, $dry_run ) );
		$rows = array_values( $rows );
		$keys = $dry_run ? array( 'site_id', 'url', 'state', 'attachments', 'files', 'missing_files' ) : array( 'site_id', 'url', 'state', 'total', 'done', 'failed' );
		\WP_CLI\Utils\format_items( 'table', $rows, $keys );

		$sum     = static fn ( string $key ) => array_sum( array_map( 'intval', array_column( $rows, $key ) ) );
		$unready = array_filter( $rows, static fn ( array $row ) => ! in_array( $row['state'], $detach ? array( 'running', 'done' ) : array( 'done', 'dry run' ), true ) );
		if ( $dry_run ) {
			\WP_CLI::success( sprintf( 'Dry run on %d sites: %d attachments (%d files) would be offloaded. Nothing was uploaded.', count( $rows ), $sum( 'attachments' ), $sum( 'files' ) ) );
			return;
		}
		$total = sprintf( 'Network: %d of %d attachments done, %d failed, on %d sites.', $sum( 'done' ), $sum( 'total' ), $sum( 'failed' ), count( $rows ) );
		if ( $unready ) {
			\WP_CLI::warning( $total );
			\WP_CLI::error( sprintf( '%d site(s) did not finish (listed above with why); run this again once fixed: sites already done have nothing left to do.', count( $unready ) ) );
		}
		if ( $sum( 'failed' ) > 0 ) {
			\WP_CLI::warning( $total . ' See each site\'s failures with: wp --url=<site> media-cloud status' );
			\WP_CLI::halt( Migration_Command::EXIT_ITEMS_FAILED );
		}
		\WP_CLI::success( $total . ( $detach ? ' The runs go on in the background; follow each with: wp --url=<site> media-cloud status' : '' ) );
	}

	/** @return array<string, mixed> One row of the table: the site and how its run ended. */
	private function site( int $site_id, ?int $concurrency, bool $detach, bool $dry_run ): array {
		$row = array(
			'site_id' => $site_id,
			'url'     => home_url( '/' ),
		);
		if ( ! Settings::is_configured() ) {
			\WP_CLI::warning( sprintf( 'Site %d (%s): storage is not configured; skipped. Set it in that site\'s Media Cloud › Settings (or the network\'s).', $site_id, $row['url'] ) );
			return $row + array( 'state' => 'not configured' );
		}
		\WP_CLI::log( sprintf( 'Site %d (%s):', $site_id, $row['url'] ) );
		$started = Migration_Service::start( $dry_run, $concurrency );
		if ( is_wp_error( $started ) ) {
			\WP_CLI::warning( Run_Report::message( $started ) );
			return $row + array( 'state' => 'error' );
		}
		if ( $dry_run ) {
			return $row + array( 'state' => 'dry run' ) + $started;
		}
		$progress = $detach ? $started : $this->follower->follow( static fn () => Migration_Service::progress(), sprintf( 'Site %d: offloading', $site_id ), $started );
		if ( is_wp_error( $progress ) ) {
			\WP_CLI::warning( Run_Report::message( $progress ) );
			return $row + array( 'state' => 'error' );
		}
		if ( ! empty( $progress['paused_reason'] ) ) {
			\WP_CLI::warning( Run_Report::paused_message( $progress['paused_reason'], sprintf( 'wp --url=%s media-cloud resume', $row['url'] ) ) );
		}
		return $row + $progress;
	}
}

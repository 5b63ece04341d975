<?php
/**
 * The migration of a whole network: one run per site the plugin is active on, each its own (its attachments,
 * its settings, its progress, paused or cancelled alone; Migration\Run_Site). WP-CLI's `migrate --network` runs
 * them in turn; the Network Admin starts them together and reads their progress, per site and in total.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

use WP_Media_Cloud\Migration\Migration_Service;

final class Network_Migration {

	/** @return array<int, int> Blog ids of the sites the plugin is active on (every live site when network-activated). */
	public static function sites(): array {
		$ids = array_map(
			'intval',
			get_sites(
				array(
					'fields'   => 'ids',
					'number'   => 0,
					'orderby'  => 'id',
					'order'    => 'ASC',
					'archived' => 0,
					'deleted'  => 0,
					'spam'     => 0,
				)
			)
		);
		if ( self::is_network_active() ) {
			return $ids;
		}
		return array_values( array_filter( $ids, static fn ( int $id ) => in_array( self::basename(), (array) get_blog_option( $id, 'active_plugins', array() ), true ) ) );
	}

	public static function is_network_active(): bool {
		return is_multisite() && isset( ( (array) get_site_option( 'active_sitewide_plugins', array() ) )[ self::basename() ] );
	}

	/**
	 * Runs `$callback` on each site the plugin is active on, with that site current and its settings read.
	 *
	 * @param callable $callback Receives the blog id; its answer is kept by blog id.
	 * @return array<int, mixed>
	 */
	public static function each_site( callable $callback ): array {
		$answers = array();
		foreach ( self::sites() as $site_id ) {
			switch_to_blog( $site_id );
			try {
				$answers[ $site_id ] = $callback( $site_id );
			} finally {
				restore_current_blog();
			}
		}
		return $answers;
	}

	/**
	 * Starts (or resumes) the migration of every site at once; a site whose storage is not configured is listed
	 * with why, and the others start all the same.
	 *
	 * @return array{sites: array<int, array<string, mixed>>, total: array<string, int>}
	 */
	public static function start_all( ?int $concurrency = null ): array {
		return self::report( self::each_site( static fn () => Migration_Service::start( false, $concurrency ) ) );
	}

	/** @return array{sites: array<int, array<string, mixed>>, total: array<string, int>} Every site's progress and the sum. */
	public static function progress_all(): array {
		return self::report( self::each_site( static fn () => Migration_Service::progress() ) );
	}

	/**
	 * @param array<int, mixed> $answers Progress (or WP_Error) by blog id.
	 * @return array{sites: array<int, array<string, mixed>>, total: array<string, int>}
	 */
	private static function report( array $answers ): array {
		$sites = array();
		$total = array(
			'total'  => 0,
			'done'   => 0,
			'failed' => 0,
			'bytes'  => 0,
		);
		foreach ( $answers as $site_id => $answer ) {
			$site = array(
				'site_id' => $site_id,
				'url'     => get_home_url( $site_id ),
			);
			if ( is_wp_error( $answer ) ) {
				$sites[] = $site + array(
					'state'  => 'error',
					'error'  => $answer->get_error_message(),
					'remedy' => (string) ( ( (array) $answer->get_error_data() )['remedy'] ?? '' ),
				);
				continue;
			}
			$answer  = (array) $answer;
			$sites[] = $site + $answer;
			foreach ( array_keys( $total ) as $key ) {
				$total[ $key ] += (int) ( $answer[ $key ] ?? 0 );
			}
		}
		return array(
			'sites' => $sites,
			'total' => $total,
		);
	}

	private static function basename(): string {
		return plugin_basename( \WP_Media_Cloud\PLUGIN_FILE );
	}
}

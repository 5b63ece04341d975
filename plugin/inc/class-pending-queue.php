<?php
/**
 * Uploads kept local because the sidecar was down or failing, and mirror deletions that could not be sent,
 * retried until they succeed: on every sidecar heartbeat and by WP-cron where it runs. Nothing is dropped.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Pending_Queue {

	public const CRON_HOOK         = 'wp_media_cloud_retry_pending';
	public const DELETIONS_OPTION  = 'wp_media_cloud_pending_deletions';
	private const LOCK_OPTION      = 'wp_media_cloud_pending_lock';
	private const LOCK_SECONDS     = 600;
	private const BATCH            = 25;
	private const RETRY_IN_SECONDS = 300;

	public function register(): void {
		add_action( self::CRON_HOOK, array( self::class, 'drain' ) );
	}

	public function unregister(): void {
		remove_action( self::CRON_HOOK, array( self::class, 'drain' ) );
	}

	public static function schedule_retry(): void {
		if ( ! wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_single_event( time() + self::RETRY_IN_SECONDS, self::CRON_HOOK );
		}
	}

	/**
	 * Offloads pending uploads (oldest first) and sends queued deletions. One runner at a time: a heartbeat and
	 * a cron run must not upload the same attachment twice.
	 *
	 * @return array{offloaded: int, failed: int, pending: int}
	 */
	public static function drain(): array {
		$result = array(
			'offloaded' => 0,
			'failed'    => 0,
			'pending'   => 0,
		);
		if ( ! self::acquire_lock() ) {
			$result['pending'] = self::count();
			return $result;
		}
		try {
			self::send_queued_deletions();
			foreach ( self::ids( self::BATCH ) as $attachment_id ) {
				if ( is_wp_error( Offloader::offload( $attachment_id ) ) ) {
					++$result['failed'];
					break; // The sidecar or storage is failing again: stop here, keep the rest for the next run.
				}
				++$result['offloaded'];
			}
		} finally {
			delete_option( self::LOCK_OPTION );
		}
		$result['pending'] = self::count();
		if ( $result['pending'] > 0 ) {
			self::schedule_retry();
		}
		return $result;
	}

	/** @return array<int, int> */
	public static function ids( int $limit ): array {
		return array_map(
			'intval',
			get_posts(
				array(
					'post_type'      => 'attachment',
					'post_status'    => 'any',
					'meta_key'       => Offload_Record::PENDING_META, // phpcs:ignore WordPress.DB.SlowDBQuery -- pending uploads are few.
					'fields'         => 'ids',
					'orderby'        => 'ID',
					'order'          => 'ASC',
					'posts_per_page' => $limit,
					'no_found_rows'  => true,
				)
			)
		);
	}

	public static function count(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(DISTINCT post_id) FROM {$wpdb->postmeta} WHERE meta_key = %s", Offload_Record::PENDING_META ) );
	}

	/**
	 * Remembers object keys whose deletion failed, to send them again later.
	 *
	 * @param array<string, mixed> $storage Storage settings at the time of deletion.
	 * @param array<int, string>   $keys    Object keys.
	 */
	public static function queue_deletion( array $storage, array $keys ): void {
		$queue   = get_option( self::DELETIONS_OPTION, array() );
		$queue   = is_array( $queue ) ? $queue : array();
		$queue[] = array(
			'bucket' => $storage['bucket'],
			'keys'   => $keys,
		);
		update_option( self::DELETIONS_OPTION, $queue, false );
		self::schedule_retry();
	}

	private static function send_queued_deletions(): void {
		$queue = get_option( self::DELETIONS_OPTION, array() );
		if ( ! is_array( $queue ) || ! $queue ) {
			return;
		}
		$remaining = array();
		foreach ( $queue as $entry ) {
			$storage = array( 'bucket' => $entry['bucket'] ) + Settings::storage();
			$answer  = Sidecar_Client::request( 'POST', '/v1/deletions', array( 'storage' => $storage, 'keys' => $entry['keys'] ) );
			if ( is_wp_error( $answer ) ) {
				$remaining[] = $entry;
			}
		}
		update_option( self::DELETIONS_OPTION, $remaining, false );
	}

	private static function acquire_lock(): bool {
		if ( add_option( self::LOCK_OPTION, time(), '', false ) ) {
			return true;
		}
		$since = (int) get_option( self::LOCK_OPTION );
		if ( time() - $since > self::LOCK_SECONDS ) { // A runner that died mid-way; take over.
			update_option( self::LOCK_OPTION, time(), false );
			return true;
		}
		return false;
	}
}

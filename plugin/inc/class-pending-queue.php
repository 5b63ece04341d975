<?php
/**
 * Uploads kept local because the sidecar was down or failing, and mirror deletions that could not be sent,
 * retried until they succeed: on every sidecar heartbeat and by WP-cron where it runs. Nothing is dropped.
 * An upload is retried only on the web server that has its file (the marker's `server`, Network\Server_Id):
 * behind a load balancer every server has its own disk and sidecar. On a network, a heartbeat drains every
 * site the plugin is active on.
 * (The lock below is add_option()'s read-then-insert: a drain is idempotent per attachment through
 * Attachment_Lock, so a rare second drain costs time, not files.)
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Pending_Queue {

	public const CRON_HOOK         = 'wp_media_cloud_retry_pending';
	public const DELETIONS_OPTION  = 'wp_media_cloud_pending_deletions';
	private const LOCK_OPTION      = 'wp_media_cloud_pending_lock';
	private const CURSOR_OPTION    = 'wp_media_cloud_pending_cursor';
	/**
	 * Errors after which every other upload would fail alike. E_TIMEOUT: a storage that does not answer costs each
	 * upload the sidecar's whole silence limit (30 s), so 25 of them would outlast the lock.
	 */
	private const STOP_CODES       = array( 'wp_media_cloud_sidecar_unreachable', 'wp_media_cloud_sidecar_not_configured' );
	/** The sidecar's codes among them, checked against plugin/contract.json. */
	private const STOP_SIDECAR_CODES = array( 'E_TIMEOUT' );
	private const LOCK_SECONDS     = 600;
	private const BATCH            = 25;
	private const RETRY_IN_SECONDS = 300;
	/** Web servers whose sidecar sent a heartbeat: id => unix time (a network-wide option on a network). */
	public const SERVERS_OPTION    = 'wp_media_cloud_servers';
	/** Sites of a network drained per heartbeat; the next heartbeat goes on after the last one. */
	private const SITES_PER_BEAT   = 100;
	private const SITE_CURSOR      = 'wp_media_cloud_pending_site_cursor';

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
	 * A sidecar's heartbeat: remembers its server, drains this server's pending uploads (on a network, of every
	 * site the plugin is active on), and answers which server WordPress runs on, so a sidecar whose heartbeats
	 * reach another server (a load balancer in between) can say so.
	 *
	 * @param string $sidecar_server The sidecar's WPMC_SERVER_ID ('' from a sidecar that does not send one).
	 * @return array{offloaded: int, failed: int, pending: int, server: string}
	 */
	public static function heartbeat( string $sidecar_server ): array {
		$server = Network\Server_Id::current();
		$result = Network\Network_Migration::is_network_active() ? self::drain_network() : self::drain();
		// Written after the drain: whoever reads it (Site Health, a test) sees a heartbeat that has been answered.
		$seen = (array) get_site_option( self::SERVERS_OPTION, array() );
		$seen[ '' === $sidecar_server ? $server : $sidecar_server ] = time();
		update_site_option( self::SERVERS_OPTION, $seen );
		return $result + array( 'server' => $server );
	}

	/** @return array{offloaded: int, failed: int, pending: int} Drains the next sites of the network, each as its own. */
	private static function drain_network(): array {
		$total = array(
			'offloaded' => 0,
			'failed'    => 0,
			'pending'   => 0,
		);
		foreach ( self::network_sites() as $site_id ) {
			switch_to_blog( $site_id );
			try {
				// A site with nothing queued costs two indexed queries, not a lock.
				$idle   = 0 === self::count() && ! get_option( self::DELETIONS_OPTION );
				$result = $idle ? $total : self::drain();
			} finally {
				restore_current_blog();
			}
			if ( ! $idle ) {
				foreach ( $total as $key => $value ) {
					$total[ $key ] = $value + $result[ $key ];
				}
			}
		}
		return $total;
	}

	/** @return array<int, int> The next sites of the network to drain, going round over heartbeats. */
	private static function network_sites(): array {
		$offset = (int) get_site_option( self::SITE_CURSOR, 0 );
		$query  = array(
			'fields'   => 'ids',
			'number'   => self::SITES_PER_BEAT,
			'orderby'  => 'id',
			'order'    => 'ASC',
			'archived' => 0,
			'deleted'  => 0,
			'spam'     => 0,
		);
		$ids = array_map( 'intval', get_sites( $query + array( 'offset' => $offset ) ) );
		if ( ! $ids && $offset > 0 ) {
			$offset = 0;
			$ids    = array_map( 'intval', get_sites( $query ) );
		}
		// A network of more sites than one heartbeat drains goes on where this one stopped.
		update_site_option( self::SITE_CURSOR, count( $ids ) < self::SITES_PER_BEAT ? 0 : $offset + count( $ids ) );
		return $ids;
	}

	/**
	 * Offloads this server's pending uploads of the current site and sends queued deletions. One runner at a
	 * time: a heartbeat and a cron run must not upload the same attachment twice. Each run goes on from where the last one stopped (wrapping around),
	 * and an upload that fails on its own (its file is gone) does not stop the others: only a sidecar that does
	 * not answer does, since then every upload would fail alike.
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
			$after = (int) get_option( self::CURSOR_OPTION, 0 );
			$mine  = Network\Server_Id::current();
			$ids   = self::ids( self::BATCH, $after, $mine );
			if ( count( $ids ) < self::BATCH && $after > 0 ) {
				$ids = array_values( array_unique( array_merge( $ids, self::ids( self::BATCH - count( $ids ), 0, $mine ) ) ) ); // Wrap around.
			}
			foreach ( $ids as $attachment_id ) {
				update_option( self::CURSOR_OPTION, $attachment_id, false );
				$pending   = Offload_Record::pending( $attachment_id );
				$offloaded = Offloader::offload( $attachment_id, null, (string) ( $pending['scope'] ?? Offloader::EVERYTHING ) );
				if ( ! is_wp_error( $offloaded ) ) {
					++$result['offloaded'];
					continue;
				}
				++$result['failed'];
				if ( in_array( $offloaded->get_error_code(), array_merge( self::STOP_CODES, array_map( array( Contract::class, 'error_code' ), self::STOP_SIDECAR_CODES ) ), true ) ) {
					break; // The sidecar or the storage is not answering: keep the rest for the next run.
				}
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

	/**
	 * Pending attachments with an id above $after, lowest first.
	 *
	 * @param string|null $server Only those this web server may retry: recorded here, or before servers were
	 *                            recorded (the marker is serialized; a string's form is exact, so LIKE finds it).
	 * @return array<int, int>
	 */
	public static function ids( int $limit, int $after = 0, ?string $server = null ): array {
		global $wpdb;
		$where = '';
		if ( null !== $server ) {
			$where = $wpdb->prepare(
				' AND ( meta_value LIKE %s OR meta_value NOT LIKE %s )',
				'%' . $wpdb->esc_like( serialize( 'server' ) . serialize( $server ) ) . '%', // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize -- the form WordPress stored.
				'%' . $wpdb->esc_like( serialize( 'server' ) ) . '%' // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
			);
		}
		// phpcs:ignore WordPress.DB -- pending uploads are few; the meta_key index finds them. $where is prepared.
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT post_id FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id > %d{$where} ORDER BY post_id LIMIT %d", Offload_Record::PENDING_META, $after, $limit ) );
		return array_map( 'intval', $ids );
	}

	public static function count(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(DISTINCT post_id) FROM {$wpdb->postmeta} WHERE meta_key = %s", Offload_Record::PENDING_META ) );
	}

	/**
	 * Remembers object keys whose deletion failed, to send them again later.
	 *
	 * @param array<string, mixed> $location Where the objects are (a record, or Storage_Location::current()).
	 * @param array<int, string>   $keys     Object keys.
	 */
	public static function queue_deletion( array $location, array $keys ): void {
		$queue   = get_option( self::DELETIONS_OPTION, array() );
		$queue   = is_array( $queue ) ? $queue : array();
		$queue[] = array_intersect_key( $location, array_flip( array( 'provider', 'endpoint', 'region', 'bucket' ) ) ) + array( 'keys' => $keys );
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
			// Entries queued before 0.2 name only the bucket: the current provider and endpoint are assumed.
			$location = $entry + array( 'provider' => Settings::get( 'provider' ) );
			$answer   = Sidecar_Client::request( 'POST', '/v1/deletions', array( 'storage' => Storage_Location::storage_for( $location ), 'keys' => $entry['keys'] ) );
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

<?php
/**
 * One offload per attachment at a time, across the upload hook, WP-CLI, the pending-upload heartbeat and the
 * migration: two offloads of one attachment would upload it twice (with versioning, under two prefixes, one of
 * them orphaned) and the first one's local-file removal would make the second one fail with "file missing".
 *
 * The lock is an options row created with INSERT IGNORE: the row's unique name makes the insert atomic on
 * MariaDB/MySQL and on SQLite, where add_option()'s read-then-write is not. A holder that died leaves a row
 * older than its time to live, which the next caller takes over with one conditional UPDATE (also atomic).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Attachment_Lock {

	private const PREFIX = '_wp_media_cloud_lock_';

	public const OFFLOAD   = 'offload';
	public const MIGRATION = 'migration';

	/** Longer than any single offload (its HTTP timeout is 120 s). */
	public const TTL_SECONDS = 300;

	/**
	 * Takes the lock; false when another offload of the attachment holds it. The row holds "<expiry>:<owner>";
	 * an owner may take its own lock again (the migration hands an item out again after a pause or a crash).
	 *
	 * @param string $owner Who holds it: self::OFFLOAD (one request) or self::MIGRATION (until its results).
	 */
	public static function acquire( int $attachment_id, int $ttl = self::TTL_SECONDS, string $owner = self::OFFLOAD ): bool {
		global $wpdb;
		$name  = self::PREFIX . $attachment_id;
		$value = ( time() + $ttl ) . ':' . $owner;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- an atomic insert is the point; the options API has none.
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')", $name, $value ) );
		if ( 1 === (int) $inserted ) {
			return true;
		}
		// The expiry leads the value, so a numeric cast reads it on MariaDB and on SQLite alike. Only the migration
		// may take its own lock again: two WP-CLI offloads of one attachment must not both go ahead.
		$reentrant = self::MIGRATION === $owner ? $wpdb->prepare( ' OR option_value LIKE %s', '%:' . $owner ) : '';
		$taken     = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND ( CAST(option_value AS UNSIGNED) < %d", $value, $name, time() ) . $reentrant . ' )' );
		// phpcs:enable
		// MariaDB counts an UPDATE that wrote the same value as 0 rows: the owner is read back instead.
		return 1 === (int) $taken || ( '' !== $reentrant && self::holder( $attachment_id ) === $owner );
	}

	/** Releases every lock the migration holds (a cancelled run hands nothing back). */
	public static function release_migration_locks(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND option_value LIKE %s", $wpdb->esc_like( self::PREFIX ) . '%', '%:' . self::MIGRATION ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	private static function holder( int $attachment_id ): string {
		global $wpdb;
		$value = (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::PREFIX . $attachment_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return (string) substr( (string) strstr( $value, ':' ), 1 );
	}

	public static function release( int $attachment_id ): void {
		global $wpdb;
		$wpdb->delete( $wpdb->options, array( 'option_name' => self::PREFIX . $attachment_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * Releases many locks in one query (a migration results batch).
	 *
	 * @param array<int, int> $attachment_ids Attachment IDs.
	 */
	public static function release_many( array $attachment_ids ): void {
		global $wpdb;
		if ( ! $attachment_ids ) {
			return;
		}
		$names = array_map( static fn ( $id ) => "'" . self::PREFIX . (int) $id . "'", $attachment_ids );
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', $names ) . ')' ); // phpcs:ignore WordPress.DB -- names built from integers.
	}

	/**
	 * Runs $work while holding the lock.
	 *
	 * @template T
	 * @param callable(): T $work
	 * @return T|\WP_Error The work's result, or an error when the attachment is being offloaded elsewhere.
	 */
	public static function with( int $attachment_id, callable $work ) {
		if ( ! self::acquire( $attachment_id ) ) {
			return new \WP_Error(
				'wp_media_cloud_busy',
				/* translators: %d: attachment ID. */
				sprintf( __( 'Attachment %d is being offloaded by another process right now.', 'wp-media-cloud' ), $attachment_id ),
				array(
					'status' => 409,
					'remedy' => __( 'Wait a minute and look again; nothing needs to be done.', 'wp-media-cloud' ),
				)
			);
		}
		try {
			return $work();
		} finally {
			self::release( $attachment_id );
		}
	}
}

<?php
/**
 * Which offload records name an object. Keys are unique per attachment since 0.2, but libraries offloaded
 * before hold attachments that share keys (same file name uploaded twice with local copies removed): deleting
 * one of them must not delete the objects the others still show.
 *
 * Records are serialized postmeta, so a key is found with one LIKE on its serialized form (`…key";`), narrowed
 * by the meta_key index to the offload records, then confirmed on the unserialized record.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Shared_Keys {

	/**
	 * The keys that a record other than the given attachment's names in the same storage.
	 *
	 * @param array<string, mixed> $location Where the keys are (a record, or Storage_Location::current()).
	 * @param array<int, string>   $keys     Object keys.
	 * @return array<int, string>
	 */
	public static function named_by_others( array $location, array $keys, int $attachment_id ): array {
		if ( ! $keys ) {
			return array();
		}
		$shared = array();
		$where  = Storage_Location::id( $location );
		foreach ( self::records_like( self::common_prefix( $keys ), $attachment_id ) as $record ) {
			// Records from before 0.2 have no endpoint: the bucket name decides.
			if ( Storage_Location::id( $record ) === $where || ( ! isset( $record['endpoint'], $location['endpoint'] ) && $record['bucket'] === $location['bucket'] ) ) {
				$shared = array_merge( $shared, array_intersect( $keys, (array) $record['keys'] ) );
			}
		}
		return array_values( array_unique( $shared ) );
	}

	/**
	 * Records that list a file at this path (relative to uploads), whatever their key prefix.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function records_naming_path( string $path ): array {
		$found = array();
		foreach ( self::records_like( $path . '";', 0 ) as $record ) {
			if ( isset( Offload_Record::files( $record )[ $path ] ) ) {
				$found[] = $record;
			}
		}
		return $found;
	}

	/**
	 * @return array<int, array<string, mixed>> Records (other than $except's) whose serialized form contains $needle.
	 */
	private static function records_like( string $needle, int $except ): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one scan of the offload records instead of one per key.
		$rows    = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id <> %d AND meta_value LIKE %s", Offload_Record::META_KEY, $except, '%' . $wpdb->esc_like( $needle ) . '%' ) );
		$records = array();
		foreach ( $rows as $row ) {
			$record = maybe_unserialize( $row );
			if ( is_array( $record ) && isset( $record['keys'], $record['key_prefix'], $record['bucket'] ) ) {
				$records[] = $record;
			}
		}
		return $records;
	}

	/** @param array<int, string> $keys */
	private static function common_prefix( array $keys ): string {
		$prefix = (string) array_shift( $keys );
		foreach ( $keys as $key ) {
			while ( '' !== $prefix && ! str_starts_with( (string) $key, $prefix ) ) {
				$prefix = substr( $prefix, 0, -1 );
			}
		}
		return $prefix;
	}
}

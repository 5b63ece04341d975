<?php
/**
 * Where an attachment's files went, kept as the attachment's `_wp_media_cloud` postmeta (no new tables),
 * and the `_wp_media_cloud_pending` marker for uploads still waiting to be offloaded.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Offload_Record {

	public const META_KEY     = '_wp_media_cloud';
	public const PENDING_META = '_wp_media_cloud_pending';

	/**
	 * The record: where the objects are (Storage_Location::current() at the time: provider, endpoint, region,
	 * bucket, public_base), the key prefix every key starts with, every key, and whether local copies were removed.
	 * Records from before 0.2 lack endpoint, region and public_base.
	 *
	 * @return array{provider: string, endpoint?: string, region?: string, bucket: string, public_base?: string, key_prefix: string, keys: array<int, string>, offloaded_at: int, local_removed: bool}|null
	 */
	public static function get( int $attachment_id ): ?array {
		$record = get_post_meta( $attachment_id, self::META_KEY, true );
		return is_array( $record ) && isset( $record['bucket'], $record['key_prefix'] ) ? $record : null;
	}

	/**
	 * @param array<int, string> $keys Every object key of the attachment.
	 */
	public static function save( int $attachment_id, string $key_prefix, array $keys, bool $local_removed ): void {
		// Both read before the write, which empties the attachment's meta cache: from a primed cache (a migration
		// batch) they cost no query. A first record is added rather than updated, which skips update_metadata()'s
		// own lookup of the row: one query per attachment where a results batch of 250 made 762.
		$pending = '' !== get_post_meta( $attachment_id, self::PENDING_META, true );
		$first   = array() === get_post_meta( $attachment_id, self::META_KEY );
		$record  = Storage_Location::current() + array(
			'key_prefix'    => $key_prefix,
			'keys'          => array_values( $keys ),
			'offloaded_at'  => time(),
			'local_removed' => $local_removed,
		);
		if ( $first ) {
			add_post_meta( $attachment_id, self::META_KEY, $record );
		} else {
			update_post_meta( $attachment_id, self::META_KEY, $record );
		}
		if ( $pending ) {
			delete_post_meta( $attachment_id, self::PENDING_META );
		}
	}

	/**
	 * The record's files: path relative to uploads => object key.
	 *
	 * @param array<string, mixed> $record An offload record.
	 * @return array<string, string>
	 */
	public static function files( array $record ): array {
		$files  = array();
		$prefix = (string) $record['key_prefix'];
		foreach ( (array) $record['keys'] as $key ) {
			if ( str_starts_with( (string) $key, $prefix ) ) {
				$files[ substr( (string) $key, strlen( $prefix ) ) ] = (string) $key;
			}
		}
		return $files;
	}

	/**
	 * @param string $scope What the retry must upload (Offloader::EVERYTHING or NEW_FILES).
	 */
	public static function mark_pending( int $attachment_id, \WP_Error $reason, string $scope = 'everything' ): void {
		$previous = get_post_meta( $attachment_id, self::PENDING_META, true );
		$previous_scope = is_array( $previous ) ? (string) ( $previous['scope'] ?? 'everything' ) : $scope;
		$data           = $reason->get_error_data();
		// The sidecar's codes of the reason, kept to word it for each reader in their language (pending()).
		$said = is_array( $data ) && null !== Health\Messages::said( $data['said'] ?? null ) ? array( 'said' => $data['said'] ) : array();
		update_post_meta(
			$attachment_id,
			self::PENDING_META,
			array(
				'code'     => $reason->get_error_code(),
				'reason'   => $reason->get_error_message(),
				'since'    => is_array( $previous ) ? (int) $previous['since'] : time(),
				'attempts' => is_array( $previous ) ? (int) $previous['attempts'] + 1 : 1,
				// A pending full re-offload stays full when a smaller change fails after it.
				'scope'    => 'everything' === $previous_scope ? 'everything' : $scope,
			) + self::pending_server( $previous ) + $said
		);
	}

	/**
	 * The web server whose disk has the file, recorded when the upload first stays local: only it retries the
	 * upload (Pending_Queue). A marker from before servers were recorded stays any server's.
	 *
	 * @param mixed $previous The marker so far.
	 * @return array{server?: string}
	 */
	private static function pending_server( $previous ): array {
		if ( ! is_array( $previous ) ) {
			return array( 'server' => Network\Server_Id::current() );
		}
		return isset( $previous['server'] ) ? array( 'server' => (string) $previous['server'] ) : array();
	}

	/**
	 * The pending marker, its reason in the reader's language when it was stored with its codes (an older marker
	 * keeps the words it was stored with).
	 *
	 * @return array{code: string, reason: string, since: int, attempts: int, scope?: string, server?: string}|null
	 */
	public static function pending( int $attachment_id ): ?array {
		$pending = get_post_meta( $attachment_id, self::PENDING_META, true );
		if ( ! is_array( $pending ) ) {
			return null;
		}
		$words = Health\Messages::said( $pending['said'] ?? null );
		unset( $pending['said'] );
		if ( null !== $words && '' !== $words['message'] ) {
			$pending['reason'] = $words['message'];
		}
		return $pending;
	}
}

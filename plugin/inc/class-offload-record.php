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
	 * @return array{provider: string, bucket: string, key_prefix: string, keys: array<int, string>, offloaded_at: int, local_removed: bool}|null
	 */
	public static function get( int $attachment_id ): ?array {
		$record = get_post_meta( $attachment_id, self::META_KEY, true );
		return is_array( $record ) && isset( $record['bucket'], $record['key_prefix'] ) ? $record : null;
	}

	/**
	 * @param array<int, string> $keys Every object key of the attachment.
	 */
	public static function save( int $attachment_id, string $key_prefix, array $keys, bool $local_removed ): void {
		update_post_meta(
			$attachment_id,
			self::META_KEY,
			array(
				'provider'      => (string) Settings::get( 'provider' ),
				'bucket'        => (string) Settings::get( 'bucket' ),
				'key_prefix'    => $key_prefix,
				'keys'          => array_values( $keys ),
				'offloaded_at'  => time(),
				'local_removed' => $local_removed,
			)
		);
		if ( '' !== get_post_meta( $attachment_id, self::PENDING_META, true ) ) { // From the meta cache: no query when not pending.
			delete_post_meta( $attachment_id, self::PENDING_META );
		}
	}

	public static function mark_pending( int $attachment_id, \WP_Error $reason ): void {
		$previous = get_post_meta( $attachment_id, self::PENDING_META, true );
		update_post_meta(
			$attachment_id,
			self::PENDING_META,
			array(
				'code'     => $reason->get_error_code(),
				'reason'   => $reason->get_error_message(),
				'since'    => is_array( $previous ) ? (int) $previous['since'] : time(),
				'attempts' => is_array( $previous ) ? (int) $previous['attempts'] + 1 : 1,
			)
		);
	}

	/** @return array{code: string, reason: string, since: int, attempts: int}|null */
	public static function pending( int $attachment_id ): ?array {
		$pending = get_post_meta( $attachment_id, self::PENDING_META, true );
		return is_array( $pending ) ? $pending : null;
	}
}

<?php
/**
 * Where an attachment's files are, as the Media Library shows it: offloaded, pending (with its reason), local only,
 * or missing. Read only from the attachment's postmeta (the `_wp_media_cloud` record, the `_wp_media_cloud_pending`
 * marker and the `_wp_media_cloud_missing` finding of the last Verify), which WordPress primes for a whole page of
 * the list, the grid and the modal in one query: the status costs no query per row.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Settings_Providers;
use WP_Media_Cloud\Storage_Location;

final class Storage_Status {

	public const OFFLOADED = 'offloaded';
	public const PENDING   = 'pending';
	public const LOCAL     = 'local';
	public const MISSING   = 'missing';

	/**
	 * What the last Verify found missing: `{ files: [path => where], checked_at }`, where is 'everywhere' (neither on
	 * this server nor in the bucket) or 'bucket' (the URL points at the bucket, which does not have it). Postmeta,
	 * like every other state of the plugin: no table of our own.
	 */
	public const MISSING_META = '_wp_media_cloud_missing';

	/** @return array<string, string> status => label, in the order of the filter. */
	public static function labels(): array {
		return array(
			self::OFFLOADED => __( 'Offloaded', 'wp-media-cloud' ),
			self::PENDING   => __( 'Pending', 'wp-media-cloud' ),
			self::LOCAL     => __( 'Local only', 'wp-media-cloud' ),
			self::MISSING   => __( 'Missing', 'wp-media-cloud' ),
		);
	}

	/**
	 * @return array{status: string, record: array<string, mixed>|null, pending: array<string, mixed>|null, missing: array<string, string>}
	 */
	public static function of( int $attachment_id ): array {
		$record  = Offload_Record::get( $attachment_id );
		$pending = Offload_Record::pending( $attachment_id );
		$missing = self::missing_files( $attachment_id, $record );
		if ( $missing ) {
			$status = self::MISSING;
		} elseif ( null !== $pending ) {
			$status = self::PENDING;
		} elseif ( null !== $record ) {
			$status = self::OFFLOADED;
		} else {
			$status = self::LOCAL;
		}
		return array(
			'status'  => $status,
			'record'  => $record,
			'pending' => $pending,
			'missing' => $missing,
		);
	}

	/**
	 * The last Verify's finding, unless the attachment was offloaded again since (the files went up, so they were
	 * there), which makes the finding stale without anyone having to remove it.
	 *
	 * @param array<string, mixed>|null $record The offload record.
	 * @return array<string, string> path => 'everywhere' | 'bucket'
	 */
	public static function missing_files( int $attachment_id, ?array $record ): array {
		$found = get_post_meta( $attachment_id, self::MISSING_META, true );
		if ( ! is_array( $found ) || empty( $found['files'] ) ) {
			return array();
		}
		if ( null !== $record && (int) ( $record['offloaded_at'] ?? 0 ) > (int) ( $found['checked_at'] ?? 0 ) ) {
			return array();
		}
		return array_map( 'strval', (array) $found['files'] );
	}

	/**
	 * @param array<string, string> $files path => 'everywhere' | 'bucket'; empty clears the finding.
	 */
	public static function save_missing( int $attachment_id, array $files ): void {
		if ( ! $files ) {
			delete_post_meta( $attachment_id, self::MISSING_META );
			return;
		}
		update_post_meta(
			$attachment_id,
			self::MISSING_META,
			array(
				'files'      => $files,
				'checked_at' => time(),
			)
		);
	}

	/** The provider's name as people know it ("Cloudflare R2"), never its internal id. */
	public static function provider_label( string $provider ): string {
		static $labels = array();
		if ( ! isset( $labels[ $provider ] ) ) {
			$definition          = Settings_Providers::get( $provider );
			$labels[ $provider ] = null === $definition ? $provider : (string) $definition['label'];
		}
		return $labels[ $provider ];
	}

	/**
	 * Where the record's objects are, for people: provider, bucket, key prefix, whether this is the storage the
	 * settings point at now.
	 *
	 * @param array<string, mixed> $record The offload record.
	 * @return array{provider: string, bucket: string, key_prefix: string, current: bool, local_removed: bool, offloaded_at: int}
	 */
	public static function location( array $record ): array {
		return array(
			'provider'      => self::provider_label( (string) ( $record['provider'] ?? '' ) ),
			'bucket'        => (string) $record['bucket'],
			'key_prefix'    => (string) $record['key_prefix'],
			'current'       => Storage_Location::is_current( $record ),
			'local_removed' => ! empty( $record['local_removed'] ),
			'offloaded_at'  => (int) ( $record['offloaded_at'] ?? 0 ),
		);
	}
}

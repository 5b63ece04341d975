<?php
/**
 * Where an attachment's files are, as the Media Library shows it: offloaded, pending (with its reason), local only,
 * or missing. Read only from the attachment's postmeta (the `_wp_media_cloud` record, the `_wp_media_cloud_pending`
 * marker and the `_wp_media_cloud_missing` finding of the last check: Verify or the missing-files audit), which WordPress primes for a whole page of
 * the list, the grid and the modal in one query: the status costs no query per row.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Post_Cache;
use WP_Media_Cloud\Settings_Providers;
use WP_Media_Cloud\Storage_Location;

final class Storage_Status {

	public const OFFLOADED = 'offloaded';
	public const PENDING   = 'pending';
	public const LOCAL     = 'local';
	public const MISSING   = 'missing';

	/**
	 * What the last check (Verify, the audit) found missing: `{ files: [path => where], checked_at }`, where is 'everywhere' (neither on
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
	 * The last check's finding, unless the attachment was offloaded again since (the files went up, so they were
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
	 * Records what a check found for every attachment it checked; the one place the finding is written, by each check
	 * that looks for missing files: the Media Library's Verify (one attachment), Tools › Audit missing files and
	 * `wp media-cloud verify` (a page of the library at a time, Migration\Audit::page()) and the health check's audit.
	 * An attachment found whole again loses its finding.
	 *
	 * A page costs at most one DELETE and one INSERT per 100 attachments (Post_Cache::CHUNK, short IN () lists),
	 * and none when the primed meta shows nothing to change (the usual page: nothing missing before or now), where
	 * update_post_meta() would read and write each attachment's row. Measured on the SQLite test site: a whole walk of
	 * 2,450 attachments (13 pages, 553 with missing files) made 109 queries, 24 of them these writes (85 before).
	 * Core's meta hooks do not fire for this key;
	 * its caches are cleared as update_post_meta() would (the attachments' meta, the posts' last-changed time that
	 * the Storage filter's cached queries depend on).
	 *
	 * @param array<int, array<string, string>> $findings attachment id => [ path => 'everywhere' | 'bucket' ]; an
	 *                                                   empty list clears the attachment's finding.
	 */
	public static function save_missing( array $findings ): void {
		global $wpdb;
		$now     = time();
		$changed = array();
		$rows    = array();
		foreach ( $findings as $id => $files ) {
			$id = (int) $id;
			if ( $files ) {
				$value  = array(
					'files'      => $files,
					'checked_at' => $now,
				);
				$rows[] = $wpdb->prepare( '(%d, %s, %s)', $id, self::MISSING_META, maybe_serialize( $value ) );
			}
			if ( $files || self::may_have_finding( $id ) ) {
				$changed[] = $id;
			}
		}
		if ( ! $changed ) {
			return;
		}
		foreach ( array_chunk( $changed, Post_Cache::CHUNK ) as $chunk ) {
			$in = implode( ',', array_map( 'intval', $chunk ) );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id IN ($in)", self::MISSING_META ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery -- ids are integers.
		}
		foreach ( array_chunk( $rows, Post_Cache::CHUNK ) as $chunk ) {
			$wpdb->query( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ',', $chunk ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery -- each row prepared above.
		}
		wp_cache_delete_multiple( $changed, 'post_meta' );
		wp_cache_set_posts_last_changed();
	}

	/** False only when the attachment's meta is cached (primed for the page) and holds no finding. */
	private static function may_have_finding( int $attachment_id ): bool {
		$meta = wp_cache_get( $attachment_id, 'post_meta' );
		return ! is_array( $meta ) || isset( $meta[ self::MISSING_META ] );
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

<?php
/**
 * Where an attachment's objects are: the provider, endpoint and bucket written into its record when it was
 * offloaded. URLs, checks, download back and mirror deletion follow the record, not the current settings, so
 * changing the bucket or endpoint never re-points (and breaks) attachments stored elsewhere; the CDN host and
 * public URL, which describe how the current storage is served, apply at once to everything stored there.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Storage_Location {

	/** @var array<string, string>|null Per request: the rewriter asks once per attachment on a page. */
	private static ?array $current = null;

	public static function flush_cache(): void {
		self::$current = null;
	}

	/**
	 * The location new offloads go to, as it is written into each record.
	 *
	 * @return array{provider: string, endpoint: string, region: string, bucket: string, public_base: string}
	 */
	public static function current(): array {
		if ( null !== self::$current ) {
			return self::$current;
		}
		$settings      = Settings::all();
		self::$current = array(
			'provider'    => (string) $settings['provider'],
			'endpoint'    => Settings_Providers::endpoint( $settings ),
			'region'      => (string) $settings['region'],
			'bucket'      => (string) $settings['bucket'],
			'public_base' => Public_Url::base( (string) $settings['bucket'] ),
		);
		return self::$current;
	}

	/**
	 * Whether a record's objects are in the storage the settings point at now. Records written before the
	 * endpoint was recorded are compared by provider and bucket.
	 *
	 * @param array<string, mixed> $record An offload record.
	 */
	public static function is_current( array $record ): bool {
		$current = self::current();
		if ( (string) ( $record['provider'] ?? '' ) !== $current['provider'] || (string) ( $record['bucket'] ?? '' ) !== $current['bucket'] ) {
			return false;
		}
		return ! isset( $record['endpoint'] ) || untrailingslashit( (string) $record['endpoint'] ) === $current['endpoint'];
	}

	/**
	 * The base URL the record's objects are served under (no trailing slash; '' when there is none): the current
	 * public URL or CDN host for the current storage, else the base written into the record when it was offloaded.
	 *
	 * @param array<string, mixed> $record An offload record.
	 */
	public static function public_base( array $record ): string {
		if ( self::is_current( $record ) || ! isset( $record['public_base'] ) ) {
			return Public_Url::base( (string) $record['bucket'] );
		}
		return untrailingslashit( (string) $record['public_base'] );
	}

	/**
	 * Storage settings for the sidecar that reach the record's objects: the record's provider, endpoint, region
	 * and bucket with the current credentials (another bucket or endpoint of the same account keeps working).
	 *
	 * @param array<string, mixed> $record An offload record.
	 * @return array<string, mixed>
	 */
	public static function storage_for( array $record ): array {
		$storage = Settings::storage();
		if ( self::is_current( $record ) ) {
			return $storage;
		}
		$storage['provider'] = (string) ( $record['provider'] ?? $storage['provider'] );
		$storage['bucket']   = (string) ( $record['bucket'] ?? $storage['bucket'] );
		if ( isset( $record['endpoint'] ) ) {
			$storage['endpoint'] = (string) $record['endpoint'];
			$storage['region']   = (string) ( $record['region'] ?? $storage['region'] );
		}
		return $storage;
	}

	/**
	 * One string per distinct location, to group keys of many records into one request per storage.
	 *
	 * @param array<string, mixed> $record An offload record.
	 */
	public static function id( array $record ): string {
		return implode( "\n", array( $record['provider'] ?? '', $record['endpoint'] ?? '', $record['bucket'] ?? '' ) );
	}
}

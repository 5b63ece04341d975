<?php
/**
 * Runs the health checks (the sidecar's storage checks and the local "images not loading" diagnosis), keeps the
 * last results for GET /health and Site Health, and knows every check's id and label.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Runner {

	public const LAST_OPTION = 'wp_media_cloud_health';

	/** Local checks: id => class with a static run(): array. */
	private const LOCAL = array(
		'offload_status'  => Offload_Status_Check::class,
		'rewrite_urls'    => Rewrite_Urls_Check::class,
		'stored_settings' => Stored_Settings_Check::class,
		'page_cache'      => Page_Cache_Check::class,
		'hardcoded_urls'  => Hardcoded_Urls_Check::class,
		'missing_files'   => Missing_Files_Check::class,
		'sidecar_version' => Sidecar_Version_Check::class,
	);

	/** @return array<string, string> Every check id with its label, in report order. */
	public static function labels(): array {
		return array(
			'connectivity'    => __( 'API connectivity', 'wp-media-cloud' ),
			'credentials'     => __( 'Storage credentials', 'wp-media-cloud' ),
			'upload'          => __( 'Upload test', 'wp-media-cloud' ),
			'public_access'   => __( 'Public access', 'wp-media-cloud' ),
			'cdn'             => __( 'CDN ping', 'wp-media-cloud' ),
			'clock_skew'      => __( 'Clock', 'wp-media-cloud' ),
			'offload_status'  => __( 'Offloaded media', 'wp-media-cloud' ),
			'rewrite_urls'    => __( 'URL rewriting', 'wp-media-cloud' ),
			'stored_settings' => __( 'Saved settings', 'wp-media-cloud' ),
			'page_cache'      => __( 'Page cache', 'wp-media-cloud' ),
			'hardcoded_urls'  => __( 'Hard-coded local URLs', 'wp-media-cloud' ),
			'missing_files'   => __( 'Missing files', 'wp-media-cloud' ),
			'sidecar_version' => __( 'Sidecar version', 'wp-media-cloud' ),
		);
	}

	/** @return array<int, string> */
	public static function ids(): array {
		return array_keys( self::labels() );
	}

	/**
	 * @param array<int, string> $checks Check ids; all when empty.
	 * @return array{results: array<int, array<string, mixed>>, ran_at: string}
	 */
	public static function run( array $checks = array() ): array {
		$checks  = $checks ? array_values( array_intersect( self::ids(), $checks ) ) : self::ids();
		$results = Sidecar_Checks::run( array_values( array_intersect( Sidecar_Checks::ids(), $checks ) ) );
		foreach ( self::LOCAL as $id => $class ) {
			if ( in_array( $id, $checks, true ) ) {
				$results[] = $class::run();
			}
		}
		$report = array(
			'results'=> $results,
			'ran_at' => gmdate( 'c' ),
		);
		update_option( self::LAST_OPTION, $report, false );
		return $report;
	}

	/**
	 * One check, not kept as the last run: Site Health asks for each check in its own request.
	 *
	 * @return array<string, mixed>|null Null for an unknown id.
	 */
	public static function run_one( string $id ): ?array {
		if ( in_array( $id, Sidecar_Checks::ids(), true ) ) {
			return Sidecar_Checks::run( array( $id ) )[0] ?? null;
		}
		return isset( self::LOCAL[ $id ] ) ? self::LOCAL[ $id ]::run() : null;
	}

	/** @return array{results: array<int, array<string, mixed>>, ran_at: string|null} */
	public static function last(): array {
		$last = get_option( self::LAST_OPTION );
		return is_array( $last ) ? $last : array( 'results' => array(), 'ran_at' => null );
	}
}

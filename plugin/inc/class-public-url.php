<?php
/**
 * Builds the public URL of an object from the current settings, so a change of CDN or provider applies
 * to every URL at once without touching the database.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Public_Url {

	/** @var array<string, string> Per-request cache of base URLs by bucket. */
	private static array $bases = array();

	/**
	 * Base URL under which an object key is served (no trailing slash): the CDN host when set, otherwise the
	 * bucket's public URL, otherwise the provider's own public URL form (Settings_Providers::public_base).
	 */
	public static function base( string $bucket ): string {
		if ( isset( self::$bases[ $bucket ] ) ) {
			return self::$bases[ $bucket ];
		}
		$cdn_host = trim( (string) Settings::get( 'cdn_host' ) );
		if ( '' !== $cdn_host ) {
			// The CDN replaces the bucket's host; the path within the bucket stays the same.
			$base = preg_match( '#^https?://#i', $cdn_host ) ? $cdn_host : 'https://' . $cdn_host;
		} elseif ( '' !== trim( (string) Settings::get( 'public_url' ) ) ) {
			$base = trim( (string) Settings::get( 'public_url' ) );
		} else {
			$base = self::derive_from_endpoint( $bucket );
		}
		self::$bases[ $bucket ] = untrailingslashit( $base );
		return self::$bases[ $bucket ];
	}

	public static function flush_cache(): void {
		self::$bases = array();
	}

	/**
	 * The bucket's own public URL in its provider's form (virtual host, path, pull zone…); '' when the provider
	 * has none without configuration (R2 needs its r2.dev or custom domain): the health check names that.
	 */
	private static function derive_from_endpoint( string $bucket ): string {
		return Settings_Providers::public_base( Settings::all(), $bucket );
	}
}

<?php
/**
 * The HMAC request signature shared with the sidecar (see docs/architecture.md, "PHP ↔ sidecar protocol").
 * The signed string covers the method, the path with its query string, a timestamp, a nonce and the body's
 * hash. Requests more than five minutes away from now, or replaying a nonce, are refused.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Signature {

	public const MAX_DRIFT = 300;

	/** Shorter secrets count as not configured, on both sides (the sidecar refuses to start with one). */
	public const MIN_SECRET_LENGTH = 32;

	/** Option rows of the replay guard: the prefix, then md5 of the nonce; the value is when the row may go. */
	private const NONCE_PREFIX = '_wp_media_cloud_nonce_';

	/** @return array<string, string> Headers to send. */
	public static function headers( string $secret, string $method, string $path, string $body ): array {
		$timestamp = (string) time();
		$nonce     = bin2hex( random_bytes( 16 ) );
		return array(
			'X-WPMC-Timestamp' => $timestamp,
			'X-WPMC-Nonce'     => $nonce,
			'X-WPMC-Signature' => hash_hmac( 'sha256', self::canonical( $method, $path, $timestamp, $nonce, $body ), $secret ),
		);
	}

	/**
	 * Checks a request signed by the sidecar.
	 *
	 * @param string $path The REST route followed by the query string exactly as received ("/media-cloud/v1/…?rest_route=…").
	 * @return true|\WP_Error
	 */
	public static function verify( string $secret, string $method, string $path, string $body, string $timestamp, string $nonce, string $signature ) {
		$refuse = static fn ( string $message ) => new \WP_Error( 'wp_media_cloud_unauthorized', $message, array( 'status' => 401 ) );
		if ( strlen( $secret ) < self::MIN_SECRET_LENGTH ) {
			return $refuse( __( 'The sidecar secret is not configured: WP_MEDIA_CLOUD_SIDECAR_SECRET must be at least 32 characters. Run wp media-cloud sidecar setup, which makes one, and give the sidecar the same value as WPMC_SECRET.', 'wp-media-cloud' ) );
		}
		if ( ! ctype_digit( $timestamp ) || abs( time() - (int) $timestamp ) > self::MAX_DRIFT ) {
			return $refuse( __( 'The request signature has expired.', 'wp-media-cloud' ) );
		}
		$expected = hash_hmac( 'sha256', self::canonical( $method, $path, $timestamp, $nonce, $body ), $secret );
		if ( strlen( $nonce ) < 16 || strlen( $nonce ) > 128 || ! hash_equals( $expected, $signature ) ) {
			return $refuse( __( 'The request signature does not match.', 'wp-media-cloud' ) );
		}
		// Remembered until the timestamp expires: after that the request is refused as expired anyway.
		if ( ! self::first_use( $nonce, (int) $timestamp + self::MAX_DRIFT ) ) {
			return $refuse( __( 'The request was already used (replay refused).', 'wp-media-cloud' ) );
		}
		return true;
	}

	/**
	 * The replay guard: one options row per nonce, created with a direct INSERT IGNORE (not add_option()), so of two
	 * requests with one nonce exactly one creates it, on MariaDB/MySQL and on SQLite alike. The options API has no
	 * such guard: get_transient() then set_transient() let 2 of 8 parallel replays through, and add_option() reads
	 * the option first and then writes with INSERT … ON DUPLICATE KEY UPDATE, so two callers that both read "absent"
	 * both succeed. Not autoloaded. Rows whose time has passed go in the same call, so the table holds only the
	 * nonces of the last few minutes (a transient left two rows per call until WordPress' daily clean-up).
	 */
	private static function first_use( string $nonce, int $expires ): bool {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- an atomic insert is the point; the options API has none.
		// The expiry is the whole value, so a numeric cast reads it on MariaDB and on SQLite alike.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(option_value AS UNSIGNED) < %d", $wpdb->esc_like( self::NONCE_PREFIX ) . '%', time() ) );
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')", self::NONCE_PREFIX . md5( $nonce ), (string) $expires ) );
		// phpcs:enable
		return 1 === (int) $inserted;
	}

	private static function canonical( string $method, string $path, string $timestamp, string $nonce, string $body ): string {
		return implode( "\n", array( strtoupper( $method ), $path, $timestamp, $nonce, hash( 'sha256', $body ) ) );
	}
}

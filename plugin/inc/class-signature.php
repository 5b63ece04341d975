<?php
/**
 * The HMAC request signature shared with the sidecar (see docs/architecture.md). Requests older than
 * five minutes or replaying a nonce are refused.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Signature {

	public const MAX_DRIFT = 300;

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
	 * @return true|\WP_Error
	 */
	public static function verify( string $secret, string $method, string $path, string $body, string $timestamp, string $nonce, string $signature ) {
		$refuse = static fn ( string $message ) => new \WP_Error( 'wp_media_cloud_unauthorized', $message, array( 'status' => 401 ) );
		if ( '' === $secret ) {
			return $refuse( __( 'The sidecar secret is not configured.', 'wp-media-cloud' ) );
		}
		if ( ! ctype_digit( $timestamp ) || abs( time() - (int) $timestamp ) > self::MAX_DRIFT ) {
			return $refuse( __( 'The request signature has expired.', 'wp-media-cloud' ) );
		}
		$expected = hash_hmac( 'sha256', self::canonical( $method, $path, $timestamp, $nonce, $body ), $secret );
		if ( strlen( $nonce ) < 16 || ! hash_equals( $expected, $signature ) ) {
			return $refuse( __( 'The request signature does not match.', 'wp-media-cloud' ) );
		}
		// add_option() fails when the nonce was seen: an atomic replay guard without a table of our own.
		$seen_key = 'wpmc_nonce_' . md5( $nonce );
		if ( false !== get_transient( $seen_key ) ) {
			return $refuse( __( 'The request was already used (replay refused).', 'wp-media-cloud' ) );
		}
		set_transient( $seen_key, 1, self::MAX_DRIFT * 2 );
		return true;
	}

	private static function canonical( string $method, string $path, string $timestamp, string $nonce, string $body ): string {
		return implode( "\n", array( strtoupper( $method ), $path, $timestamp, $nonce, hash( 'sha256', $body ) ) );
	}
}

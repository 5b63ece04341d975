<?php
/**
 * Signed HTTP calls from WordPress to the local sidecar. Every failure comes back as a WP_Error carrying the
 * sidecar's code, message and remedy, so callers can store the reason and show the user what to do.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Sidecar_Client {

	public static function url(): string {
		return defined( 'WP_MEDIA_CLOUD_SIDECAR_URL' ) ? untrailingslashit( (string) WP_MEDIA_CLOUD_SIDECAR_URL ) : 'http://127.0.0.1:8787';
	}

	public static function secret(): string {
		return defined( 'WP_MEDIA_CLOUD_SIDECAR_SECRET' ) ? (string) WP_MEDIA_CLOUD_SIDECAR_SECRET : '';
	}

	public static function is_configured(): bool {
		return strlen( self::secret() ) >= Signature::MIN_SECRET_LENGTH;
	}

	/**
	 * @param array<string, mixed>|null $payload JSON body, or null for a GET.
	 * @param int                       $timeout Seconds to wait for the sidecar. The default 120 is longer than the
	 *                                           sidecar's budget for a storage that stops answering (at most 2 ×
	 *                                           (10 s connecting + WPMC_STORAGE_TIMEOUT_SECONDS ≤ 45 s + 3 s) = 116 s,
	 *                                           sidecar/src/storage/timeouts.ts), so the sidecar answers first and
	 *                                           names the storage, never a cURL timeout blaming the sidecar.
	 * @return array<string, mixed>|\WP_Error Decoded JSON answer.
	 */
	public static function request( string $method, string $path, ?array $payload = null, int $timeout = 120 ) {
		if ( ! self::is_configured() ) {
			return new \WP_Error(
				'wp_media_cloud_sidecar_not_configured',
				__( 'The sidecar is not configured.', 'wp-media-cloud' ),
				array( 'remedy' => __( 'Run wp media-cloud sidecar setup, then wp media-cloud sidecar start (Media Cloud › Dashboard shows both commands for this site); or define WP_MEDIA_CLOUD_SIDECAR_SECRET (at least 32 characters) and WP_MEDIA_CLOUD_SIDECAR_URL in wp-config.php.', 'wp-media-cloud' ) )
			);
		}
		$body     = null === $payload ? '' : (string) wp_json_encode( $payload );
		$response = wp_remote_request(
			self::url() . $path,
			array(
				'method'  => $method,
				'timeout' => $timeout,
				'headers' => array( 'Content-Type' => 'application/json' ) + Signature::headers( self::secret(), $method, $path, $body ),
				'body'    => '' === $body ? null : $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			return new \WP_Error(
				'wp_media_cloud_sidecar_unreachable',
				/* translators: %s: the HTTP error. */
				sprintf( __( 'The Media Cloud sidecar did not answer: %s', 'wp-media-cloud' ), $response->get_error_message() ),
				array( 'remedy' => sprintf( /* translators: %s: sidecar URL. */ __( 'Start the sidecar (wp media-cloud sidecar start, or your service manager) and check that it listens on %s; wp media-cloud sidecar status and logs say why it stopped.', 'wp-media-cloud' ), self::url() ) )
			);
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$answer = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( $status >= 200 && $status < 300 && is_array( $answer ) ) {
			return $answer;
		}
		return self::error_of( $status, is_array( $answer ) ? $answer : array() );
	}

	/**
	 * The sidecar's error answer as a WP_Error with its code, sentence and remedy: in the site's language when
	 * the answer carries them as codes (`said`, worded by Health\Messages), else its English as it came. The codes
	 * stay in the data: a pending reason is stored with them and worded again for whoever reads it.
	 *
	 * @param array<string, mixed> $answer `{ code, message, remedy, said? }`, or empty when the body was not JSON.
	 */
	private static function error_of( int $status, array $answer ): \WP_Error {
		$words   = Health\Messages::said( $answer['said'] ?? null );
		$message = '' !== ( $words['message'] ?? '' ) ? $words['message'] : (string) ( $answer['message'] ?? '' );
		$remedy  = '' !== ( $words['remedy'] ?? '' ) ? $words['remedy'] : (string) ( $answer['remedy'] ?? '' );
		if ( 'sidecar.restart.fix' === ( $answer['said']['remedy']['code'] ?? '' ) ) {
			$remedy = Sidecar_Build::restart_fix(); // The sidecar cannot know how this site runs it; WordPress does.
		}
		return new \WP_Error(
			isset( $answer['code'] ) ? (string) $answer['code'] : 'wp_media_cloud_sidecar_error',
			'' !== $message ? $message : sprintf( /* translators: %d: HTTP status. */ __( 'The sidecar answered with HTTP %d.', 'wp-media-cloud' ), $status ),
			array(
				'status' => $status,
				'remedy' => $remedy,
			) + ( null === $words ? array() : array( 'said' => $answer['said'] ) )
		);
	}
}

<?php
/**
 * Before a settings change that moves the URLs pages show files from (provider, endpoint, bucket, Path-Style, public
 * URL, CDN host…) is saved, the sidecar's upload check runs with the new settings: it uploads a probe and loads it at
 * the URL pages would use, built by the same code that renders them (Public_Url, Storage_Location). When the probe
 * uploads but that URL does not serve it, every image would break, so the save answers a warning to confirm first.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Setup_Url_Check {

	public const ERROR_CODE = 'wp_media_cloud_urls_unreachable';

	/**
	 * The warning for a change, or null when it can be saved without one: it has invalid fields (the form shows
	 * those first), it does not move the URLs, URL rewriting is off, or the check cannot tell (the sidecar is not
	 * set up or down, or the probe cannot even be uploaded: Test connection names that).
	 *
	 * @param array<string, mixed> $patch The changed settings, as PUT /settings receives them.
	 */
	public static function warning_for( array $patch ): ?\WP_Error {
		if ( ! Sidecar_Client::is_configured() ) {
			return null;
		}
		$stored = get_option( Settings::OPTION, array() );
		$change = Settings_Validator::apply( $patch, is_array( $stored ) ? $stored : array() );
		if ( $change['errors'] ) {
			return null;
		}
		$before = self::pages_view();
		$after  = self::with_settings( $change['settings'], array( self::class, 'pages_view' ) );
		if ( $after === $before || ! $after['rewrite'] || '' === $after['location']['bucket'] ) {
			return null;
		}
		$results = self::with_settings( $change['settings'], static fn () => Health\Sidecar_Checks::run( array( 'upload' ) ) );
		foreach ( $results as $result ) {
			$details = (array) ( $result['details'] ?? array() );
			if ( 'upload' === ( $result['test'] ?? '' ) && 'critical' === ( $result['status'] ?? '' ) && 'page_url' === ( $details['stage'] ?? '' ) ) {
				return new \WP_Error(
					self::ERROR_CODE,
					__( 'Not saved yet: with these settings, images on your pages would not load.', 'wp-media-cloud' ),
					array(
						'status'  => 409,
						'found'   => (string) ( $result['description'] ?? '' ),
						'remedy'  => (string) ( $result['fix'] ?? '' ),
						'cause'   => (string) ( $result['cause'] ?? '' ),
						'url'     => (string) ( $details['url'] ?? '' ),
						'confirm' => __( 'Save anyway', 'wp-media-cloud' ),
					)
				);
			}
		}
		return null;
	}

	/**
	 * Where pages take files from under the current settings: the storage new offloads go to and its public base
	 * (what Url_Rewriter uses), and whether URLs are rewritten at all.
	 *
	 * @return array{location: array<string, string>, rewrite: bool}
	 */
	public static function pages_view(): array {
		return array(
			'location' => Storage_Location::current(),
			'rewrite'  => (bool) Settings::get( 'rewrite_urls' ),
		);
	}

	/**
	 * Runs `$callback` with the settings option read as `$settings` (constants still win, as they do for real),
	 * without writing it: nothing else in this request or any other sees the candidate.
	 *
	 * @param array<string, mixed> $settings The candidate settings.
	 * @param callable             $callback What to run with them.
	 * @return mixed What the callback returns.
	 */
	private static function with_settings( array $settings, callable $callback ) {
		$read = static fn () => $settings;
		add_filter( 'pre_option_' . Settings::OPTION, $read );
		self::flush();
		try {
			return $callback();
		} finally {
			remove_filter( 'pre_option_' . Settings::OPTION, $read );
			self::flush();
		}
	}

	private static function flush(): void {
		Settings::flush_cache();
		Public_Url::flush_cache();
		Storage_Location::flush_cache();
	}
}

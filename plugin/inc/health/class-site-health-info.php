<?php
/**
 * A "Media Cloud" section in Tools › Site Health › Info (the `debug_information` filter): where files go, how they
 * are served, whether the sidecar answers, and how many attachments are offloaded, so a support request that pastes
 * "Copy site info to clipboard" says all that. Never the access key, the secret key or the sidecar's signing secret:
 * only settings that are not secret are read (no `Settings::storage()`, which carries the keys), and URLs lose any
 * user:password part.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Media_Library\Storage_Status;
use WP_Media_Cloud\Migration\Library;
use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Settings_Providers;
use WP_Media_Cloud\Sidecar_Client;

final class Site_Health_Info {

	public const SECTION = 'wp-media-cloud';

	/** Seconds the Info page waits for the sidecar's status (loopback: it answers in milliseconds or not at all). */
	private const SIDECAR_TIMEOUT = 3;

	public function register(): void {
		add_filter( 'debug_information', array( $this, 'add_section' ) );
	}

	public function unregister(): void {
		remove_filter( 'debug_information', array( $this, 'add_section' ) );
	}

	/**
	 * @param array<string, array<string, mixed>> $info Core's sections.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_section( $info ): array {
		$info = (array) $info;
		if ( ! current_user_can( 'view_site_health_checks' ) ) {
			return $info;
		}
		$info[ self::SECTION ] = array(
			'label'       => __( 'Media Cloud', 'wp-media-cloud' ),
			'description' => __( 'Where uploads are offloaded and how they are served. Keys and secrets are never shown.', 'wp-media-cloud' ),
			'fields'      => self::fields(),
		);
		return $info;
	}

	/** @return array<string, array{label: string, value: string, debug?: string}> */
	public static function fields(): array {
		$settings = Settings::all();
		$provider = (string) $settings['provider'];
		$bucket   = (string) $settings['bucket'];
		$endpoint = Settings_Providers::endpoint( $settings );
		$yes_no   = static fn ( bool $on ) => $on ? __( 'On', 'wp-media-cloud' ) : __( 'Off', 'wp-media-cloud' );
		$none     = __( 'None', 'wp-media-cloud' );
		$counts   = Library::counts()['attachments'];
		$fields   = array(
			'provider'      => array( 'label' => __( 'Provider', 'wp-media-cloud' ), 'value' => Storage_Status::provider_label( $provider ), 'debug' => $provider ),
			'bucket'        => array( 'label' => __( 'Bucket', 'wp-media-cloud' ), 'value' => '' === $bucket ? __( 'Not configured', 'wp-media-cloud' ) : $bucket ),
			'region'        => array( 'label' => __( 'Region', 'wp-media-cloud' ), 'value' => '' === (string) $settings['region'] ? __( 'Provider default', 'wp-media-cloud' ) : (string) $settings['region'] ),
			'endpoint_host' => array( 'label' => __( 'Endpoint host', 'wp-media-cloud' ), 'value' => self::host( $endpoint, $none ) ),
			'public_url'    => array( 'label' => __( 'Public URL', 'wp-media-cloud' ), 'value' => '' === $bucket ? $none : self::without_credentials( Settings_Providers::public_base( $settings, $bucket ), $none ) ),
			'cdn_host'      => array( 'label' => __( 'CDN host', 'wp-media-cloud' ), 'value' => self::host( (string) $settings['cdn_host'], $none ) ),
			'rewrite_urls'  => array( 'label' => __( 'Rewrite URLs', 'wp-media-cloud' ), 'value' => $yes_no( (bool) $settings['rewrite_urls'] ), 'debug' => $settings['rewrite_urls'] ? 'true' : 'false' ),
			'remove_local'  => array( 'label' => __( 'Remove local files', 'wp-media-cloud' ), 'value' => $yes_no( (bool) $settings['remove_local'] ), 'debug' => $settings['remove_local'] ? 'true' : 'false' ),
			'versioning'    => array( 'label' => __( 'Versioning', 'wp-media-cloud' ), 'value' => $yes_no( (bool) $settings['versioning'] ), 'debug' => $settings['versioning'] ? 'true' : 'false' ),
			'locked'        => array( 'label' => __( 'Set in wp-config.php', 'wp-media-cloud' ), 'value' => self::locked_settings( $none ) ),
		);
		$fields += self::sidecar_fields();
		$fields += array(
			'attachments'   => array( 'label' => __( 'Attachments', 'wp-media-cloud' ), 'value' => (string) $counts['total'] ),
			'offloaded'     => array( 'label' => __( 'Offloaded', 'wp-media-cloud' ), 'value' => (string) $counts['offloaded'] ),
			'pending'       => array( 'label' => __( 'Pending', 'wp-media-cloud' ), 'value' => (string) $counts['pending'] ),
			'not_offloaded' => array( 'label' => __( 'Not offloaded', 'wp-media-cloud' ), 'value' => (string) $counts['not_offloaded'] ),
		);
		foreach ( $fields as &$field ) {
			$field['value'] = (string) $field['value'];
		}
		return $fields;
	}

	/** @return array<string, array{label: string, value: string}> */
	private static function sidecar_fields(): array {
		$label = __( 'Sidecar', 'wp-media-cloud' );
		if ( ! Sidecar_Client::is_configured() ) {
			return array( 'sidecar' => array( 'label' => $label, 'value' => __( 'Not configured (WP_MEDIA_CLOUD_SIDECAR_SECRET is missing or shorter than 32 characters)', 'wp-media-cloud' ), 'debug' => 'not configured' ) );
		}
		$answer = Sidecar_Client::request( 'GET', '/v1/status', null, self::SIDECAR_TIMEOUT );
		$fields = array( 'sidecar_url' => array( 'label' => __( 'Sidecar address', 'wp-media-cloud' ), 'value' => self::without_credentials( Sidecar_Client::url(), '' ) ) );
		if ( is_wp_error( $answer ) ) {
			/* translators: %s: why the sidecar did not answer. */
			$fields['sidecar'] = array( 'label' => $label, 'value' => sprintf( __( 'Not reachable: %s', 'wp-media-cloud' ), $answer->get_error_message() ), 'debug' => 'unreachable' );
			return $fields;
		}
		$fields['sidecar']         = array( 'label' => $label, 'value' => __( 'Reachable', 'wp-media-cloud' ), 'debug' => 'reachable' );
		$fields['sidecar_version'] = array( 'label' => __( 'Sidecar version', 'wp-media-cloud' ), 'value' => (string) ( $answer['version'] ?? '' ) );
		return $fields;
	}

	/** Host (and port) of a URL or bare host name. */
	private static function host( string $url, string $none ): string {
		$url = trim( $url );
		if ( '' === $url ) {
			return $none;
		}
		$parts = wp_parse_url( preg_match( '#^[a-z][a-z0-9+.-]*://#i', $url ) ? $url : 'https://' . $url );
		return empty( $parts['host'] ) ? $none : $parts['host'] . ( empty( $parts['port'] ) ? '' : ':' . $parts['port'] );
	}

	private static function without_credentials( string $url, string $none ): string {
		$url = trim( $url );
		return '' === $url ? $none : (string) preg_replace( '#^([a-z][a-z0-9+.-]*://)[^/@]*@#i', '$1', $url );
	}

	/** Names of the settings defined as constants; the secrets' names may show, their values never do. */
	private static function locked_settings( string $none ): string {
		// Not the keys a network locks for its sites (Settings::locked() has those too): they are no constants.
		$locked = array_keys( array_filter( Settings::locked_by(), static fn ( string $by ) => 'constant' === $by ) );
		return $locked ? implode( ', ', array_map( array( Settings::class, 'constant_name' ), $locked ) ) : $none;
	}
}

<?php
/**
 * The storage providers as WordPress needs them: the facts (regions, endpoint and public URL templates,
 * capabilities) from the sidecar's contract (plugin/contract.json, see Contract), and what is WordPress' own: the
 * translated fields and help texts of the settings page. URL rewriting builds endpoints and public URLs here by the
 * contract's rules without asking the sidecar; test/providers/conformance.test.ts checks both sides give the same.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Providers {

	/**
	 * Per provider: the contract's entry (label, regions or region_pattern, default_region, endpoint_template,
	 * endpoint_by_region, capabilities, bucket_term, bucket_naming, credential_shape…) with the label translated
	 * where it is not a brand, and the fields the settings page shows.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function definitions(): array {
		$fields      = self::fields();
		$labels      = array( 's3-compatible' => __( 'S3-compatible endpoint', 'wp-media-cloud' ) );
		$definitions = array();
		foreach ( Contract::providers() as $id => $provider ) {
			$definitions[ $id ] = array(
				'label'  => $labels[ $id ] ?? $provider['label'],
				'fields' => $fields[ $id ] ?? $fields['s3-compatible'],
			) + $provider;
		}
		return $definitions;
	}

	/**
	 * The settings page's fields of each provider, in its own words (a provider the contract adds later gets the
	 * S3-compatible ones until it has its own).
	 *
	 * @return array<string, array<int, array<string, string>>>
	 */
	private static function fields(): array {
		$keys   = static fn ( string $access_label, string $secret_label, string $help = '' ) => array(
			array( 'key' => 'access_key', 'label' => $access_label, 'help' => $help, 'type' => 'password' ),
			array( 'key' => 'secret_key', 'label' => $secret_label, 'help' => '', 'type' => 'password' ),
		);
		$bucket = array( 'key' => 'bucket', 'label' => __( 'Bucket', 'wp-media-cloud' ), 'help' => __( 'Case-sensitive: copy it from your provider’s dashboard.', 'wp-media-cloud' ), 'type' => 'text' );
		$public = array( 'key' => 'public_url', 'label' => __( 'Public URL (optional)', 'wp-media-cloud' ), 'help' => __( 'Only if files are served from another address than the bucket’s own.', 'wp-media-cloud' ), 'type' => 'url' );
		$cdn    = array( 'key' => 'cdn_host', 'label' => __( 'CDN host (optional)', 'wp-media-cloud' ), 'help' => __( 'e.g. cdn.example.com; it must pull from the bucket.', 'wp-media-cloud' ), 'type' => 'text' );
		$region = static fn ( string $help ) => array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => $help, 'type' => 'select' );

		return array(
			's3'            => array_merge( array( $region( __( 'The bucket’s region, e.g. eu-west-1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key ID', 'wp-media-cloud' ), __( 'Secret access key', 'wp-media-cloud' ), __( 'The IAM user needs s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'r2'            => array_merge(
				array( array( 'key' => 'account_id', 'label' => __( 'Account ID', 'wp-media-cloud' ), 'help' => __( '32 hex characters, shown in R2 › Overview.', 'wp-media-cloud' ), 'type' => 'text' ), $bucket ),
				$keys( __( 'Access Key ID', 'wp-media-cloud' ), __( 'Secret Access Key', 'wp-media-cloud' ), __( 'From an R2 API token (R2 › Manage R2 API Tokens), not a Cloudflare account API token.', 'wp-media-cloud' ) ),
				array( array( 'key' => 'public_url', 'label' => __( 'Public bucket URL', 'wp-media-cloud' ), 'help' => __( 'The r2.dev subdomain or the custom domain connected to the bucket.', 'wp-media-cloud' ), 'type' => 'url' ), $cdn )
			),
			'wasabi'        => array_merge( array( $region( __( 'AWS-style, e.g. eu-central-1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'b2'            => array_merge( array( array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => __( 'The middle of the S3 endpoint: us-west-004 from s3.us-west-004.backblazeb2.com.', 'wp-media-cloud' ), 'type' => 'text' ), $bucket ), $keys( __( 'keyID', 'wp-media-cloud' ), __( 'applicationKey', 'wp-media-cloud' ), __( 'From B2 › Application Keys: keyID here, applicationKey below.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'spaces'        => array_merge( array( $region( __( 'e.g. nyc3, ams3, fra1, sgp1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Spaces access key', 'wp-media-cloud' ), __( 'Spaces secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'hetzner'       => array_merge( array( $region( __( 'fsn1, nbg1 or hel1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'gcs'           => array_merge( array( $bucket ), $keys( __( 'HMAC access key', 'wp-media-cloud' ), __( 'HMAC secret', 'wp-media-cloud' ), __( 'From Cloud Storage › Settings › Interoperability (starts with GOOG), not a JSON service-account key.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			'bunny'         => array(
				array( 'key' => 'bucket', 'label' => __( 'Storage zone name', 'wp-media-cloud' ), 'help' => '', 'type' => 'text' ),
				array( 'key' => 'secret_key', 'label' => __( 'Storage zone password', 'wp-media-cloud' ), 'help' => __( 'From the zone’s FTP & API Access tab, not your account API key.', 'wp-media-cloud' ), 'type' => 'password' ),
				$region( __( 'The zone’s primary storage region (de = Falkenstein).', 'wp-media-cloud' ) ),
				array( 'key' => 'pull_zone_host', 'label' => __( 'Pull zone host', 'wp-media-cloud' ), 'help' => __( 'e.g. example.b-cdn.net, the pull zone connected to this storage zone.', 'wp-media-cloud' ), 'type' => 'text' ),
				$cdn,
			),
			's3-compatible' => array_merge(
				array(
					array( 'key' => 'endpoint', 'label' => __( 'Endpoint URL', 'wp-media-cloud' ), 'help' => __( 'https://host[:port], without the bucket name or a trailing slash.', 'wp-media-cloud' ), 'type' => 'url' ),
					array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => '', 'type' => 'text' ),
					$bucket,
				),
				$keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ),
				array( array( 'key' => 'path_style', 'label' => __( 'Path-Style URLs', 'wp-media-cloud' ), 'help' => __( 'On when the server does not serve buckets as subdomains.', 'wp-media-cloud' ), 'type' => 'toggle' ), $public, $cdn )
			),
		);
	}

	/** @return array<string, mixed>|null */
	public static function get( string $id ): ?array {
		return self::definitions()[ $id ] ?? null;
	}

	/**
	 * The providers list of GET /settings.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public static function for_rest(): array {
		$list = array();
		foreach ( self::definitions() as $id => $definition ) {
			$entry = array( 'id' => $id, 'label' => $definition['label'], 'fields' => $definition['fields'], 'capabilities' => $definition['capabilities'] );
			if ( isset( $definition['regions'] ) ) {
				$entry['regions'] = $definition['regions'];
				foreach ( $entry['fields'] as &$field ) {
					if ( 'region' === $field['key'] ) {
						$field['options'] = $definition['regions'];
					}
				}
				unset( $field );
			}
			$list[] = $entry;
		}
		return $list;
	}

	/**
	 * The contract's facts of the settings' provider (no translated texts: cheap enough for every URL rewritten);
	 * an unknown provider is treated as an S3-compatible server.
	 *
	 * @return array<string, mixed>
	 */
	private static function facts( array $settings ): array {
		return Contract::provider( (string) ( $settings['provider'] ?? '' ) ) ?? Contract::provider( 's3-compatible' );
	}

	/** The API endpoint for these settings (no trailing slash): the explicit one, else the contract's template. */
	public static function endpoint( array $settings ): string {
		$explicit = untrailingslashit( trim( (string) ( $settings['endpoint'] ?? '' ) ) );
		$provider = Contract::provider( (string) ( $settings['provider'] ?? '' ) );
		if ( '' !== $explicit || null === $provider || '' === $provider['endpoint_template'] ) {
			return $explicit;
		}
		$region = strtolower( trim( (string) ( $settings['region'] ?? '' ) ) );
		$region = '' === $region ? $provider['default_region'] : $region;
		return $provider['endpoint_by_region'][ $region ] ?? strtr( $provider['endpoint_template'], array( '{region}' => $region, '{account_id}' => trim( (string) ( $settings['account_id'] ?? '' ) ) ) );
	}

	/**
	 * Public base URL of a bucket without CDN (no trailing slash), by the contract's public URL forms;
	 * '' when none can be derived (R2 without a public URL, Bunny without a pull zone).
	 *
	 * @param array<string, mixed> $settings Settings (provider, endpoint, region, path_style, public_url…).
	 */
	public static function public_base( array $settings, string $bucket ): string {
		$configured = untrailingslashit( trim( (string) ( $settings['public_url'] ?? '' ) ) );
		if ( '' !== $configured ) {
			return $configured;
		}
		$form = self::facts( $settings )['capabilities']['public_url'];
		if ( 'pull-zone' === $form ) {
			$host = untrailingslashit( trim( (string) ( $settings['pull_zone_host'] ?? '' ) ) );
			return '' === $host || preg_match( '#^https?://#i', $host ) ? $host : strtr( Contract::public_url_form( $form ), array( '{pull_zone_host}' => $host ) );
		}
		$endpoint = self::endpoint( $settings );
		if ( 'public-url' === $form || '' === $endpoint ) {
			return '';
		}
		$parts = wp_parse_url( $endpoint );
		$port  = isset( $parts['port'] ) ? ':' . $parts['port'] : '';
		$form  = self::force_path_style( $settings ) ? 'path' : $form;
		return strtr(
			Contract::public_url_form( $form ),
			array(
				'{endpoint}' => $endpoint,
				'{bucket}'   => $bucket,
				'{scheme}'   => $parts['scheme'] ?? 'https',
				'{host}'     => ( $parts['host'] ?? '' ) . $port,
			)
		);
	}

	/** The contract's rule: 'required' always, 'virtual' only the toggle with a custom endpoint, else the toggle. */
	public static function force_path_style( array $settings ): bool {
		$style = self::facts( $settings )['capabilities']['path_style'];
		if ( 'required' === $style ) {
			return true;
		}
		if ( 'virtual' === $style && '' === trim( (string) ( $settings['endpoint'] ?? '' ) ) ) {
			return false;
		}
		return (bool) ( $settings['path_style'] ?? false );
	}
}

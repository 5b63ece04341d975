<?php
/**
 * The storage providers as WordPress needs them: labels and fields for the settings page, the region rules for
 * validation, and how each builds its public URL (URL rewriting never asks the sidecar). The sidecar has the same
 * facts in sidecar/src/storage/providers/; test/providers/conformance.test.ts keeps the two in step.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Providers {

	private const AWS_REGIONS = array( 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1' );

	/**
	 * Per provider: label, default region, allowed regions (list) or a region pattern, the endpoint template
	 * ({region}, {account_id}), capabilities, and the fields the settings page shows.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function definitions(): array {
		$keys = static fn ( string $access_label, string $secret_label, string $help = '' ) => array(
			array( 'key' => 'access_key', 'label' => $access_label, 'help' => $help, 'type' => 'password' ),
			array( 'key' => 'secret_key', 'label' => $secret_label, 'help' => '', 'type' => 'password' ),
		);
		$bucket = array( 'key' => 'bucket', 'label' => __( 'Bucket', 'wp-media-cloud' ), 'help' => __( 'Case-sensitive: copy it from your provider’s dashboard.', 'wp-media-cloud' ), 'type' => 'text' );
		$public = array( 'key' => 'public_url', 'label' => __( 'Public URL (optional)', 'wp-media-cloud' ), 'help' => __( 'Only if files are served from another address than the bucket’s own.', 'wp-media-cloud' ), 'type' => 'url' );
		$cdn    = array( 'key' => 'cdn_host', 'label' => __( 'CDN host (optional)', 'wp-media-cloud' ), 'help' => __( 'e.g. cdn.example.com; it must pull from the bucket.', 'wp-media-cloud' ), 'type' => 'text' );
		$region = static fn ( string $help ) => array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => $help, 'type' => 'select' );

		return array(
			's3'            => array(
				'label'        => 'Amazon S3',
				'default'      => 'us-east-1',
				'regions'      => self::AWS_REGIONS,
				'endpoint'     => 'https://s3.{region}.amazonaws.com',
				'capabilities' => array( 'acl' => true, 'path_style' => 'virtual', 'public_url' => 'virtual-host' ),
				'fields'       => array_merge( array( $region( __( 'The bucket’s region, e.g. eu-west-1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key ID', 'wp-media-cloud' ), __( 'Secret access key', 'wp-media-cloud' ), __( 'The IAM user needs s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'r2'            => array(
				'label'        => 'Cloudflare R2',
				'default'      => 'auto',
				'regions'      => array( 'auto' ),
				'endpoint'     => 'https://{account_id}.r2.cloudflarestorage.com',
				'capabilities' => array( 'acl' => false, 'path_style' => 'optional', 'public_url' => 'public-url' ),
				'fields'       => array_merge(
					array( array( 'key' => 'account_id', 'label' => __( 'Account ID', 'wp-media-cloud' ), 'help' => __( '32 hex characters, shown in R2 › Overview.', 'wp-media-cloud' ), 'type' => 'text' ), $bucket ),
					$keys( __( 'Access Key ID', 'wp-media-cloud' ), __( 'Secret Access Key', 'wp-media-cloud' ), __( 'From an R2 API token (R2 › Manage R2 API Tokens), not a Cloudflare account API token.', 'wp-media-cloud' ) ),
					array( array( 'key' => 'public_url', 'label' => __( 'Public bucket URL', 'wp-media-cloud' ), 'help' => __( 'The r2.dev subdomain or the custom domain connected to the bucket.', 'wp-media-cloud' ), 'type' => 'url' ), $cdn )
				),
			),
			'wasabi'        => array(
				'label'        => 'Wasabi',
				'default'      => 'us-east-1',
				'regions'      => array( 'us-east-1', 'us-east-2', 'us-central-1', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2' ),
				'endpoint'     => 'https://s3.{region}.wasabisys.com',
				'capabilities' => array( 'acl' => true, 'path_style' => 'optional', 'public_url' => 'path' ),
				'fields'       => array_merge( array( $region( __( 'AWS-style, e.g. eu-central-1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'b2'            => array(
				'label'        => 'Backblaze B2',
				'default'      => 'us-west-004',
				'pattern'      => '/^[a-z]{2}-[a-z]+-\d{3}$/',
				'endpoint'     => 'https://s3.{region}.backblazeb2.com',
				'capabilities' => array( 'acl' => false, 'path_style' => 'optional', 'public_url' => 'virtual-host' ),
				'fields'       => array_merge( array( array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => __( 'The middle of the S3 endpoint: us-west-004 from s3.us-west-004.backblazeb2.com.', 'wp-media-cloud' ), 'type' => 'text' ), $bucket ), $keys( __( 'keyID', 'wp-media-cloud' ), __( 'applicationKey', 'wp-media-cloud' ), __( 'From B2 › Application Keys: keyID here, applicationKey below.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'spaces'        => array(
				'label'        => 'DigitalOcean Spaces',
				'default'      => 'nyc3',
				'regions'      => array( 'nyc3', 'ams3', 'sfo2', 'sfo3', 'sgp1', 'fra1', 'syd1', 'blr1', 'tor1', 'lon1', 'atl1' ),
				'endpoint'     => 'https://{region}.digitaloceanspaces.com',
				'capabilities' => array( 'acl' => true, 'path_style' => 'optional', 'public_url' => 'virtual-host' ),
				'fields'       => array_merge( array( $region( __( 'e.g. nyc3, ams3, fra1, sgp1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Spaces access key', 'wp-media-cloud' ), __( 'Spaces secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'hetzner'       => array(
				'label'        => 'Hetzner Object Storage',
				'default'      => 'fsn1',
				'regions'      => array( 'fsn1', 'nbg1', 'hel1' ),
				'endpoint'     => 'https://{region}.your-objectstorage.com',
				'capabilities' => array( 'acl' => true, 'path_style' => 'optional', 'public_url' => 'virtual-host' ),
				'fields'       => array_merge( array( $region( __( 'fsn1, nbg1 or hel1.', 'wp-media-cloud' ) ), $bucket ), $keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'gcs'           => array(
				'label'        => 'Google Cloud Storage',
				'default'      => 'auto',
				'pattern'      => '/^[a-z0-9-]+$/',
				'endpoint'     => 'https://storage.googleapis.com',
				'capabilities' => array( 'acl' => false, 'path_style' => 'optional', 'public_url' => 'path' ),
				'fields'       => array_merge( array( $bucket ), $keys( __( 'HMAC access key', 'wp-media-cloud' ), __( 'HMAC secret', 'wp-media-cloud' ), __( 'From Cloud Storage › Settings › Interoperability (starts with GOOG), not a JSON service-account key.', 'wp-media-cloud' ) ), array( $public, $cdn ) ),
			),
			'bunny'         => array(
				'label'        => 'Bunny Edge Storage',
				'default'      => 'de',
				'regions'      => array( 'de', 'uk', 'ny', 'la', 'sg', 'se', 'br', 'jh', 'syd' ),
				'endpoint'     => 'https://{region}.storage.bunnycdn.com',
				'capabilities' => array( 'acl' => false, 'path_style' => 'required', 'public_url' => 'pull-zone' ),
				'fields'       => array(
					array( 'key' => 'bucket', 'label' => __( 'Storage zone name', 'wp-media-cloud' ), 'help' => '', 'type' => 'text' ),
					array( 'key' => 'secret_key', 'label' => __( 'Storage zone password', 'wp-media-cloud' ), 'help' => __( 'From the zone’s FTP & API Access tab, not your account API key.', 'wp-media-cloud' ), 'type' => 'password' ),
					$region( __( 'The zone’s primary storage region (de = Falkenstein).', 'wp-media-cloud' ) ),
					array( 'key' => 'pull_zone_host', 'label' => __( 'Pull zone host', 'wp-media-cloud' ), 'help' => __( 'e.g. example.b-cdn.net, the pull zone connected to this storage zone.', 'wp-media-cloud' ), 'type' => 'text' ),
					$cdn,
				),
			),
			's3-compatible' => array(
				'label'        => __( 'S3-compatible endpoint', 'wp-media-cloud' ),
				'default'      => 'us-east-1',
				'pattern'      => '/^[a-z0-9-]*$/',
				'endpoint'     => '',
				'capabilities' => array( 'acl' => true, 'path_style' => 'optional', 'public_url' => 'virtual-host' ),
				'fields'       => array_merge(
					array(
						array( 'key' => 'endpoint', 'label' => __( 'Endpoint URL', 'wp-media-cloud' ), 'help' => __( 'https://host[:port], without the bucket name or a trailing slash.', 'wp-media-cloud' ), 'type' => 'url' ),
						array( 'key' => 'region', 'label' => __( 'Region', 'wp-media-cloud' ), 'help' => '', 'type' => 'text' ),
						$bucket,
					),
					$keys( __( 'Access key', 'wp-media-cloud' ), __( 'Secret key', 'wp-media-cloud' ) ),
					array( array( 'key' => 'path_style', 'label' => __( 'Path-Style URLs', 'wp-media-cloud' ), 'help' => __( 'On when the server does not serve buckets as subdomains.', 'wp-media-cloud' ), 'type' => 'toggle' ), $public, $cdn )
				),
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

	/** The API endpoint for these settings (no trailing slash): the explicit one, else the provider's template. */
	public static function endpoint( array $settings ): string {
		$explicit = untrailingslashit( trim( (string) ( $settings['endpoint'] ?? '' ) ) );
		$definition = self::get( (string) ( $settings['provider'] ?? '' ) );
		if ( '' !== $explicit || null === $definition || '' === $definition['endpoint'] ) {
			return $explicit;
		}
		$region = trim( (string) ( $settings['region'] ?? '' ) );
		$region = '' === $region ? $definition['default'] : $region;
		if ( 'bunny' === $settings['provider'] && 'de' === $region ) {
			return 'https://storage.bunnycdn.com'; // The main region has no prefix.
		}
		return strtr( $definition['endpoint'], array( '{region}' => $region, '{account_id}' => trim( (string) ( $settings['account_id'] ?? '' ) ) ) );
	}

	/**
	 * Public base URL of a bucket without CDN (no trailing slash), following the provider's public URL form;
	 * '' when none can be derived (R2 without a public URL, Bunny without a pull zone).
	 *
	 * @param array<string, mixed> $settings Settings (provider, endpoint, region, path_style, public_url…).
	 */
	public static function public_base( array $settings, string $bucket ): string {
		$configured = untrailingslashit( trim( (string) ( $settings['public_url'] ?? '' ) ) );
		if ( '' !== $configured ) {
			return $configured;
		}
		$definition = self::get( (string) ( $settings['provider'] ?? '' ) ) ?? self::get( 's3-compatible' );
		$form       = $definition['capabilities']['public_url'];
		if ( 'pull-zone' === $form ) {
			$host = untrailingslashit( trim( (string) ( $settings['pull_zone_host'] ?? '' ) ) );
			return '' === $host || preg_match( '#^https?://#i', $host ) ? $host : 'https://' . $host;
		}
		$endpoint = self::endpoint( $settings );
		if ( 'public-url' === $form || '' === $endpoint ) {
			return '';
		}
		if ( 'path' === $form || self::force_path_style( $settings ) ) {
			return $endpoint . '/' . $bucket;
		}
		$parts = wp_parse_url( $endpoint );
		$port  = isset( $parts['port'] ) ? ':' . $parts['port'] : '';
		return ( $parts['scheme'] ?? 'https' ) . '://' . $bucket . '.' . ( $parts['host'] ?? '' ) . $port;
	}

	/** Same rule as the sidecar: 'required' always, 'virtual' only the toggle with a custom endpoint, else the toggle. */
	public static function force_path_style( array $settings ): bool {
		$definition = self::get( (string) ( $settings['provider'] ?? '' ) ) ?? self::get( 's3-compatible' );
		$style      = $definition['capabilities']['path_style'];
		if ( 'required' === $style ) {
			return true;
		}
		if ( 'virtual' === $style && '' === trim( (string) ( $settings['endpoint'] ?? '' ) ) ) {
			return false;
		}
		return (bool) ( $settings['path_style'] ?? false );
	}
}

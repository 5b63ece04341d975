<?php
/**
 * Bucket (storage zone) names as each provider documents them, each refusal naming the rule that is broken. A
 * provider names its rule set in the contract (`bucket_naming` in plugin/contract.json); the rule sets are here:
 * - Amazon S3 general purpose buckets: docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 *   (3–63, lowercase letters, numbers, dots, hyphens, begin and end with a letter or number, no "..", not an IP
 *   address, reserved prefixes xn-- sthree- amzn-s3-demo-, reserved suffixes -s3alias --ol-s3 .mrap --x-s3 --table-s3).
 * - Wasabi: docs.wasabi.com/docs/bucket-naming-conventions (the same, without --table-s3).
 * - S3-compatible servers, DigitalOcean Spaces, Hetzner: the S3 rules without the AWS-reserved names (Spaces' limits
 *   page allows dots; neither documents other rules, and MinIO, Ceph and s3rver refuse what S3 refuses).
 * - Cloudflare R2: 3–63, lowercase letters, numbers and hyphens, begin and end with a letter or number (no dots).
 * - Backblaze B2: backblaze.com/docs/cloud-storage-buckets (6–63, letters, numbers, hyphens, case-insensitive, not
 *   starting with b2-).
 * - Google Cloud Storage: cloud.google.com/storage/docs/naming-buckets (3–63, or up to 222 with dots and each part
 *   at most 63; lowercase letters, numbers, dashes, underscores, dots; not an IP; no "goog" prefix, no "google").
 * - Bunny storage zones: docs.bunny.net/storage/s3 (at least 4, letters, numbers and dashes; the dashboard makes them
 *   lowercase; no documented maximum, so a DNS label's 63).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Bucket_Name_Rules {

	/** @return array<string, mixed> A rule set by its contract id (aws-s3, wasabi, s3-generic, r2, b2, gcs, bunny-zone). */
	private static function rules( string $rule ): array {
		$s3 = array(
			'min'      => 3,
			'max'      => 63,
			'chars'  => 'a-z0-9.-',
			'allowed'  => __( 'lowercase letters, numbers, dots and hyphens', 'wp-media-cloud' ),
			'lower'    => true,
			'dots'     => true,
			'prefixes' => array(),
			'suffixes' => array(),
		);
		switch ( $rule ) {
			case 'aws-s3':
				return array_merge( $s3, array( 'prefixes' => array( 'xn--', 'sthree-', 'amzn-s3-demo-' ), 'suffixes' => array( '-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3' ) ) );
			case 'wasabi':
				return array_merge( $s3, array( 'prefixes' => array( 'xn--', 'sthree-', 'amzn-s3-demo-' ), 'suffixes' => array( '-s3alias', '--ol-s3', '.mrap', '--x-s3' ) ) );
			case 'r2':
				return array_merge( $s3, array( 'chars' => 'a-z0-9-', 'allowed' => __( 'lowercase letters, numbers and hyphens (no dots)', 'wp-media-cloud' ), 'dots' => false ) );
			case 'b2':
				return array_merge( $s3, array( 'min' => 6, 'chars' => 'A-Za-z0-9-', 'allowed' => __( 'letters, numbers and hyphens', 'wp-media-cloud' ), 'lower' => false, 'dots' => false, 'prefixes' => array( 'b2-' ) ) );
			case 'gcs':
				return array_merge( $s3, array( 'max_dotted' => 222, 'chars' => 'a-z0-9._-', 'allowed' => __( 'lowercase letters, numbers, dots, hyphens and underscores', 'wp-media-cloud' ), 'prefixes' => array( 'goog' ) ) );
			case 'bunny-zone':
				return array_merge( $s3, array( 'min' => 4, 'chars' => 'a-z0-9-', 'allowed' => __( 'lowercase letters, numbers and hyphens', 'wp-media-cloud' ), 'dots' => false ) );
		}
		return $s3; // s3-generic: S3-compatible servers, Spaces, Hetzner.
	}

	/** The message for the first rule the name breaks, or null. */
	public static function check( string $provider, string $value ): ?string {
		$facts = Contract::provider( $provider );
		$rule  = (string) ( $facts['bucket_naming'] ?? 's3-generic' );
		$rules = self::rules( $rule );
		// Where the provider's own label reads wrong in "Bucket names on …".
		$labels = array( 's3-compatible' => __( 'S3-compatible servers', 'wp-media-cloud' ) );
		$label  = $labels[ $provider ] ?? Settings_Providers::get( $provider )['label'] ?? $provider;
		$names = 'storage-zone' === ( $facts['bucket_term'] ?? 'bucket' ) ? __( 'Storage zone names', 'wp-media-cloud' ) : __( 'Bucket names', 'wp-media-cloud' );
		$pattern = '/^[' . $rules['chars'] . ']+$/';
		if ( $rules['lower'] && strtolower( $value ) !== $value && preg_match( $pattern, strtolower( $value ) ) ) {
			/* translators: 1: "Bucket names", 2: bucket, 3: lowercase bucket. */
			return sprintf( __( '%1$s are lowercase, so “%2$s” cannot exist (names are case-sensitive): copy the exact name from your provider’s dashboard, probably “%3$s”.', 'wp-media-cloud' ), $names, $value, strtolower( $value ) );
		}
		if ( ! preg_match( $pattern, $value ) ) {
			preg_match( '/[^' . $rules['chars'] . ']/u', $rules['lower'] ? strtolower( $value ) : $value, $bad );
			/* translators: 1: "Bucket names", 2: provider, 3: allowed characters, 4: the first character not allowed. */
			return sprintf( __( '%1$s on %2$s may contain only %3$s: “%4$s” is not allowed.', 'wp-media-cloud' ), $names, $label, $rules['allowed'], $bad[0] ?? '?' );
		}
		$length = strlen( $value );
		$max    = isset( $rules['max_dotted'] ) && str_contains( $value, '.' ) ? $rules['max_dotted'] : $rules['max'];
		if ( $length < $rules['min'] || $length > $max ) {
			/* translators: 1: "Bucket names", 2: provider, 3: minimum, 4: maximum, 5: length. */
			$message = sprintf( __( '%1$s on %2$s are %3$d to %4$d characters long; this one has %5$d.', 'wp-media-cloud' ), $names, $label, $rules['min'], $rules['max'], $length );
			return isset( $rules['max_dotted'] ) ? $message . ' ' . __( 'Names with dots may have up to 222, each part between dots at most 63.', 'wp-media-cloud' ) : $message;
		}
		if ( isset( $rules['max_dotted'] ) && max( array_map( 'strlen', explode( '.', $value ) ) ) > 63 ) {
			return __( 'Each part of a bucket name between dots is at most 63 characters long.', 'wp-media-cloud' );
		}
		if ( ! preg_match( '/^[a-z0-9].*[a-z0-9]$/i', $value ) ) {
			/* translators: %s: "Bucket names". */
			return sprintf( __( '%s must begin and end with a letter or a number.', 'wp-media-cloud' ), $names );
		}
		if ( $rules['dots'] && str_contains( $value, '..' ) ) {
			return __( 'A bucket name cannot contain two dots in a row.', 'wp-media-cloud' );
		}
		if ( $rules['dots'] && filter_var( $value, FILTER_VALIDATE_IP ) ) {
			return __( 'A bucket name cannot be formatted as an IP address (e.g. 192.168.5.4).', 'wp-media-cloud' );
		}
		foreach ( $rules['prefixes'] as $prefix ) {
			if ( str_starts_with( strtolower( $value ), $prefix ) ) {
				/* translators: 1: "Bucket names", 2: provider, 3: prefix. */
				return sprintf( __( '%1$s on %2$s cannot start with “%3$s”: the provider reserves it.', 'wp-media-cloud' ), $names, $label, $prefix );
			}
		}
		foreach ( $rules['suffixes'] as $suffix ) {
			if ( str_ends_with( $value, $suffix ) ) {
				/* translators: 1: "Bucket names", 2: provider, 3: suffix. */
				return sprintf( __( '%1$s on %2$s cannot end with “%3$s”: the provider reserves it.', 'wp-media-cloud' ), $names, $label, $suffix );
			}
		}
		if ( 'gcs' === $rule && preg_match( '/g[o0]{2}g[l1]e/', $value ) ) {
			return __( 'Bucket names on Google Cloud Storage cannot contain “google” or a look-alike such as “g00gle”.', 'wp-media-cloud' );
		}
		return null;
	}
}

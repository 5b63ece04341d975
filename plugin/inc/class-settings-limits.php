<?php
/**
 * The type and the longest value of every setting, checked before any other rule (so a 10 KB value never reaches a
 * regular expression, the option or the sidecar). Each bound says where it comes from.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Limits {

	/**
	 * Longest value per text setting, in bytes (every text setting but the public URL's path is ASCII-only, so bytes
	 * and characters are the same).
	 */
	public const MAX_BYTES = array(
		// The longest provider id is "s3-compatible" (13); the list itself is checked by the provider rule.
		'provider'       => 32,
		// https:// (8) + a DNS name (253, RFC 1035 §2.3.4 as written) + :65535 (6). No path is allowed.
		'endpoint'       => 267,
		// Region ids are short: AWS's longest is 14 (ap-southeast-4), B2's 14 (eu-central-003); 32 leaves room for the
		// names self-hosted S3 servers use.
		'region'         => 32,
		// The longest any provider allows (Google Cloud Storage, names with dots); each provider's rule is stricter.
		'bucket'         => 222,
		// AWS IAM: an AccessKeyId is 16 to 128 characters. Others are shorter (R2 32, B2 25, GCS HMAC 61).
		'access_key'     => 128,
		// The longest issued secret is a Bunny storage zone password (72: two GUIDs); AWS 40, R2 64, B2 31. 256 leaves
		// room for self-hosted servers, whose secrets are HMAC keys of any length.
		'secret_key'     => 256,
		// Its own rule wants exactly 32 hexadecimal characters; up to 128 a pasted R2 endpoint URL (65 characters with
		// https://) is still recognised and named as such.
		'account_id'     => 128,
		// Image URLs are the public URL + an object key (at most 1,024 bytes): 1,024 + 1,024 stays within 2,048
		// characters, the URL length sitemaps (sitemaps.org) and many CDNs and proxies accept.
		'public_url'     => 1024,
		// Optional https:// (8) + a DNS name (253) + :65535 (6).
		'pull_zone_host' => 267,
		'cdn_host'       => 267,
		// S3 keys are at most 1,024 bytes. The rest of the longest key WordPress makes is 330 bytes: a version folder
		// "YYYYmmddHHMMSS-<attachment id>-<n>/" (≤ 40), "sites/<blog id>/" (≤ 27, ids are BIGINT: 20 digits),
		// "YYYY/MM/" (8) and a file name (≤ 255 bytes: NAME_MAX of ext4, XFS and btrfs; sizes and -scaled are part of
		// it). 512 + 330 = 842 leaves 182 bytes for deeper upload folders that plugins add.
		'object_prefix'  => 512,
		// One Cache-Control header line.
		'cache_control'  => 256,
	);

	/**
	 * The message when the value is not of the setting's JSON type, or null. Switches take only true/false, text
	 * settings only strings: `secret_key: true` once became the secret "1", `remove_local: null` turned it off.
	 *
	 * @param mixed $value The submitted value.
	 */
	public static function type_error( string $key, $value ): ?string {
		if ( is_bool( Settings::DEFAULTS[ $key ] ) ) {
			/* translators: 1: setting name, 2: JSON type received. */
			return is_bool( $value ) ? null : sprintf( __( '“%1$s” must be true or false (a JSON boolean), not %2$s.', 'wp-media-cloud' ), $key, self::json_type( $value ) );
		}
		/* translators: 1: setting name, 2: JSON type received. */
		return is_string( $value ) ? null : sprintf( __( '“%1$s” must be text (a JSON string), not %2$s.', 'wp-media-cloud' ), $key, self::json_type( $value ) );
	}

	/** The message when a text value is too long, or null. */
	public static function length_error( string $key, string $value ): ?string {
		$max = self::MAX_BYTES[ $key ] ?? null;
		if ( null === $max || strlen( $value ) <= $max ) {
			return null;
		}
		/* translators: 1: field label, 2: length, 3: maximum, 4: why. */
		return sprintf( __( 'The %1$s is %2$d characters long; at most %3$d are allowed (%4$s).', 'wp-media-cloud' ), Settings_Validator::label( $key ), strlen( $value ), $max, self::reason( $key ) );
	}

	/** Why the bound is what it is, in the user's terms. */
	private static function reason( string $key ): string {
		switch ( $key ) {
			case 'endpoint':
				return __( 'https:// and a host name of at most 253 characters, with an optional port', 'wp-media-cloud' );
			case 'region':
				return __( 'region codes are short, e.g. eu-west-1', 'wp-media-cloud' );
			case 'bucket':
				return __( 'no provider allows longer bucket names', 'wp-media-cloud' );
			case 'access_key':
				return __( 'access key IDs are at most 128 characters', 'wp-media-cloud' );
			case 'secret_key':
				return __( 'no provider issues longer secret keys: paste only the key', 'wp-media-cloud' );
			case 'account_id':
				return __( 'the account ID is 32 hexadecimal characters', 'wp-media-cloud' );
			case 'public_url':
				return __( 'with the file’s path, image URLs must stay under 2,048 characters', 'wp-media-cloud' );
			case 'pull_zone_host':
			case 'cdn_host':
				return __( 'host names are at most 253 characters', 'wp-media-cloud' );
			case 'object_prefix':
				return __( 'with the version folder and the file’s path, every object key must fit the 1,024-byte limit of S3', 'wp-media-cloud' );
			case 'cache_control':
				return __( 'one header line', 'wp-media-cloud' );
		}
		return __( 'it is a short code', 'wp-media-cloud' );
	}

	/** @param mixed $value A decoded JSON value. */
	private static function json_type( $value ): string {
		if ( null === $value ) {
			return 'null';
		}
		if ( is_bool( $value ) ) {
			return __( 'a boolean', 'wp-media-cloud' );
		}
		if ( is_int( $value ) || is_float( $value ) ) {
			return __( 'a number', 'wp-media-cloud' );
		}
		if ( is_array( $value ) ) {
			return array_is_list( $value ) ? __( 'a list', 'wp-media-cloud' ) : __( 'an object', 'wp-media-cloud' );
		}
		return is_string( $value ) ? __( 'text', 'wp-media-cloud' ) : gettype( $value );
	}
}

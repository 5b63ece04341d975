<?php
/**
 * The rules for single fields (endpoint, bucket, keys, hosts), each returning the message for exactly what is
 * wrong, or null. Facts come from the providers' own docs; see docs/providers.md.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Field_Rules {

	/** Providers whose bucket names follow the S3 naming rules (lowercase, 3–63, letters/digits/dots/hyphens). */
	private const S3_NAMING = array( 's3', 'r2', 'wasabi', 'spaces', 'hetzner', 'gcs', 'b2' );

	/**
	 * Two GUIDs run together: the shape of a bunny.net account API key, which the Edge Storage API refuses
	 * (it wants the storage zone password).
	 */
	private const BUNNY_ACCOUNT_KEY = '/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{20}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i';

	public static function is_loopback( string $host ): bool {
		$host = trim( strtolower( $host ), '[]' );
		return 'localhost' === $host || '::1' === $host || str_starts_with( $host, '127.' );
	}

	/** https://host[:port] only; plain http only for this machine. */
	public static function endpoint( string $value, array $settings ): ?string {
		if ( '' === $value ) {
			return null;
		}
		if ( ! preg_match( '#^https?://#i', $value ) ) {
			return __( 'The endpoint must start with https:// (for example https://s3.example.com).', 'wp-media-cloud' );
		}
		$parts = wp_parse_url( $value );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || ! preg_match( '/^[a-z0-9.\-\[\]:]+$/i', $parts['host'] ) ) {
			return __( 'The endpoint is not a valid URL: enter https:// followed by the host name, e.g. https://s3.example.com.', 'wp-media-cloud' );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			// Public URLs are derived from the endpoint: credentials here would be published in every image URL.
			return __( 'The endpoint must not contain a user name or password: enter them as the access key and secret key.', 'wp-media-cloud' );
		}
		if ( 'http' === strtolower( $parts['scheme'] ) && ! self::is_loopback( $parts['host'] ) ) {
			return __( 'Plain http:// is only allowed for a storage server on this machine (127.0.0.1 or localhost); use https:// so keys and files are encrypted.', 'wp-media-cloud' );
		}
		$bucket = strtolower( (string) $settings['bucket'] );
		$path   = trim( (string) ( $parts['path'] ?? '' ), '/' );
		if ( '' !== $bucket && ( str_starts_with( strtolower( $parts['host'] ), $bucket . '.' ) || in_array( $bucket, explode( '/', strtolower( $path ) ), true ) ) ) {
			/* translators: %s: bucket name. */
			return sprintf( __( 'The endpoint must not contain the bucket name “%s”: enter only the server (e.g. https://s3.example.com) and the bucket in its own field.', 'wp-media-cloud' ), $settings['bucket'] );
		}
		if ( str_ends_with( $value, '/' ) ) {
			return __( 'Remove the trailing slash from the endpoint (https://s3.example.com, not https://s3.example.com/).', 'wp-media-cloud' );
		}
		if ( '' !== $path || isset( $parts['query'] ) ) {
			return __( 'The endpoint must be only https://host or https://host:port, without a path.', 'wp-media-cloud' );
		}
		return null;
	}

	public static function bucket( string $value, array $settings ): ?string {
		if ( '' === $value ) {
			return null;
		}
		if ( str_contains( $value, '/' ) || str_contains( $value, ':' ) ) {
			return __( 'Enter only the bucket name, not a URL or a path (e.g. my-media, not s3://my-media/uploads).', 'wp-media-cloud' );
		}
		$provider = (string) $settings['provider'];
		if ( 'bunny' === $provider ) {
			return preg_match( '/^[a-z0-9-]+$/', $value ) ? null : __( 'Storage zone names contain only lowercase letters, numbers and hyphens: copy the name from Storage in the bunny.net dashboard.', 'wp-media-cloud' );
		}
		if ( ! in_array( $provider, self::S3_NAMING, true ) ) {
			return preg_match( '/^[A-Za-z0-9._-]{1,255}$/', $value ) ? null : __( 'The bucket name may contain only letters, numbers, dots, hyphens and underscores.', 'wp-media-cloud' );
		}
		if ( 'b2' !== $provider && strtolower( $value ) !== $value ) {
			/* translators: 1: bucket, 2: lowercase bucket. */
			return sprintf( __( 'Bucket names are lowercase, so “%1$s” cannot exist (names are case-sensitive): copy the exact name from your provider’s dashboard, probably “%2$s”.', 'wp-media-cloud' ), $value, strtolower( $value ) );
		}
		$min = 'b2' === $provider ? 6 : 3;
		if ( strlen( $value ) < $min || strlen( $value ) > 63 ) {
			/* translators: %d: minimum length. */
			return sprintf( __( 'Bucket names are %d to 63 characters long.', 'wp-media-cloud' ), $min );
		}
		$allowed = 'gcs' === $provider ? '/^[a-z0-9._-]+$/' : ( 'b2' === $provider ? '/^[A-Za-z0-9-]+$/' : '/^[a-z0-9.-]+$/' );
		if ( ! preg_match( $allowed, $value ) ) {
			return __( 'Bucket names may contain only lowercase letters, numbers, dots and hyphens (no spaces or underscores).', 'wp-media-cloud' );
		}
		if ( ! preg_match( '/^[a-z0-9].*[a-z0-9]$/i', $value ) ) {
			return __( 'A bucket name must begin and end with a letter or a number.', 'wp-media-cloud' );
		}
		if ( str_contains( $value, '..' ) ) {
			return __( 'A bucket name cannot contain two dots in a row.', 'wp-media-cloud' );
		}
		if ( filter_var( $value, FILTER_VALIDATE_IP ) ) {
			return __( 'A bucket name cannot be formatted as an IP address.', 'wp-media-cloud' );
		}
		return null;
	}

	/** Keys pasted into the wrong field or of the wrong kind, named after the provider's own terms. */
	public static function credential( string $key, string $value, array $settings ): ?string {
		if ( '' === $value ) {
			return null;
		}
		if ( preg_match( '/\s/', $value ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s contains a space or line break: paste it again as one piece.', 'wp-media-cloud' ), Settings_Validator::label( $key ) );
		}
		$provider = (string) $settings['provider'];
		$custom   = '' !== (string) $settings['endpoint'];
		if ( 'gcs' === $provider ) {
			if ( str_starts_with( $value, '{' ) || str_contains( $value, 'service_account' ) || str_contains( $value, 'private_key' ) ) {
				return __( 'This is a JSON service-account key. Google Cloud Storage needs an HMAC key: Cloud Storage › Settings › Interoperability › Create a key, then paste its Access key and Secret here.', 'wp-media-cloud' );
			}
			if ( 'access_key' === $key && ! str_starts_with( $value, 'GOOG' ) ) {
				return __( 'A Google Cloud Storage HMAC access key starts with GOOG (Cloud Storage › Settings › Interoperability).', 'wp-media-cloud' );
			}
		}
		if ( 'bunny' === $provider && 'secret_key' === $key && preg_match( self::BUNNY_ACCOUNT_KEY, $value ) ) {
			return __( 'This looks like your bunny.net account API key. Use the storage zone password instead: Storage › (your zone) › FTP & API Access › Password.', 'wp-media-cloud' );
		}
		if ( 'r2' === $provider && ! $custom ) {
			if ( 'access_key' === $key && ! preg_match( '/^[0-9a-f]{32}$/', $value ) ) {
				return 40 === strlen( $value )
					? __( 'This looks like a Cloudflare API token. R2 needs the Access Key ID of an R2 API token (32 characters): R2 › Manage R2 API Tokens.', 'wp-media-cloud' )
					: __( 'An R2 Access Key ID is 32 hexadecimal characters, shown when you create an R2 API token.', 'wp-media-cloud' );
			}
			if ( 'secret_key' === $key && ! preg_match( '/^[0-9a-f]{64}$/', $value ) ) {
				return __( 'An R2 Secret Access Key is 64 hexadecimal characters, shown once when you create an R2 API token.', 'wp-media-cloud' );
			}
		}
		if ( 'b2' === $provider && 'access_key' === $key && preg_match( '/^K[0-9A-Za-z+\/]{30}$/', $value ) ) {
			return __( 'This looks like the applicationKey. Put the keyID in the Access Key field and the applicationKey in the Secret Key field.', 'wp-media-cloud' );
		}
		if ( 's3' === $provider && ! $custom && 'access_key' === $key && ! preg_match( '/^[A-Z0-9]{16,128}$/', $value ) ) {
			return __( 'An AWS access key ID is upper-case letters and digits, e.g. AKIA followed by 16 characters (IAM › Users › Security credentials).', 'wp-media-cloud' );
		}
		return null;
	}

	public static function account_id( string $value ): ?string {
		if ( '' === $value ) {
			return null;
		}
		if ( str_contains( $value, 'cloudflarestorage.com' ) || str_contains( $value, '/' ) ) {
			return __( 'Enter only the account ID (32 hexadecimal characters), not the endpoint URL.', 'wp-media-cloud' );
		}
		return preg_match( '/^[0-9a-f]{32}$/', $value ) ? null : __( 'The Cloudflare account ID is 32 hexadecimal characters (R2 › Overview › Account ID).', 'wp-media-cloud' );
	}

	public static function url( string $value, string $label ): ?string {
		if ( preg_match( '/[\s"\'<>\\\\`{}|^]/', $value ) ) {
			// The URL goes into every image's src on the public site: nothing that can end an HTML attribute.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must not contain spaces, quotes, angle brackets or backslashes.', 'wp-media-cloud' ), $label );
		}
		$parts = wp_parse_url( $value );
		if ( ! preg_match( '#^https?://#i', $value ) || ! is_array( $parts ) || empty( $parts['host'] ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must be a full URL starting with https://.', 'wp-media-cloud' ), $label );
		}
		if ( 'http' === strtolower( $parts['scheme'] ) && ! self::is_loopback( $parts['host'] ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must use https:// (browsers block http images on https pages).', 'wp-media-cloud' ), $label );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			// A user name or password here would be published in every image URL.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must be only https://host/path, without a user name, password, ? or #.', 'wp-media-cloud' ), $label );
		}
		return null;
	}

	/** A host name, optionally with scheme; no path. */
	public static function host( string $key, string $value ): ?string {
		if ( '' === $value ) {
			return null;
		}
		$host = (string) preg_replace( '#^https?://#i', '', $value );
		if ( str_contains( rtrim( $host, '/' ), '/' ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'Enter only the %s, without a path (e.g. cdn.example.com).', 'wp-media-cloud' ), Settings_Validator::label( $key ) );
		}
		if ( ! preg_match( '/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d+)?$/i', rtrim( $host, '/' ) ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s is not a valid host name (e.g. cdn.example.com).', 'wp-media-cloud' ), Settings_Validator::label( $key ) );
		}
		if ( 'pull_zone_host' === $key && str_ends_with( strtolower( $host ), 'storage.bunnycdn.com' ) ) {
			return __( 'That is the storage API host. Enter the pull zone host that serves this zone, e.g. example.b-cdn.net.', 'wp-media-cloud' );
		}
		return null;
	}

	public static function object_prefix( string $value ): ?string {
		if ( str_contains( $value, '..' ) ) {
			return __( 'The object prefix cannot contain “..”.', 'wp-media-cloud' );
		}
		return preg_match( '#^[A-Za-z0-9._/-]*$#', $value ) ? null : __( 'The object prefix may contain only letters, numbers, dots, hyphens, underscores and slashes.', 'wp-media-cloud' );
	}
}

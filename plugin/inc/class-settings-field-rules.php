<?php
/**
 * The rules for single fields (endpoint, bucket, keys, hosts), each returning the message for exactly what is
 * wrong, or null. Facts come from the providers' own docs; see docs/providers.md.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Field_Rules {

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
		$markup = self::markup( $value, Settings_Validator::label( 'endpoint' ) );
		if ( null !== $markup ) {
			return $markup;
		}
		$parts = Url_Rules::split( $value );
		if ( null === $parts || ! in_array( $parts['scheme'], array( 'http', 'https' ), true ) ) {
			return __( 'The endpoint must start with https:// (for example https://s3.example.com).', 'wp-media-cloud' );
		}
		if ( $parts['userinfo'] ) {
			// Public URLs are derived from the endpoint: credentials here would be published in every image URL.
			return __( 'The endpoint must not contain a user name or password: enter them as the access key and secret key.', 'wp-media-cloud' );
		}
		$host = Url_Rules::host( $parts['host'], __( 'endpoint', 'wp-media-cloud' ) ) ?? Url_Rules::port( $parts['port'], __( 'endpoint', 'wp-media-cloud' ) );
		if ( null !== $host ) {
			return $host;
		}
		if ( 'http' === $parts['scheme'] && ! self::is_loopback( $parts['host'] ) ) {
			return __( 'Plain http:// is only allowed for a storage server on this machine (127.0.0.1 or localhost); use https:// so keys and files are encrypted.', 'wp-media-cloud' );
		}
		$bucket = strtolower( (string) $settings['bucket'] );
		$path   = trim( (string) preg_replace( '/[?#].*$/s', '', $parts['rest'] ), '/' );
		if ( '' !== $bucket && ( str_starts_with( strtolower( $parts['host'] ), $bucket . '.' ) || in_array( $bucket, explode( '/', strtolower( $path ) ), true ) ) ) {
			/* translators: %s: bucket name. */
			return sprintf( __( 'The endpoint must not contain the bucket name “%s”: enter only the server (e.g. https://s3.example.com) and the bucket in its own field.', 'wp-media-cloud' ), $settings['bucket'] );
		}
		if ( '/' === $parts['rest'] ) {
			return __( 'Remove the trailing slash from the endpoint (https://s3.example.com, not https://s3.example.com/).', 'wp-media-cloud' );
		}
		if ( '' !== $parts['rest'] ) {
			return __( 'The endpoint must be only https://host or https://host:port, without a path, ? or #.', 'wp-media-cloud' );
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
		return Bucket_Name_Rules::check( (string) $settings['provider'], $value );
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
		// The kind of keys the provider hands out (`credential_shape` in plugin/contract.json).
		$shape  = (string) ( Contract::provider( (string) $settings['provider'] )['credential_shape'] ?? 'any' );
		$custom = '' !== (string) $settings['endpoint'];
		if ( 'gcs-hmac' === $shape ) {
			if ( str_starts_with( $value, '{' ) || str_contains( $value, 'service_account' ) || str_contains( $value, 'private_key' ) ) {
				return __( 'This is a JSON service-account key. Google Cloud Storage needs an HMAC key: Cloud Storage › Settings › Interoperability › Create a key, then paste its Access key and Secret here.', 'wp-media-cloud' );
			}
			if ( 'access_key' === $key && ! str_starts_with( $value, 'GOOG' ) ) {
				return __( 'A Google Cloud Storage HMAC access key starts with GOOG (Cloud Storage › Settings › Interoperability).', 'wp-media-cloud' );
			}
		}
		if ( 'bunny-zone-password' === $shape && 'secret_key' === $key && preg_match( self::BUNNY_ACCOUNT_KEY, $value ) ) {
			return __( 'This looks like your bunny.net account API key. Use the storage zone password instead: Storage › (your zone) › FTP & API Access › Password.', 'wp-media-cloud' );
		}
		if ( 'r2-token' === $shape && ! $custom ) {
			if ( 'access_key' === $key && ! preg_match( '/^[0-9a-f]{32}$/', $value ) ) {
				return 40 === strlen( $value )
					? __( 'This looks like a Cloudflare API token. R2 needs the Access Key ID of an R2 API token (32 characters): R2 › Manage R2 API Tokens.', 'wp-media-cloud' )
					: __( 'An R2 Access Key ID is 32 hexadecimal characters, shown when you create an R2 API token.', 'wp-media-cloud' );
			}
			if ( 'secret_key' === $key && ! preg_match( '/^[0-9a-f]{64}$/', $value ) ) {
				return __( 'An R2 Secret Access Key is 64 hexadecimal characters, shown once when you create an R2 API token.', 'wp-media-cloud' );
			}
		}
		if ( 'b2-application-key' === $shape && 'access_key' === $key && preg_match( '/^K[0-9A-Za-z+\/]{30}$/', $value ) ) {
			return __( 'This looks like the applicationKey. Put the keyID in the Access Key field and the applicationKey in the Secret Key field.', 'wp-media-cloud' );
		}
		if ( 'aws-iam' === $shape && ! $custom && 'access_key' === $key && ! preg_match( '/^[A-Z0-9]{16,128}$/', $value ) ) {
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

	/** Characters that could end an HTML attribute or a header line. */
	private static function markup( string $value, string $label ): ?string {
		if ( preg_match( '/[\s\x00-\x1f\x7f"\'<>\\\\`{}|^]/', $value ) ) {
			// The URL goes into every image's src on the public site: nothing that can end an HTML attribute.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must not contain spaces, quotes, angle brackets or backslashes.', 'wp-media-cloud' ), $label );
		}
		return null;
	}

	public static function url( string $value, string $label ): ?string {
		$markup = self::markup( $value, $label );
		if ( null !== $markup ) {
			return $markup;
		}
		$parts = Url_Rules::split( $value );
		if ( null === $parts || ! in_array( $parts['scheme'], array( 'http', 'https' ), true ) || '' === $parts['host'] ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must be a full URL starting with https://.', 'wp-media-cloud' ), $label );
		}
		if ( $parts['userinfo'] || preg_match( '/[?#]/', $parts['rest'] ) ) {
			// A user name or password here would be published in every image URL; ? or # would break every key after it.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must be only https://host/path, without a user name, password, ? or #.', 'wp-media-cloud' ), $label );
		}
		$host = Url_Rules::host( $parts['host'], $label ) ?? Url_Rules::port( $parts['port'], $label );
		if ( null !== $host ) {
			return $host;
		}
		if ( preg_match( '/[^\x21-\x7e]/', $parts['rest'] ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The path of the %s has characters that must be percent-encoded (é is %%C3%%A9): copy the URL from the browser’s address bar.', 'wp-media-cloud' ), $label );
		}
		if ( 'http' === $parts['scheme'] && ! self::is_loopback( $parts['host'] ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must use https:// (browsers block http images on https pages).', 'wp-media-cloud' ), $label );
		}
		return null;
	}

	/** A host name, optionally with scheme and port; no path. */
	public static function host( string $key, string $value ): ?string {
		if ( '' === $value ) {
			return null;
		}
		$label = Settings_Validator::label( $key );
		$host  = rtrim( (string) preg_replace( '#^https?://#i', '', $value ), '/' );
		if ( str_contains( $host, '/' ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'Enter only the %s, without a path (e.g. cdn.example.com).', 'wp-media-cloud' ), $label );
		}
		$parts = Url_Rules::host_and_port( $host );
		$error = Url_Rules::host( $parts['host'], $label ) ?? Url_Rules::port( $parts['port'], $label );
		if ( null !== $error ) {
			return $error;
		}
		if ( preg_match( '#^http://#i', $value ) && ! self::is_loopback( $parts['host'] ) ) {
			// Pages served over https would load the images as mixed content: blocked, or upgraded to an https the
			// host may not serve. Only a CDN on this machine (a local test) may be plain http.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s must be served over https: enter it without http:// (e.g. cdn.example.com). Plain http:// is only allowed for a host on this machine (127.0.0.1 or localhost).', 'wp-media-cloud' ), $label );
		}
		if ( 'pull_zone_host' === $key && str_ends_with( strtolower( $parts['host'] ), 'storage.bunnycdn.com' ) ) {
			return __( 'That is the storage API host. Enter the pull zone host that serves this zone, e.g. example.b-cdn.net.', 'wp-media-cloud' );
		}
		return null;
	}

	/**
	 * A relative folder inside the bucket: keys made from "/abs/", "a//b" or "../x" would not be where the records
	 * and URLs say. Its length is bounded by Settings_Limits (every key must fit S3's 1,024 bytes).
	 */
	public static function object_prefix( string $value ): ?string {
		if ( str_starts_with( $value, '/' ) ) {
			return __( 'The object prefix must not start with “/”: it is a folder inside the bucket, e.g. wp-content/uploads/.', 'wp-media-cloud' );
		}
		if ( str_contains( $value, '..' ) ) {
			return __( 'The object prefix cannot contain “..”.', 'wp-media-cloud' );
		}
		if ( str_contains( $value, '//' ) ) {
			return __( 'The object prefix cannot contain two slashes in a row (an empty folder name).', 'wp-media-cloud' );
		}
		if ( in_array( '.', explode( '/', $value ), true ) ) {
			return __( 'The object prefix cannot contain a “.” folder.', 'wp-media-cloud' );
		}
		return preg_match( '#^[A-Za-z0-9._/-]*$#', $value ) ? null : __( 'The object prefix may contain only letters, numbers, dots, hyphens, underscores and slashes.', 'wp-media-cloud' );
	}
}

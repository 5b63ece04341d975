<?php
/**
 * Validates settings at the edge, field by field, each mistake with its own message and the fix. Applying a change
 * keeps every valid field of it and the stored value of every invalid one: a bad value never costs a good one.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Settings_Validator {

	/** Keys that describe the connection: changing one of them checks that the provider's required fields are set. */
	private const CONNECTION_KEYS = array( 'provider', 'endpoint', 'region', 'bucket', 'access_key', 'secret_key', 'account_id' );

	/**
	 * Applies a (partial) change to the stored settings.
	 *
	 * @param array<string, mixed> $patch  Submitted values. An empty secret means "keep the stored one".
	 * @param array<string, mixed> $stored The stored settings (all keys).
	 * @param bool                 $strict REST/admin input: also refuse unknown and locked keys, and check required fields.
	 * @return array{settings: array<string, mixed>, errors: array<string, string>}
	 */
	public static function apply( array $patch, array $stored, bool $strict = true ): array {
		$stored = array_merge( Settings::DEFAULTS, array_intersect_key( $stored, Settings::DEFAULTS ) );
		$errors = array();
		$clean  = array();
		foreach ( $patch as $key => $value ) {
			if ( ! array_key_exists( $key, Settings::DEFAULTS ) ) {
				if ( $strict ) {
					/* translators: %s: setting name. */
					$errors[ $key ] = sprintf( __( 'Unknown setting “%s”.', 'wp-media-cloud' ), $key );
				}
				continue;
			}
			if ( $strict && in_array( $key, Settings::locked(), true ) ) {
				$errors[ $key ] = defined( Settings::constant_name( $key ) )
					/* translators: %s: constant name. */
					? sprintf( __( 'This setting is defined in wp-config.php (%s); change it there.', 'wp-media-cloud' ), Settings::constant_name( $key ) )
					: __( 'This setting is set for the whole network; a network administrator changes it under Network Admin › Media Cloud (or lets sites override it).', 'wp-media-cloud' );
				continue;
			}
			if ( in_array( $key, Settings::SECRETS, true ) && '' === $value && $strict ) {
				continue; // Secrets are write-only: the form sends '' for "unchanged".
			}
			$type_error = Settings_Limits::type_error( $key, $value );
			if ( null !== $type_error ) {
				$errors[ $key ] = $type_error;
				continue;
			}
			$clean[ $key ] = $value;
		}

		// Validate against the settings as they would be, so "endpoint contains the bucket" sees a new bucket too.
		$candidate = array_merge( $stored, $clean );
		if ( isset( $clean['provider'] ) && null === Settings_Providers::get( $clean['provider'] ) ) {
			$candidate['provider'] = $stored['provider'];
		}
		foreach ( $clean as $key => $value ) {
			$message = self::check( $key, $value, $candidate );
			if ( null !== $message ) {
				$errors[ $key ]    = $message;
				$candidate[ $key ] = $stored[ $key ];
			}
		}
		// A region left over from another provider would fail every request: fall back to the new provider's default.
		if ( isset( $clean['provider'] ) && ! isset( $clean['region'] ) && null !== self::region( (string) $candidate['region'], $candidate ) ) {
			$candidate['region'] = '';
		}
		if ( $strict && array_intersect( array_keys( $patch ), self::CONNECTION_KEYS ) ) {
			foreach ( self::missing( $candidate ) as $key => $message ) {
				$errors[ $key ] ??= $message;
				if ( array_key_exists( $key, $clean ) ) {
					$candidate[ $key ] = $stored[ $key ]; // Emptying a required field is refused, not saved.
				}
			}
		}
		return array( 'settings' => $candidate, 'errors' => $errors );
	}

	/** @return string|null The message for an invalid value, null when it is fine. */
	private static function check( string $key, $value, array $settings ): ?string {
		if ( ! is_string( $value ) ) {
			return null; // A switch: its type was all there was to check.
		}
		$too_long = Settings_Limits::length_error( $key, $value );
		if ( null !== $too_long ) {
			return $too_long;
		}
		if ( '' !== $value && trim( $value ) !== $value ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s has leading or trailing spaces (often from copying): remove them.', 'wp-media-cloud' ), self::label( $key ) );
		}
		if ( preg_match( '/[\x00-\x1f\x7f]/', $value ) ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s contains a control character (a tab, a line break or similar): enter it on one line without them.', 'wp-media-cloud' ), self::label( $key ) );
		}
		if ( in_array( $key, array( 'access_key', 'secret_key', 'cache_control' ), true ) && preg_match( '/[^\x20-\x7e]/', $value ) ) {
			// Keys and Cache-Control travel in HTTP headers, which are ASCII; no provider issues other characters.
			/* translators: %s: field label. */
			return sprintf( __( 'The %s contains characters outside plain ASCII (such as accented letters or typographic quotes): copy it again from the provider.', 'wp-media-cloud' ), self::label( $key ) );
		}
		switch ( $key ) {
			case 'provider':
				/* translators: 1: provider id, 2: list of ids. */
				return null === Settings_Providers::get( $value ) ? sprintf( __( 'Unknown provider “%1$s”. Choose one of: %2$s.', 'wp-media-cloud' ), $value, implode( ', ', array_keys( Settings_Providers::definitions() ) ) ) : null;
			case 'endpoint':
				return Settings_Field_Rules::endpoint( $value, $settings );
			case 'region':
				return self::region( $value, $settings );
			case 'bucket':
				return Settings_Field_Rules::bucket( $value, $settings );
			case 'access_key':
			case 'secret_key':
				return Settings_Field_Rules::credential( $key, $value, $settings );
			case 'account_id':
				return Settings_Field_Rules::account_id( $value );
			case 'public_url':
				return '' === $value ? null : Settings_Field_Rules::url( $value, __( 'public URL', 'wp-media-cloud' ) );
			case 'pull_zone_host':
			case 'cdn_host':
				return Settings_Field_Rules::host( $key, $value );
			case 'object_prefix':
				return Settings_Field_Rules::object_prefix( $value );
		}
		return null;
	}

	/** The region must be one the provider has (a list) or look like its codes (a pattern). */
	private static function region( string $value, array $settings ): ?string {
		$definition = Settings_Providers::get( (string) $settings['provider'] );
		if ( '' === $value || null === $definition ) {
			return null;
		}
		// A free-form region (a pattern, not a list) that holds the endpoint's own domain: the endpoint was pasted (B2).
		$domain = substr( (string) strstr( (string) $definition['endpoint_template'], '{region}.' ), strlen( '{region}.' ) );
		if ( isset( $definition['region_pattern'] ) && '' !== $domain && str_contains( $value, $domain ) ) {
			$example = str_replace( array( 'https://', '{region}' ), array( '', $definition['default_region'] ), $definition['endpoint_template'] );
			/* translators: 1: example region, 2: the endpoint host it comes from. */
			return sprintf( __( 'Enter only the middle of the S3 endpoint as the region: %1$s from %2$s.', 'wp-media-cloud' ), $definition['default_region'], $example );
		}
		if ( isset( $definition['regions'] ) && ! in_array( $value, $definition['regions'], true ) ) {
			/* translators: 1: region, 2: provider, 3: list of regions. */
			return sprintf( __( '“%1$s” is not a region of %2$s. Use one of: %3$s.', 'wp-media-cloud' ), $value, $definition['label'], implode( ', ', $definition['regions'] ) );
		}
		if ( isset( $definition['region_pattern'] ) && ! preg_match( '/' . $definition['region_pattern'] . '/', $value ) ) {
			/* translators: 1: region, 2: provider, 3: example. */
			return sprintf( __( '“%1$s” is not a valid region code for %2$s (for example %3$s).', 'wp-media-cloud' ), $value, $definition['label'], $definition['default_region'] );
		}
		return null;
	}

	/**
	 * Fields the provider cannot work without.
	 *
	 * @return array<string, string>
	 */
	private static function missing( array $settings ): array {
		$facts    = Contract::provider( (string) $settings['provider'] );
		$missing  = array();
		if ( null === $facts ) {
			return $missing; // The provider field says what is wrong.
		}
		$zone     = 'storage-zone' === $facts['bucket_term'];
		$template = (string) $facts['endpoint_template'];
		if ( '' === $settings['bucket'] ) {
			$missing['bucket'] = $zone ? __( 'The storage zone name is missing.', 'wp-media-cloud' ) : __( 'The bucket name is missing.', 'wp-media-cloud' );
		}
		if ( $facts['capabilities']['needs_access_key'] && '' === $settings['access_key'] ) {
			$missing['access_key'] = __( 'The access key is missing.', 'wp-media-cloud' );
		}
		if ( '' === $settings['secret_key'] ) {
			// Without an access key, the one secret is the storage zone password (Bunny).
			$missing['secret_key'] = $facts['capabilities']['needs_access_key'] ? __( 'The secret key is missing.', 'wp-media-cloud' ) : __( 'The storage zone password is missing.', 'wp-media-cloud' );
		}
		if ( '' === $template && '' === $settings['endpoint'] ) {
			$missing['endpoint'] = __( 'The S3-compatible provider needs an endpoint URL, e.g. https://s3.example.com.', 'wp-media-cloud' );
		}
		if ( str_contains( $template, '{account_id}' ) && '' === $settings['account_id'] && '' === $settings['endpoint'] ) {
			$missing['account_id'] = __( 'Cloudflare R2 needs your account ID (R2 › Overview) to build the endpoint.', 'wp-media-cloud' );
		}
		return $missing;
	}

	public static function label( string $key ): string {
		$labels = array(
			'access_key'     => __( 'access key', 'wp-media-cloud' ),
			'secret_key'     => __( 'secret key', 'wp-media-cloud' ),
			'bucket'         => __( 'bucket name', 'wp-media-cloud' ),
			'endpoint'       => __( 'endpoint', 'wp-media-cloud' ),
			'region'         => __( 'region', 'wp-media-cloud' ),
			'account_id'     => __( 'account ID', 'wp-media-cloud' ),
			'public_url'     => __( 'public URL', 'wp-media-cloud' ),
			'pull_zone_host' => __( 'pull zone host', 'wp-media-cloud' ),
			'cdn_host'       => __( 'CDN host', 'wp-media-cloud' ),
			'object_prefix'  => __( 'object prefix', 'wp-media-cloud' ),
			'cache_control'  => __( 'Cache-Control value', 'wp-media-cloud' ),
		);
		return $labels[ $key ] ?? str_replace( '_', ' ', $key );
	}
}

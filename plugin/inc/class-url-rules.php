<?php
/**
 * The pieces of a URL or host setting (endpoint, public URL, CDN and pull zone hosts) and what a host name and a port
 * may be. URLs are split here rather than with wp_parse_url(), which returns false for a port above 65535 and so
 * could not say what is wrong.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Url_Rules {

	/** RFC 1035 §2.3.4: a DNS name is at most 253 characters as written (255 octets on the wire), a label 63. */
	public const MAX_NAME  = 253;
	public const MAX_LABEL = 63;

	/**
	 * Scheme, whether there is a user name or password, host, port (null when absent) and what follows the host.
	 *
	 * @return array{scheme: string, userinfo: bool, host: string, port: ?string, rest: string}|null Null without "scheme://".
	 */
	public static function split( string $value ): ?array {
		if ( ! preg_match( '#^([a-z][a-z0-9+.-]*)://([^/?\#]*)(.*)$#is', $value, $url ) ) {
			return null;
		}
		$authority = $url[2];
		$at        = strrpos( $authority, '@' );
		$host_port = false === $at ? $authority : substr( $authority, $at + 1 );
		$parts     = self::host_and_port( $host_port );
		return array(
			'scheme'   => strtolower( $url[1] ),
			'userinfo' => false !== $at,
			'host'     => $parts['host'],
			'port'     => $parts['port'],
			'rest'     => $url[3],
		);
	}

	/** @return array{host: string, port: ?string} "[::1]:9000" → "[::1]" and "9000"; "cdn.example.com" → no port. */
	public static function host_and_port( string $value ): array {
		if ( preg_match( '/^(\[[^\]]*\])(?::(.*))?$/s', $value, $match ) || preg_match( '/^([^:]*)(?::(.*))?$/s', $value, $match ) ) {
			return array( 'host' => $match[1], 'port' => $match[2] ?? null );
		}
		return array( 'host' => $value, 'port' => null ); // Several colons outside brackets: the host check refuses it.
	}

	/** The message for a host name (or IPv4 address, or [IPv6] address) that cannot be, or null. */
	public static function host( string $host, string $label ): ?string {
		if ( '' === $host ) {
			/* translators: %s: field label. */
			return sprintf( __( 'The %s has no host name: enter it as https://host, e.g. https://cdn.example.com.', 'wp-media-cloud' ), $label );
		}
		if ( preg_match( '/[^\x21-\x7e]/', $host ) ) {
			// Browsers show internationalised names but send their ASCII (xn--) form; the settings keep what is sent.
			$ascii = function_exists( 'idn_to_ascii' ) ? idn_to_ascii( $host, IDNA_NONTRANSITIONAL_TO_ASCII, INTL_IDNA_VARIANT_UTS46 ) : false;
			return is_string( $ascii ) && '' !== $ascii && $ascii !== $host
				/* translators: 1: field label, 2: ASCII host name. */
				? sprintf( __( 'Enter the host name of the %1$s in its ASCII form: %2$s.', 'wp-media-cloud' ), $label, $ascii )
				/* translators: %s: field label. */
				: sprintf( __( 'The host name of the %s has characters host names cannot have: enter an internationalised name in its ASCII (xn--…) form.', 'wp-media-cloud' ), $label );
		}
		if ( str_starts_with( $host, '[' ) ) {
			return filter_var( trim( $host, '[]' ), FILTER_VALIDATE_IP, FILTER_FLAG_IPV6 )
				? null
				/* translators: %s: field label. */
				: sprintf( __( 'The %s has an IPv6 address that is not valid, e.g. https://[2001:db8::1].', 'wp-media-cloud' ), $label );
		}
		if ( strlen( $host ) > self::MAX_NAME ) {
			/* translators: 1: field label, 2: length. */
			return sprintf( __( 'The host name of the %1$s is %2$d characters long; DNS names are at most 253.', 'wp-media-cloud' ), $label, strlen( $host ) );
		}
		foreach ( explode( '.', $host ) as $part ) {
			if ( strlen( $part ) > self::MAX_LABEL ) {
				/* translators: %s: field label. */
				return sprintf( __( 'Each part of the host name of the %s between dots is at most 63 characters long (DNS).', 'wp-media-cloud' ), $label );
			}
			if ( ! preg_match( '/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i', $part ) ) {
				/* translators: %s: field label. */
				return sprintf( __( 'The %s is not a valid host name: letters, numbers and hyphens between dots (e.g. cdn.example.com).', 'wp-media-cloud' ), $label );
			}
		}
		return null;
	}

	/** The message for a port that is not 1–65535, or null (null port: none given). */
	public static function port( ?string $port, string $label ): ?string {
		if ( null === $port || ( preg_match( '/^\d{1,5}$/', $port ) && (int) $port >= 1 && (int) $port <= 65535 ) ) {
			return null;
		}
		/* translators: %s: field label. */
		return sprintf( __( 'The port in the %s must be a number from 1 to 65535 (or leave it out).', 'wp-media-cloud' ), $label );
	}
}

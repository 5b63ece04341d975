<?php
/**
 * The facts WordPress shares with the sidecar (providers with their regions, endpoint and public URL templates and
 * capabilities; health check ids; error codes), read from plugin/contract.json. The sidecar's tables are the source:
 * `npm run build:contract` writes the file, which is committed, so a git checkout works without a build. PHP keeps
 * only what is its own: translated labels and help texts keyed by these ids.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Contract {

	/** @var array<string, mixed>|null The decoded file, read once per request. */
	private static ?array $data = null;

	/** @return array<string, mixed> */
	private static function data(): array {
		if ( null === self::$data ) {
			$file = dirname( __DIR__ ) . '/contract.json';
			// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin, not a URL.
			$text = is_readable( $file ) ? file_get_contents( $file ) : false;
			$data = false === $text ? null : json_decode( $text, true );
			if ( ! is_array( $data ) || ! isset( $data['providers'], $data['health'], $data['error_codes'] ) ) {
				// Only a damaged installation gets here: every build and the git checkout carry the file.
				throw new \RuntimeException( 'WP Media Cloud cannot read plugin/contract.json: reinstall the plugin (or, in a git checkout, run `npm run build:contract`).' );
			}
			self::$data = $data;
		}
		return self::$data;
	}

	/**
	 * Every provider by id, in the order the settings page lists them: label, api, regions (or null), region_pattern
	 * (or null), default_region, endpoint_template, endpoint_by_region, signing_region, capabilities (acl,
	 * batch_delete, path_style, public_url, needs_access_key), bucket_term, bucket_naming, credential_shape.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function providers(): array {
		return self::data()['providers'];
	}

	/** @return array<string, mixed>|null */
	public static function provider( string $id ): ?array {
		return self::providers()[ $id ] ?? null;
	}

	/** The public base URL template of a form ('virtual-host', 'path', 'public-url', 'pull-zone'). */
	public static function public_url_form( string $form ): string {
		return (string) ( self::data()['public_url_forms'][ $form ] ?? '' );
	}

	/**
	 * The sidecar's storage checks, in report order.
	 *
	 * @return array<int, string>
	 */
	public static function sidecar_checks(): array {
		return self::data()['health']['sidecar_checks'];
	}

	/**
	 * The checks "Test connection" runs.
	 *
	 * @return array<int, string>
	 */
	public static function connection_checks(): array {
		return self::data()['health']['connection_checks'];
	}

	/**
	 * The sidecar's error codes with their HTTP status.
	 *
	 * @return array<string, int>
	 */
	public static function error_codes(): array {
		return self::data()['error_codes'];
	}

	/**
	 * A sidecar error code, checked against the contract: PHP compares codes the sidecar sends, and a code renamed
	 * there must fail here at once rather than never match.
	 */
	public static function error_code( string $code ): string {
		if ( ! isset( self::error_codes()[ $code ] ) ) {
			throw new \LogicException( sprintf( 'The sidecar has no error code %s (plugin/contract.json).', $code ) );
		}
		return $code;
	}
}

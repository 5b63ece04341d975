<?php
/**
 * The words of the sidecar's health results. The sidecar sends each sentence as a code with parameters
 * (`{ code: 'cdn.passed', params: { host, ms } }`, see sidecar/src/messages.ts); the translatable sentences are
 * here and in the catalogs beside this file, so there is one copy of each, in WordPress, and the site's language
 * applies. A parameter may itself be a message (the storage error inside "Uploading a test file failed: …").
 *
 * The text is plain: every screen that shows it escapes it (Site Health's esc_html(), the admin's React text,
 * the CLI's table). plugin/contract.json lists every code the sidecar can send, and test/unit/health-messages.test.ts
 * fails when one has no sentence here.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages {

	/** Nested messages deeper than this are not followed (a sidecar bug must not recurse for ever). */
	private const MAX_DEPTH = 4;

	/** @var array<string, array<string, array<int, string>>> Catalog per locale, built once per request. */
	private static array $catalogs = array();

	/**
	 * Every code with its sentence first and the names of its parameters after, in %1$s, %2$s… order.
	 *
	 * @return array<string, array<int, string>>
	 */
	public static function catalog(): array {
		$locale = function_exists( 'determine_locale' ) ? determine_locale() : '';
		if ( ! isset( self::$catalogs[ $locale ] ) ) {
			self::$catalogs[ $locale ] = Messages_Checks::catalog() + Messages_Urls::catalog() + Messages_Storage::catalog() + Messages_Providers::catalog() + Messages_Files::catalog();
		}
		return self::$catalogs[ $locale ];
	}

	/**
	 * One message as a sentence in the site's language. A plain string (from a sidecar older than the codes) is
	 * returned as it is; an unknown code (a sidecar newer than the plugin) gives a sentence that names it.
	 *
	 * @param mixed $message `{ code, params }`, or a string.
	 */
	public static function render( $message, int $depth = 0 ): string {
		if ( is_string( $message ) || is_numeric( $message ) ) {
			return (string) $message;
		}
		if ( ! is_array( $message ) || ! isset( $message['code'] ) || ! is_string( $message['code'] ) ) {
			return '';
		}
		$code  = $message['code'];
		$entry = self::catalog()[ $code ] ?? null;
		if ( null === $entry || $depth > self::MAX_DEPTH ) {
			return self::unknown( $code );
		}
		$sentence = array_shift( $entry );
		$params   = is_array( $message['params'] ?? null ) ? $message['params'] : array();
		$values   = array();
		foreach ( $entry as $name ) {
			$value    = $params[ $name ] ?? '';
			$values[] = is_array( $value ) ? self::render( $value, $depth + 1 ) : $value;
		}
		try {
			return vsprintf( $sentence, $values );
		} catch ( \ValueError $error ) {
			// A translation whose placeholders do not match the sentence's: say what happened instead of nothing.
			return self::unknown( $code );
		}
	}

	/**
	 * A result from the sidecar in the Site Health shape the REST contract uses (see Result), worded.
	 *
	 * @param array<string, mixed> $raw `{ test, status, message, cause?, fix?, details? }` from POST /v1/health.
	 * @return array<string, mixed>
	 */
	public static function result( array $raw, string $label ): array {
		$fix    = array_key_exists( 'fix', $raw ) ? self::render( $raw['fix'] ) : '';
		$result = array(
			'test'        => (string) ( $raw['test'] ?? '' ),
			'label'       => $label,
			'status'      => (string) ( $raw['status'] ?? 'critical' ),
			'description' => self::render( $raw['message'] ?? $raw['description'] ?? null ),
			'actions'     => $fix,
		);
		if ( isset( $raw['cause'] ) ) {
			$result['cause'] = (string) $raw['cause'];
		}
		if ( '' !== $fix ) {
			$result['fix'] = $fix;
		}
		if ( isset( $raw['details'] ) ) {
			$result['details'] = $raw['details'];
		}
		return $result;
	}

	/**
	 * An error's two sentences from its codes (`said`, see sidecar/src/jobs/error-said.ts): a run's failure, an
	 * upload's pending reason, an error answer of the sidecar. Null when there are no codes (an older sidecar, an
	 * older record), and the English that came with the error is what the user reads.
	 *
	 * @param mixed $said `{ message: { code, params }, remedy: { code, params } }`, or anything else.
	 * @return array{message: string, remedy: string}|null Either may be '' when its code rendered to nothing.
	 */
	public static function said( $said ): ?array {
		if ( ! is_array( $said ) || ! is_array( $said['message'] ?? null ) || ! is_array( $said['remedy'] ?? null ) ) {
			return null;
		}
		return array(
			'message' => self::render( $said['message'] ),
			'remedy'  => self::render( $said['remedy'] ),
		);
	}

	private static function unknown( string $code ): string {
		return sprintf(
			/* translators: %s: a message code such as "cdn.passed". */
			__( 'The sidecar sent a result this version of WP Media Cloud has no words for (%s). Restart the sidecar so it runs the version the plugin ships: `wp media-cloud sidecar restart` (Media Cloud › Health names the exact command).', 'wp-media-cloud' ),
			$code
		);
	}
}

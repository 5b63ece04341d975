<?php
/**
 * Rewrites the URLs in one raw database value without breaking its format:
 * - PHP-serialized values are unserialized, walked (arrays, stdClass objects, strings that are serialized again)
 *   and serialized anew, so every string length is recomputed by PHP. A regex never touches serialized text.
 * - Any other text (HTML, JSON, plain) gets its URLs replaced in the form they were written; JSON that decoded
 *   before must still decode after, or the value is left alone.
 * - Objects of other classes are not instantiated (`allowed_classes`), which also keeps unserialize() safe; a value
 *   holding one is reported and left as it is, because it could not be written back faithfully.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Value_Rewriter {

	/** @var array<string, array{old_url: string, new_url: string, occurrences: int}> */
	private array $changes = array();

	/** @var array<string, array{url: string, reason: string}> */
	private array $skipped = array();

	public function __construct( private Url_Map $map ) {}

	/**
	 * @return array{value: string, changes: array<int, array{old_url: string, new_url: string, occurrences: int}>,
	 *               skipped: array<int, array{url: string, reason: string}>}
	 *         `value` is the raw value to store, identical to the input when nothing changed.
	 */
	public function rewrite( string $raw ): array {
		$this->changes = array();
		$this->skipped = array();
		$value         = $this->rewrite_raw( $raw );
		return array(
			'value'   => $value,
			'changes' => array_values( $this->changes ),
			'skipped' => array_values( $this->skipped ),
		);
	}

	private function rewrite_raw( string $raw ): string {
		if ( ! is_serialized( $raw ) ) {
			return $this->rewrite_text( $raw );
		}
		$data = @unserialize( trim( $raw ), array( 'allowed_classes' => array( 'stdClass' ) ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.PHP.DiscouragedPHPFunctions
		if ( false === $data && 'b:0;' !== trim( $raw ) ) {
			$this->skip_all( $raw, 'invalid_serialized_data' );
			return $raw;
		}
		if ( self::holds_foreign_object( $data ) ) {
			$this->skip_all( $raw, 'serialized_object' );
			return $raw;
		}
		$before = count( $this->changes );
		$data   = $this->walk( $data );
		// Untouched values keep their exact bytes, even where PHP would serialize them slightly differently.
		return count( $this->changes ) === $before ? $raw : serialize( $data ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
	}

	/**
	 * @param mixed $data Unserialized data.
	 * @return mixed
	 */
	private function walk( $data ) {
		if ( is_string( $data ) ) {
			return $this->rewrite_raw( $data ); // A string may hold serialized data again (double serialization).
		}
		if ( is_array( $data ) ) {
			foreach ( $data as $key => $item ) {
				$data[ $key ] = $this->walk( $item );
			}
			return $data;
		}
		if ( $data instanceof \stdClass ) {
			foreach ( get_object_vars( $data ) as $key => $item ) {
				$data->$key = $this->walk( $item );
			}
		}
		return $data;
	}

	private function rewrite_text( string $text ): string {
		$json_before = self::is_json( $text );
		$changes     = array();
		$skipped     = array();
		$new         = $this->map->rewrite_text(
			$text,
			static function ( string $old, string $new ) use ( &$changes ): void {
				$changes[] = array( $old, $new );
			},
			static function ( string $url, string $reason ) use ( &$skipped ): void {
				$skipped[] = array( $url, $reason );
			}
		);
		foreach ( $skipped as [ $url, $reason ] ) {
			$this->skipped[ $url ] = array( 'url' => $url, 'reason' => $reason );
		}
		if ( $json_before && ! self::is_json( $new ) ) {
			foreach ( $changes as [ $old ] ) {
				$this->skipped[ $old ] = array( 'url' => $old, 'reason' => 'json_would_break' );
			}
			return $text;
		}
		foreach ( $changes as [ $old, $new_url ] ) {
			$key                                  = $old . "\n" . $new_url;
			$this->changes[ $key ]              ??= array( 'old_url' => $old, 'new_url' => $new_url, 'occurrences' => 0 );
			$this->changes[ $key ]['occurrences'] += 1;
		}
		return $new;
	}

	/** Reports every URL in a value that cannot be rewritten safely, whether or not it could be mapped. */
	private function skip_all( string $raw, string $reason ): void {
		$skip = function ( string $url ) use ( $reason ): void {
			$this->skipped[ $url ] = array( 'url' => $url, 'reason' => $reason );
		};
		$this->map->rewrite_text( $raw, $skip, $skip );
	}

	/** @param mixed $data Unserialized data. */
	private static function holds_foreign_object( $data ): bool {
		if ( $data instanceof \__PHP_Incomplete_Class ) {
			return true;
		}
		if ( is_array( $data ) || $data instanceof \stdClass ) {
			foreach ( (array) $data as $item ) {
				if ( self::holds_foreign_object( $item ) ) {
					return true;
				}
			}
		}
		return false;
	}

	private static function is_json( string $text ): bool {
		$trimmed = ltrim( $text );
		if ( '' === $trimmed || ( '{' !== $trimmed[0] && '[' !== $trimmed[0] ) ) {
			return false;
		}
		json_decode( $text );
		return JSON_ERROR_NONE === json_last_error();
	}
}

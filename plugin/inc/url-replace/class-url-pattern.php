<?php
/**
 * Finds file URLs under one base URL (the uploads URL, or a bucket's public URL) in stored text, in every form
 * stored content uses: `https://…`, `http://…`, protocol-relative `//…`, and with JSON-escaped slashes
 * (`https:\/\/…`, or `https:\\\/\\\/…` when JSON was encoded inside JSON). A found URL is written back in the
 * same form, so JSON stays JSON and HTML stays HTML.
 *
 * This only ever runs on plain text: serialized values are unserialized first (see Value_Rewriter).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Url_Pattern {

	/**
	 * Characters that end a URL in stored content. WordPress's sanitize_file_name() removes all of them from
	 * file names, so none of them can be part of an uploaded file's path; `%` stays allowed for encoded names.
	 */
	private const URL_END_CHARS = '\s"\'<>()\[\]{},;&?\#|^`*!$=+~';

	private string $regex;

	/** @param string $base Base URL with or without scheme, e.g. `http://example.com/wp-content/uploads`. */
	public function __construct( string $base ) {
		$bare     = trim( (string) preg_replace( '#^(?:https?:)?//#i', '', $base ), '/' );
		$segments = array_map( static fn ( string $segment ) => preg_quote( $segment, '#' ), explode( '/', $bare ) );
		// `esc` captures the backslashes written before the first slash; every later slash of the same URL must
		// carry the same escaping, which keeps a match inside one JSON string.
		$this->regex = '#(?<scheme>https?:)?(?<esc>\\\\*)/\g{esc}/' . implode( '\g{esc}/', $segments )
			. '\g{esc}/(?<path>(?:[^' . self::URL_END_CHARS . '\\\\/]|\g{esc}/|\\\\+u[0-9a-f]{4})+)#i';
	}

	/**
	 * Every file URL under the base in the text.
	 *
	 * @return array<int, array{url: string, path: string}> `url` as written; `path` below the base, slashes unescaped.
	 */
	public function find( string $text ): array {
		if ( ! preg_match_all( $this->regex, $text, $matches, PREG_SET_ORDER ) ) {
			return array();
		}
		$found = array();
		foreach ( $matches as $match ) {
			$url = self::parse( $match );
			if ( null !== $url ) {
				$found[] = $url;
			}
		}
		return $found;
	}

	/**
	 * Replaces each file URL for which `$map` returns a new URL (null keeps it), in the form it was found.
	 *
	 * @param callable(array{url: string, path: string, scheme: string, esc: string}): ?string $map Gives the new
	 *        URL written plainly (`https://host/path`); it is escaped here like the original.
	 * @param callable(string, string): void|null $report Told each replacement: old and new URL as written.
	 */
	public function replace( string $text, callable $map, ?callable $report = null ): string {
		return (string) preg_replace_callback(
			$this->regex,
			static function ( array $match ) use ( $map, $report ): string {
				$url = self::parse( $match );
				if ( null === $url ) {
					return $match[0];
				}
				$new = $map( $url );
				if ( null === $new ) {
					return $match[0];
				}
				// Keep the original's form: protocol-relative stays protocol-relative, escaped slashes stay escaped.
				if ( '' === $url['scheme'] ) {
					$new = (string) preg_replace( '#^https?:#i', '', $new );
				}
				$written = str_replace( '/', $url['esc'] . '/', $new );
				if ( $written === $url['url'] ) {
					return $match[0];
				}
				if ( $report ) {
					$report( $url['url'], $written );
				}
				return $written . substr( $match[0], strlen( $url['url'] ) );
			},
			$text
		);
	}

	/**
	 * The file path a URL's path names: JSON `\u00fc` escapes (page builders' JSON escapes non-ASCII) and
	 * percent-encoding decoded, e.g. `2024/01/gr%C3%BCn.jpg` → `2024/01/grün.jpg`.
	 */
	public static function file_path( string $path ): string {
		$path = (string) preg_replace_callback( '#\\\\+u([0-9a-f]{4})#i', static fn ( array $m ) => mb_chr( (int) hexdec( $m[1] ), 'UTF-8' ), $path );
		return rawurldecode( $path );
	}

	/**
	 * Turns a regex match into a file URL, or null when it names no file (a folder, a page).
	 *
	 * @param array<int|string, string> $match A match of $this->regex.
	 * @return array{url: string, path: string, scheme: string, esc: string}|null
	 */
	private static function parse( array $match ): ?array {
		$raw_path = rtrim( $match['path'], '.' ); // A full stop after a URL ends the sentence, not the file name.
		$esc      = $match['esc'];
		$path     = '' === $esc ? $raw_path : str_replace( $esc . '/', '/', $raw_path );
		if ( ! preg_match( '#\.[a-z0-9]{2,5}$#i', $path ) ) {
			return null;
		}
		return array(
			'url'    => substr( $match[0], 0, strlen( $match[0] ) - ( strlen( $match['path'] ) - strlen( $raw_path ) ) ),
			'path'   => $path,
			'scheme' => $match['scheme'],
			'esc'    => $esc,
		);
	}
}

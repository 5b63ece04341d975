<?php
/**
 * The sidecar's two constants in `wp-config.php`: added by `wp media-cloud sidecar setup` as one marked block
 * above the "stop editing" line (or above the line that loads wp-settings.php), and that block alone removed
 * again by uninstall.php. Constants the file already defines, or that are defined elsewhere, are never touched.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Wp_Config_Constants {

	public const BEGIN = '/* BEGIN WP Media Cloud sidecar (added by `wp media-cloud sidecar setup`) */';
	public const END   = '/* END WP Media Cloud sidecar */';

	/** Where WordPress reads wp-config.php from: ABSPATH, or the folder above it when that is not another install. */
	public static function locate(): ?string {
		if ( function_exists( '\WP_CLI\Utils\locate_wp_config' ) ) {
			$found = \WP_CLI\Utils\locate_wp_config();
			if ( is_string( $found ) && '' !== $found ) {
				return $found;
			}
		}
		$root = rtrim( ABSPATH, '/' );
		if ( is_file( $root . '/wp-config.php' ) ) {
			return $root . '/wp-config.php';
		}
		$above = dirname( $root );
		return is_file( $above . '/wp-config.php' ) && ! is_file( $above . '/wp-settings.php' ) ? $above . '/wp-config.php' : null;
	}

	/**
	 * The PHP lines that define these constants, for the file or for the user to add.
	 *
	 * @param array<string, string> $constants Name => value.
	 */
	public static function lines( array $constants ): string {
		$lines = array();
		foreach ( $constants as $name => $value ) {
			$lines[] = sprintf( "define( '%s', %s );", $name, var_export( (string) $value, true ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export
		}
		return implode( "\n", $lines );
	}

	/**
	 * The block inserted into the file's text, or null when the file has no place WordPress' own files would
	 * put it (no "stop editing" line and no line that loads wp-settings.php).
	 *
	 * @param array<string, string> $constants Name => value.
	 * @return array{text: string, before: string}|null The new text and the line it went above.
	 */
	public static function insert( string $text, array $constants ): ?array {
		$eol    = str_contains( $text, "\r\n" ) ? "\r\n" : "\n";
		$block  = self::BEGIN . $eol . str_replace( "\n", $eol, self::lines( $constants ) ) . $eol . self::END . $eol;
		$anchor = null;
		// wp-config-sample.php: `/* That's all, stop editing! Happy publishing. */` (older: "Happy blogging"; the line
		// above it, "Add any custom values between this line and the "stop editing" line", is not the one).
		if ( preg_match( '/^[^\S\r\n]*(?:\/\*|\/\/|#)\s*That\S{0,3}s all,? stop editing.*$/mi', $text, $match, PREG_OFFSET_CAPTURE ) ) {
			$anchor = $match;
		} elseif ( preg_match( '/^[^\S\r\n]*(?:require|include)(?:_once)?\s*\(?\s*ABSPATH\s*\.\s*[\'"]wp-settings\.php[\'"].*$/mi', $text, $match, PREG_OFFSET_CAPTURE ) ) {
			$anchor = $match;
		}
		if ( null === $anchor ) {
			return null;
		}
		$offset = (int) $anchor[0][1];
		return array(
			'text'   => substr( $text, 0, $offset ) . $block . $eol . substr( $text, $offset ),
			'before' => trim( (string) $anchor[0][0] ),
		);
	}

	/** The file's text without the block `insert()` added (and the blank line after it), or null when it has none. */
	public static function remove( string $text ): ?string {
		$pattern = '/' . preg_quote( self::BEGIN, '/' ) . '.*?' . preg_quote( self::END, '/' ) . '(?:\r?\n){0,2}/s';
		$result  = preg_replace( $pattern, '', $text, 1, $count );
		return $count > 0 && is_string( $result ) ? $result : null;
	}

	/** Whether the file's text defines this constant itself (a commented-out define does not count). */
	public static function defines( string $text, string $name ): bool {
		return (bool) preg_match( '/^[^\S\r\n]*define\s*\(\s*[\'"]' . preg_quote( $name, '/' ) . '[\'"]/mi', $text );
	}

	/** Takes the block back out of wp-config.php (uninstall). Quiet: a file that cannot be written keeps it. */
	public static function remove_from_file(): bool {
		$file = self::locate();
		if ( null === $file || ! is_writable( $file ) ) {
			return false;
		}
		$text = (string) file_get_contents( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$new  = self::remove( $text );
		return null !== $new && false !== file_put_contents( $file, $new, LOCK_EX ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
	}
}

<?php
/**
 * Maps WP_Media_Cloud\Some_Class to inc/class-some-class.php (WordPress file naming).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = __NAMESPACE__ . '\\';
		if ( ! str_starts_with( $class_name, $prefix ) ) {
			return;
		}
		$relative = substr( $class_name, strlen( $prefix ) );
		$parts    = explode( '\\', strtolower( str_replace( '_', '-', $relative ) ) );
		$file     = array_pop( $parts );
		$path     = __DIR__ . '/' . ( $parts ? implode( '/', $parts ) . '/' : '' ) . 'class-' . $file . '.php';
		if ( is_readable( $path ) ) {
			require $path;
		}
	}
);

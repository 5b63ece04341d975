<?php
/**
 * The sidecar's private folder and files as `wp media-cloud sidecar setup` makes them: the data folder (mode 700)
 * and the environment file holding the secret (mode 600), owned by the user the sidecar runs as when root runs the
 * command, written only when their content changes, and never readable by others, not even for a moment.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Private_Files {

	/** The folder exists and is writable, or its nearest existing parent is. */
	public static function can_make( string $dir ): bool {
		for ( $at = $dir; ! file_exists( $at ); $at = dirname( $at ) ) {
			if ( dirname( $at ) === $at ) {
				return false;
			}
		}
		return is_dir( $at ) && is_writable( $at );
	}

	/**
	 * Makes the folder (mode 700), owned by the sidecar's user when root runs this.
	 *
	 * @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user.
	 */
	public static function make_dir( string $dir, ?array $owner ): void {
		if ( ! is_dir( $dir ) && ! mkdir( $dir, 0700, true ) && ! is_dir( $dir ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_mkdir
			/* translators: %s: folder path. */
			\WP_CLI::error( sprintf( __( 'The data folder %s could not be created.', 'wp-media-cloud' ), $dir ) );
		}
		chmod( $dir, 0700 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
		self::give_to( $dir, $owner );
		// What a sidecar run by another user left (its job database, log, pid), so the sidecar's user can write it.
		foreach ( (array) glob( $dir . '/*' ) as $file ) {
			if ( is_file( (string) $file ) && ! is_link( (string) $file ) ) {
				self::give_to( (string) $file, $owner );
			}
		}
	}

	/**
	 * Writes a file only when its content changes; returns whether it did. Mode 600 unless told; owner as above.
	 *
	 * @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user.
	 */
	public static function write( string $file, string $content, ?array $owner, int $mode = 0600 ): bool {
		if ( is_file( $file ) && (string) file_get_contents( $file ) === $content ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			chmod( $file, $mode ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
			self::give_to( $file, $owner );
			return false;
		}
		/* translators: 1: file path, 2: system user name. */
		$refused = sprintf( __( '%1$s could not be written by %2$s.', 'wp-media-cloud' ), $file, self::current_user() );
		// Given its mode before the content goes in: the secret is never readable by others, not even briefly.
		$temp   = $file . '.' . bin2hex( random_bytes( 4 ) ) . '.tmp';
		$handle = @fopen( $temp, 'x' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.file_system_operations_fopen
		if ( false === $handle ) {
			\WP_CLI::error( $refused );
		}
		chmod( $temp, $mode ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chmod
		fwrite( $handle, $content ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite
		fclose( $handle ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fclose
		self::give_to( $temp, $owner );
		if ( ! rename( $temp, $file ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.rename_rename
			@unlink( $temp ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged,WordPress.WP.AlternativeFunctions.unlink_unlink
			\WP_CLI::error( $refused );
		}
		return true;
	}

	/** The system user running this command, as people know it ("www-data"). */
	public static function current_user(): string {
		if ( function_exists( 'posix_geteuid' ) && function_exists( 'posix_getpwuid' ) ) {
			$user = posix_getpwuid( posix_geteuid() );
			if ( is_array( $user ) ) {
				return (string) $user['name'];
			}
		}
		return (string) get_current_user();
	}

	/** @param array{name: string, uid: int, gid: int}|null $owner The sidecar's user. */
	private static function give_to( string $path, ?array $owner ): void {
		if ( null !== $owner && Sidecar_Runtime::is_root() && 0 !== $owner['uid'] ) {
			chown( $path, $owner['uid'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chown
			chgrp( $path, $owner['gid'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_chgrp
		}
	}
}

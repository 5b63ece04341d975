<?php
/**
 * Local copies of offloaded files. With "Remove local files" on, WordPress still needs some files on disk now
 * and then: the image editor loads the full image, `wp media regenerate` reads the original, other plugins make
 * thumbnails from it. Those files are fetched back from the bucket the record names (POST /v1/restores) when
 * asked for, and removed again at the end of the request when the record still lists them.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Local_Files {

	/** @var array<string, true> Paths (relative to uploads) fetched back in this request. */
	private static array $restored = array();

	/**
	 * Fetches back the given files of an offloaded attachment that are not on disk.
	 *
	 * @param array<string, mixed> $record An offload record.
	 * @param array<int, string>   $paths  Paths relative to uploads.
	 * @return true|\WP_Error
	 */
	public static function restore( array $record, array $paths ) {
		$basedir = wp_get_upload_dir()['basedir'];
		$listed  = Offload_Record::files( $record );
		$wanted  = array();
		foreach ( $paths as $path ) {
			if ( isset( $listed[ $path ] ) && ! file_exists( $basedir . '/' . $path ) ) {
				$wanted[] = array(
					'path' => Upload_Paths::for_sidecar( $path ),
					'key'  => $listed[ $path ],
				);
			}
		}
		if ( ! $wanted ) {
			return true;
		}
		$answer = Sidecar_Client::request(
			'POST',
			'/v1/restores',
			array(
				'storage' => Storage_Location::storage_for( $record ),
				'files'   => $wanted,
			)
		);
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		foreach ( (array) ( $answer['files'] ?? array() ) as $file ) {
			if ( ! empty( $file['restored'] ) ) {
				self::remember( Upload_Paths::from_sidecar( (string) $file['path'] ) );
			}
		}
		return true;
	}

	/**
	 * Makes sure an attachment's file is on disk before WordPress reads it (filters that receive a path).
	 *
	 * @param string|false $file          Absolute path WordPress is about to read.
	 * @param int          $attachment_id Attachment ID.
	 * @return string|false The same path.
	 */
	public static function ensure( $file, int $attachment_id ) {
		if ( ! is_string( $file ) || '' === $file || file_exists( $file ) ) {
			return $file;
		}
		$record  = Offload_Record::get( $attachment_id );
		$basedir = wp_get_upload_dir()['basedir'];
		if ( null === $record || ! str_starts_with( $file, $basedir . '/' ) ) {
			return $file;
		}
		$restored = self::restore( $record, array( substr( $file, strlen( $basedir ) + 1 ) ) );
		if ( is_wp_error( $restored ) ) {
			error_log( sprintf( '[wp-media-cloud] fetching %s back from the bucket failed: %s', $file, $restored->get_error_message() ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions
		}
		return $file;
	}

	/** Deletes the local files whose object the sidecar confirmed (HEAD after upload, same size). */
	public static function remove_confirmed( array $objects ): void {
		$basedir = wp_get_upload_dir()['basedir'];
		foreach ( $objects as $object ) {
			if ( ! empty( $object['verified'] ) ) {
				wp_delete_file_from_directory( $basedir . '/' . $object['path'], $basedir );
				unset( self::$restored[ (string) $object['path'] ] );
			}
		}
	}

	/**
	 * At the end of the request: removes the files fetched back for WordPress when local copies are to be removed
	 * and some record still lists the file (it is in the bucket, where it came from).
	 */
	public static function remove_restored(): void {
		if ( ! self::$restored || ! Settings::get( 'remove_local' ) ) {
			return;
		}
		$basedir = wp_get_upload_dir()['basedir'];
		foreach ( array_keys( self::$restored ) as $path ) {
			if ( self::listed_anywhere( $path ) ) {
				wp_delete_file_from_directory( $basedir . '/' . $path, $basedir );
			}
		}
		self::$restored = array();
	}

	private static function remember( string $path ): void {
		if ( ! self::$restored ) {
			add_action( 'shutdown', array( self::class, 'remove_restored' ) );
		}
		self::$restored[ $path ] = true;
	}

	/** Whether some offload record with local copies removed lists the file. */
	private static function listed_anywhere( string $path ): bool {
		foreach ( Shared_Keys::records_naming_path( $path ) as $record ) {
			if ( ! empty( $record['local_removed'] ) ) {
				return true;
			}
		}
		return false;
	}
}

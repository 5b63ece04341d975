<?php
/**
 * The "missing files" audit: attachments with a file that is neither on disk nor in the bucket (see
 * images-not-loading Check 8). Local files are checked on disk; only the ones missing there are asked of the
 * bucket (HEAD through the sidecar, in batches).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Settings;

final class Audit {

	private const CHUNK = 500;

	/**
	 * @param callable|null $tick Called with the number of attachments checked so far (progress bars).
	 * @return array{checked: int, items: array<int, array{attachment_id: int, title: string, files: array<int, string>}>}|\WP_Error
	 */
	public static function run( ?callable $tick = null ) {
		global $wpdb;
		$basedir = wp_get_upload_dir()['basedir'];
		$prefix  = Settings::object_prefix();
		$checked = 0;
		$missing = array();
		$after   = 0;
		do {
			$ids = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = 'attachment' AND ID > %d ORDER BY ID LIMIT %d", $after, self::CHUNK ) ) );
			update_meta_cache( 'post', $ids );
			$not_local = array(); // key => [attachment id, path]
			foreach ( $ids as $id ) {
				$after  = $id;
				$record = Offload_Record::get( $id );
				foreach ( self::files( $id, $record, $prefix ) as $path => $key ) {
					if ( ! file_exists( $basedir . '/' . $path ) ) {
						$not_local[ $key ] = array( $id, $path );
					}
				}
			}
			if ( $not_local ) {
				$answer = Migration_Service::sidecar(
					'POST',
					'/v1/object-checks',
					array(
						'storage' => Settings::storage(),
						'keys'    => array_map( 'strval', array_keys( $not_local ) ),
					)
				);
				if ( is_wp_error( $answer ) ) {
					return $answer;
				}
				foreach ( (array) $answer['missing'] as $key ) {
					list( $id, $path ) = $not_local[ $key ];
					$missing[ $id ][] = $path;
				}
			}
			$checked += count( $ids );
			if ( $tick ) {
				$tick( $checked );
			}
		} while ( count( $ids ) === self::CHUNK );

		$items = array();
		foreach ( $missing as $id => $paths ) {
			$items[] = array(
				'attachment_id' => (int) $id,
				'title'         => get_the_title( $id ),
				'files'         => $paths,
			);
		}
		return array(
			'checked' => $checked,
			'items'   => $items,
		);
	}

	/**
	 * Each file of an attachment with its object key: the recorded keys when offloaded, else where it would go.
	 *
	 * @param array<string, mixed>|null $record The offload record.
	 * @return array<string, string> path => key
	 */
	private static function files( int $id, ?array $record, string $prefix ): array {
		$files = array();
		if ( $record ) {
			foreach ( $record['keys'] as $key ) {
				$files[ substr( (string) $key, strlen( $record['key_prefix'] ) ) ] = (string) $key;
			}
			return $files;
		}
		foreach ( Attachment_Files::of( $id ) as $file ) {
			$files[ $file['path'] ] = $prefix . $file['path'];
		}
		return $files;
	}
}

<?php
/**
 * What the Media Library's row and bulk actions do, one attachment at a time, through the services WP-CLI and the
 * REST API use: Offload now (Offloader::offload_on_request), Download back (the record's files fetched back with
 * POST /v1/restores, then recorded as local again, as the Tools page's download back does), and Verify (every file
 * WordPress serves is where its URL points: the bucket for an offloaded attachment, checked with
 * POST /v1/object-checks as the missing-files audit does; this server otherwise). Each gives a result a notice can
 * show, with what to do on failure.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Local_Files;
use WP_Media_Cloud\Migration\Migration_Service;
use WP_Media_Cloud\Migration\Unchecked_Storage;
use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Offloader;
use WP_Media_Cloud\Storage_Location;

final class Attachment_Actions {

	public const OFFLOAD  = 'offload';
	public const REUPLOAD = 'offload_again';
	public const DOWNLOAD = 'download';
	public const VERIFY   = 'verify';

	/**
	 * Seconds a bulk action may spend before it leaves the rest for another click: PHP's and the web server's own
	 * limits are often 30 s, and one offload of a large image with its sizes takes a few seconds.
	 */
	public const BUDGET_SECONDS = 20;

	/** @return array<int, string> */
	public static function names(): array {
		return array( self::OFFLOAD, self::REUPLOAD, self::DOWNLOAD, self::VERIFY );
	}

	/**
	 * Runs one action on each attachment until the time budget is spent.
	 *
	 * @param array<int, int> $ids Attachment ids.
	 * @return array{action: string, done: array<int, array{id: int, outcome: string, files?: array<string, string>}>, failed: array<int, array{id: int, message: string, remedy: string}>, not_tried: array<int, int>}
	 */
	public static function run( string $action, array $ids ): array {
		$started = microtime( true );
		$result  = array(
			'action'    => $action,
			'done'      => array(),
			'failed'    => array(),
			'not_tried' => array(),
		);
		foreach ( array_values( array_unique( array_map( 'intval', $ids ) ) ) as $index => $id ) {
			if ( $index > 0 && microtime( true ) - $started > self::BUDGET_SECONDS ) {
				$result['not_tried'][] = $id;
				continue;
			}
			$outcome = self::one( $action, $id );
			if ( is_wp_error( $outcome ) ) {
				$data               = (array) $outcome->get_error_data();
				$result['failed'][] = array(
					'id'      => $id,
					'message' => $outcome->get_error_message(),
					'remedy'  => (string) ( $data['remedy'] ?? '' ),
				);
			} else {
				$result['done'][] = array( 'id' => $id ) + $outcome;
			}
		}
		return $result;
	}

	/** @return array{outcome: string, files?: array<string, string>}|\WP_Error */
	private static function one( string $action, int $id ) {
		if ( 'attachment' !== get_post_type( $id ) ) {
			return new \WP_Error( 'rest_post_invalid_id', __( 'No attachment has this ID.', 'wp-media-cloud' ), array( 'remedy' => __( 'Reload the Media Library: the attachment may have been deleted.', 'wp-media-cloud' ) ) );
		}
		switch ( $action ) {
			case self::OFFLOAD:
			case self::REUPLOAD:
				return self::offload( $id, self::REUPLOAD === $action );
			case self::DOWNLOAD:
				return self::download_back( $id );
			default:
				return self::verify( $id );
		}
	}

	/** @return array{outcome: string}|\WP_Error */
	private static function offload( int $id, bool $force ) {
		$outcome = Offloader::offload_on_request( $id, $force );
		if ( is_wp_error( $outcome ) ) {
			return $outcome;
		}
		Storage_Status::save_missing( array( $id => array() ) ); // Every file went up from this server or was there already.
		return array( 'outcome' => $outcome );
	}

	/** @return array{outcome: string}|\WP_Error */
	private static function download_back( int $id ) {
		$record = Offload_Record::get( $id );
		if ( null === $record ) {
			return array( 'outcome' => 'not_offloaded' );
		}
		$restored = Local_Files::restore( $record, Attachment_Files::paths( $id ) );
		if ( is_wp_error( $restored ) ) {
			return $restored;
		}
		$still_missing = self::not_on_disk( $id );
		if ( $still_missing ) {
			return new \WP_Error(
				'wp_media_cloud_not_downloaded',
				/* translators: %s: file names. */
				sprintf( __( 'These files are neither on this server nor in the bucket: %s.', 'wp-media-cloud' ), implode( ', ', $still_missing ) ),
				array( 'remedy' => __( 'Restore them from a backup into wp-content/uploads, then choose Offload again.', 'wp-media-cloud' ) )
			);
		}
		// As the Tools page's download back records it: the local copies are kept from now on (they are also
		// not removed again at the end of this request, which only removes files a record lists as removed).
		$record['local_removed'] = false;
		update_post_meta( $id, Offload_Record::META_KEY, $record );
		return array( 'outcome' => 'downloaded' );
	}

	/** @return array{outcome: string, files: array<string, string>}|\WP_Error */
	private static function verify( int $id ) {
		$record  = Offload_Record::get( $id );
		$missing = array();
		if ( null === $record ) {
			foreach ( self::not_on_disk( $id ) as $path ) {
				$missing[ $path ] = 'everywhere';
			}
		} else {
			$listed = Offload_Record::files( $record );
			$answer = $listed ? Migration_Service::sidecar(
				'POST',
				'/v1/object-checks',
				array(
					'storage' => Storage_Location::storage_for( $record ),
					'keys'    => array_values( $listed ),
				)
			) : array( 'missing' => array() );
			if ( is_wp_error( $answer ) ) {
				return self::older_storage_failure( $record, $answer );
			}
			$absent  = array_flip( array_map( 'strval', (array) ( $answer['missing'] ?? array() ) ) );
			$basedir = wp_get_upload_dir()['basedir'];
			foreach ( Attachment_Files::paths( $id ) as $path ) {
				if ( isset( $listed[ $path ] ) && ! isset( $absent[ $listed[ $path ] ] ) ) {
					continue; // In the bucket, where its URL points.
				}
				$missing[ $path ] = file_exists( $basedir . '/' . $path ) ? 'bucket' : 'everywhere';
			}
		}
		Storage_Status::save_missing( array( $id => $missing ) );
		return array(
			'outcome' => $missing ? 'missing' : 'complete',
			'files'   => $missing,
		);
	}

	/**
	 * A failure of the older storage an attachment's record names (a bucket deleted since, keys that no longer
	 * reach it): the sidecar's fix speaks of the bucket in the settings, which is not where this attachment is, so
	 * the fix the audit gives for that case replaces it. Any other error stays as it is.
	 *
	 * @param array<string, mixed> $record The attachment's offload record.
	 */
	private static function older_storage_failure( array $record, \WP_Error $error ): \WP_Error {
		if ( Storage_Location::is_current( $record ) || ! Unchecked_Storage::is_storage_failure( $error ) ) {
			return $error;
		}
		$data = (array) $error->get_error_data();
		return new \WP_Error( $error->get_error_code(), $error->get_error_message(), array( 'remedy' => Unchecked_Storage::fix() ) + $data );
	}

	/** @return array<int, string> The attachment's files (relative to uploads) that are not on this server. */
	private static function not_on_disk( int $id ): array {
		$basedir = wp_get_upload_dir()['basedir'];
		return array_values( array_filter( Attachment_Files::paths( $id ), static fn ( string $path ) => ! file_exists( $basedir . '/' . $path ) ) );
	}
}

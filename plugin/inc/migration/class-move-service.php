<?php
/**
 * "Move to the current storage": attachments whose record names another bucket, endpoint or provider keep
 * working where they are (Storage_Location) until this run copies them to the storage the settings point at.
 * It runs on the migration's job engine (progress, pause/resume, crash safety); each item carries where its
 * objects are now, so files whose local copy was removed are fetched from there first. The old objects stay
 * where they are: the old bucket may still serve cached pages, and deleting a whole bucket's worth of objects
 * is a decision for its owner.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Attachment_Lock;
use WP_Media_Cloud\Object_Keys;
use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Storage_Location;
use WP_Media_Cloud\Upload_Paths;

final class Move_Service {

	private const CHUNK = 1000;

	/** How long a move holds an attachment it handed to the sidecar (as the migration does). */
	private const ITEM_LOCK_SECONDS = 900;

	/**
	 * @param array<int, int>|null $only Move only these attachments (null: every attachment stored elsewhere).
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function start( bool $dry_run = false, ?int $concurrency = null, ?array $only = null ) {
		$total = self::count( $only );
		if ( $dry_run ) {
			return array( 'attachments' => $total );
		}
		$body = array(
			'total' => $total,
			'ids'   => null === $only ? null : array_values( array_map( 'intval', $only ) ),
			'site'  => Run_Site::identity(),
		);
		if ( null !== $concurrency ) {
			$body['concurrency'] = $concurrency;
		}
		return Migration_Service::run_call( 'POST', '/v1/moves', $body );
	}

	/** @return array<string, mixed>|\WP_Error */
	public static function progress() {
		return Migration_Service::run_call( 'GET', Run_Site::path( '/v1/moves/current' ) );
	}

	/** @return array<string, mixed>|\WP_Error */
	public static function change_state( string $state ) {
		$answer = Migration_Service::run_call( 'PATCH', Run_Site::path( '/v1/moves/current' ), array( 'state' => $state ) );
		if ( 'cancelled' === $state && ! is_wp_error( $answer ) ) {
			Attachment_Lock::release_migration_locks();
		}
		return $answer;
	}

	/**
	 * One page of the move for the sidecar: the records after the cursor, of which those stored elsewhere.
	 *
	 * @param array<int, int>|null $only The run's selection.
	 * @return array{items: array<int, array<string, mixed>>, next_after: int, done: bool}
	 */
	public static function page( int $after, int $limit, ?array $only = null ): array {
		list( $records, $next_after, $done ) = self::records_after( $after, $limit, $only );
		$items = array();
		foreach ( $records as $id => $record ) {
			if ( ! Storage_Location::is_current( $record ) ) {
				$items[] = self::item( $id, $record );
			}
		}
		return array(
			'items'      => $items,
			'next_after' => $next_after,
			'done'       => $done,
		);
	}

	/**
	 * Attachments stored somewhere else than the current storage (one pass over the records, in chunks).
	 *
	 * @param array<int, int>|null $only Count only among these.
	 */
	public static function count( ?array $only = null ): int {
		$count = 0;
		$after = 0;
		do {
			list( $records, $after, $done ) = self::records_after( $after, self::CHUNK, $only );
			$count += count( array_filter( $records, static fn ( array $record ) => ! Storage_Location::is_current( $record ) ) );
		} while ( ! $done );
		return $count;
	}

	/**
	 * @param array<string, mixed> $record The attachment's record.
	 * @return array<string, mixed>
	 */
	private static function item( int $id, array $record ): array {
		$files = Attachment_Files::of( $id );
		if ( ! $files ) {
			return array(
				'attachment_id' => $id,
				'skip'          => __( 'The attachment has no file inside the uploads folder.', 'wp-media-cloud' ),
			);
		}
		if ( ! Attachment_Lock::acquire( $id, self::ITEM_LOCK_SECONDS, Attachment_Lock::MIGRATION ) ) {
			return array(
				'attachment_id' => $id,
				'skip'          => __( 'Being offloaded by another process (upload, WP-CLI or a pending retry).', 'wp-media-cloud' ),
			);
		}
		$basedir = wp_get_upload_dir()['basedir'];
		$source  = array();
		foreach ( Offload_Record::files( $record ) as $path => $key ) {
			if ( ! file_exists( $basedir . '/' . $path ) ) {
				$source[] = array(
					'path' => Upload_Paths::for_sidecar( $path ),
					'key'  => $key,
				);
			}
		}
		$key_prefix = Object_Keys::prefix( $id, $record );
		return array(
			'attachment_id' => $id,
			'key_prefix'    => $key_prefix,
			'files'         => Upload_Paths::files_for_sidecar( $files, $key_prefix ),
			'source'        => array(
				'storage' => Storage_Location::storage_for( $record ),
				'files'   => $source,
			),
		);
	}

	/**
	 * Records after the cursor, by attachment id (chunks keep memory flat on any library).
	 *
	 * @param array<int, int>|null $only Only these attachments.
	 * @return array{0: array<int, array<string, mixed>>, 1: int, 2: bool} Records by id, the next cursor, done.
	 */
	private static function records_after( int $after, int $limit, ?array $only = null ): array {
		global $wpdb;
		$filter = null === $only ? '' : ' AND post_id IN (' . implode( ',', array_map( 'intval', $only ? $only : array( 0 ) ) ) . ')';
		// phpcs:ignore WordPress.DB -- one indexed query per page; $filter holds only intval'd ids.
		$rows    = $wpdb->get_results( $wpdb->prepare( "SELECT post_id, meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s AND post_id > %d{$filter} ORDER BY post_id LIMIT %d", Offload_Record::META_KEY, $after, $limit ) );
		$records = array();
		foreach ( $rows as $row ) {
			$after  = (int) $row->post_id;
			$record = maybe_unserialize( $row->meta_value );
			if ( is_array( $record ) && isset( $record['bucket'], $record['key_prefix'], $record['keys'] ) ) {
				$records[ $after ] = $record;
			}
		}
		return array( $records, $after, count( $rows ) < $limit );
	}
}

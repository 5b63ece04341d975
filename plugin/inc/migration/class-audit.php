<?php
/**
 * The "missing files" audit: attachments with a file that is neither on disk nor in the bucket (see
 * images-not-loading Check 8). Local files are checked on disk; only the ones missing there are asked of the
 * bucket (HEAD through the sidecar, in batches). What each page finds is recorded for the Media Library's Storage
 * column (Storage_Status::save_missing), as its Verify action records it: missing there, or whole again.
 * Attachments in an older storage that cannot be asked (bucket deleted, keys revoked, endpoint gone) are listed
 * apart as not checked, and the walk goes on (Unchecked_Storage).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Media_Library\Storage_Status;
use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Post_Cache;
use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Storage_Location;

final class Audit {

	/** Attachments per page: with local copies removed, each file of a page is one HEAD through the sidecar. */
	public const PAGE = 200;

	/** @var array<string, \WP_Error> Storages other than the current one that failed during this walk, by Storage_Location::id(). */
	private static array $unreachable = array();

	/**
	 * The whole library, page by page (WP-CLI, the health check).
	 *
	 * @param callable|null $tick Called with the number of attachments checked so far (progress bars).
	 * @param float|null    $budget_seconds Stop after the page that passes this time; `complete` then says false.
	 * @param int|null      $max_attachments Stop after this many attachments; `complete` then says false.
	 * @param int           $after Start after this attachment id (newest_cursor() for the newest ones only); `complete`
	 *                             then says false when older attachments were left out.
	 * @return array{checked: int, total: int, complete: bool, items: array<int, array{attachment_id: int, title: string, files: array<int, string>}>, unchecked: array<int, array<string, mixed>>}|\WP_Error
	 */
	public static function run( ?callable $tick = null, ?float $budget_seconds = null, ?int $max_attachments = null, int $after = 0 ) {
		self::$unreachable = array();
		$from_start        = 0 === $after;
		$started           = microtime( true );
		$checked           = 0;
		$items             = array();
		$unchecked         = array();
		$total             = self::total();
		do {
			$page = self::page( $after, self::PAGE, $total );
			if ( is_wp_error( $page ) ) {
				return $page;
			}
			$checked  += $page['checked'];
			$items     = array_merge( $items, $page['items'] );
			$unchecked = array_merge( $unchecked, $page['unchecked'] );
			$after     = $page['next_after'];
			if ( $tick ) {
				$tick( $checked );
			}
			$out_of_time = ( null !== $budget_seconds && microtime( true ) - $started > $budget_seconds ) || ( null !== $max_attachments && $checked >= $max_attachments );
		} while ( ! $page['done'] && ! $out_of_time );
		return array(
			'checked'   => $checked,
			'total'     => $page['total'],
			'complete'  => $page['done'] && $from_start,
			'items'     => $items,
			'unchecked' => $unchecked,
		);
	}

	/**
	 * One page of attachments after the id cursor: the admin walks the library a request at a time, so a large
	 * library never hits the PHP time limit and the page can show progress.
	 *
	 * `unchecked` lists the attachments whose files are in a storage other than the current one that could not be
	 * asked (Unchecked_Storage::item()); they are not called missing. The current storage or the sidecar failing is
	 * the page's error: then nothing could be checked.
	 *
	 * @return array{checked: int, total: int, next_after: int, done: bool, items: array<int, array{attachment_id: int, title: string, files: array<int, string>}>, unchecked: array<int, array<string, mixed>>}|\WP_Error
	 */
	public static function page( int $after, int $limit = self::PAGE, ?int $total = null ) {
		global $wpdb;
		// Within one process (WP-CLI, a health run) every page's posts and metadata would stay in WordPress's
		// object cache: 445 MB at 100,000 attachments. Only this process's memory is dropped, never a shared cache.
		self::forget_cached_posts();
		$basedir = wp_get_upload_dir()['basedir'];
		$prefix  = Settings::object_prefix();
		$ids     = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = 'attachment' AND ID > %d ORDER BY ID LIMIT %d", $after, $limit ) ) );
		// A few queries for the page's posts (titles) and metadata (files, records) instead of some per attachment.
		Post_Cache::prime( $ids, true );
		$not_local = array(); // storage id => [storage, location, current, keys => [key => [attachment id, path, earlier finding]]]
		$missing   = array();
		$findings  = array_fill_keys( $ids, array() ); // What the Media Library's Storage column shows: id => [path => where].
		foreach ( $ids as $id ) {
			$record   = Offload_Record::get( $id );
			$location = $record ?? Storage_Location::current();
			$group    = Storage_Location::id( $location );
			$earlier  = null === $record ? array() : Storage_Status::missing_files( $id, $record );
			foreach ( self::files( $id, $record, $prefix ) as $path => $key ) {
				$local = file_exists( $basedir . '/' . $path );
				if ( null === $key ) {
					$missing[ $id ][]          = $path; // Shown from the bucket (the record), but never offloaded: an edit left local.
					$findings[ $id ][ $path ] = $local ? 'bucket' : 'everywhere';
				} elseif ( ! $local ) {
					$not_local[ $group ]              ??= array(
						'storage'  => Storage_Location::storage_for( $location ),
						'location' => $location,
						'current'  => null === $record || Storage_Location::is_current( $record ),
					);
					$not_local[ $group ]['keys'][ $key ] = array( $id, $path, (string) ( $earlier[ $path ] ?? '' ) );
				} elseif ( 'bucket' === ( $earlier[ $path ] ?? '' ) ) {
					// Verify found it gone from the bucket; the audit asks the bucket only about files not on disk,
					// so it has not looked again: the finding stands until Verify or an offload says otherwise.
					$findings[ $id ][ $path ] = 'bucket';
				}
			}
		}
		$unchecked = array(); // id => item: files in a storage other than the current one that could not be asked.
		foreach ( $not_local as $group_id => $group ) {
			// One request per storage: after a bucket change, older attachments are checked where they are.
			$answer = self::$unreachable[ $group_id ] ?? Migration_Service::sidecar(
				'POST',
				'/v1/object-checks',
				array(
					'storage' => $group['storage'],
					'keys'    => array_map( 'strval', array_keys( $group['keys'] ) ),
				)
			);
			if ( is_wp_error( $answer ) ) {
				if ( $group['current'] || ! Unchecked_Storage::is_storage_failure( $answer ) ) {
					return $answer; // The storage the settings name, or the sidecar itself: nothing can be checked.
				}
				// Asked once per walk (WP-CLI, health): a storage that failed would fail every page again.
				self::$unreachable[ $group_id ] = $answer;
				$paths = array(); // An attachment's files are all in the one storage its record names.
				foreach ( $group['keys'] as list( $id, $path, $earlier ) ) {
					$paths[ $id ][] = $path;
					if ( '' !== $earlier ) {
						$findings[ $id ][ $path ] = $earlier; // Unknown now: an earlier finding stands.
					}
				}
				foreach ( $paths as $id => $files ) {
					$unchecked[ $id ] = Unchecked_Storage::item( $id, $files, $group['location'], $answer );
				}
				continue;
			}
			foreach ( (array) $answer['missing'] as $key ) {
				list( $id, $path )        = $group['keys'][ $key ];
				$missing[ $id ][]         = $path;
				$findings[ $id ][ $path ] = 'everywhere';
			}
		}
		foreach ( array_keys( $unchecked ) as $id ) {
			if ( empty( $findings[ $id ] ) ) {
				unset( $findings[ $id ] ); // Not known to be whole: a Missing mark from an earlier check stays.
			}
		}
		Storage_Status::save_missing( $findings );
		$items = array();
		foreach ( $missing as $id => $paths ) {
			$items[] = array(
				'attachment_id' => (int) $id,
				'title'         => get_the_title( $id ),
				'files'         => $paths,
			);
		}
		return array(
			'checked'    => count( $ids ),
			'total'      => $total ?? self::total(),
			'next_after' => $ids ? end( $ids ) : $after,
			'done'       => count( $ids ) < $limit,
			'items'      => $items,
			'unchecked'  => array_values( $unchecked ),
		);
	}

	/**
	 * The id cursor after which the newest $count attachments are (0 when there are no more than that): a bounded
	 * check looks at the uploads most likely to be on today's pages, and at one that was just made.
	 */
	public static function newest_cursor( int $count ): int {
		global $wpdb;
		$oldest_of_newest = $wpdb->get_var( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = 'attachment' ORDER BY ID DESC LIMIT 1 OFFSET %d", max( 0, $count - 1 ) ) );
		return null === $oldest_of_newest ? 0 : (int) $oldest_of_newest - 1;
	}

	public static function total(): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" );
	}

	private static function forget_cached_posts(): void {
		static $pages = 0;
		if ( 0 === $pages++ ) {
			return; // The first page of a request has nothing of ours cached yet.
		}
		if ( function_exists( 'wp_cache_supports' ) && wp_cache_supports( 'flush_runtime' ) ) {
			wp_cache_flush_runtime();
		} elseif ( ! wp_using_ext_object_cache() ) {
			wp_cache_flush(); // The default cache lives in this process only.
		}
	}

	/**
	 * Each file WordPress lists for the attachment with its object key: the record's key when offloaded (null for
	 * a file the record does not list, whose URL points at the bucket all the same), else where it would go.
	 *
	 * @param array<string, mixed>|null $record The offload record.
	 * @return array<string, string|null> path => key
	 */
	private static function files( int $id, ?array $record, string $prefix ): array {
		$listed = null === $record ? null : Offload_Record::files( $record );
		$files  = array();
		foreach ( Attachment_Files::paths( $id ) as $path ) {
			$files[ $path ] = null === $listed ? $prefix . $path : ( $listed[ $path ] ?? null );
		}
		return $files;
	}
}

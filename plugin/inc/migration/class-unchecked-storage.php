<?php
/**
 * Attachments the missing-files audit could not check because the storage their record names, one other than the
 * current one, did not answer (a bucket deleted after a move to another provider, keys that no longer reach it, an
 * endpoint gone). They are unknown, not missing: the audit lists them apart, with that storage, why and what to do,
 * and goes on with the rest of the library. The current storage failing, or the sidecar itself, still ends the
 * audit with its error (Audit::page()).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Contract;
use WP_Media_Cloud\Media_Library\Storage_Status;

final class Unchecked_Storage {

	/**
	 * The sidecar's codes for a storage that failed (sidecar/src/storage/classify-error.ts); any other error (the
	 * sidecar down or not configured, a refused signature, a bad request) is not the storage's, and ends the audit.
	 */
	private const STORAGE_CODES = array( 'E_AUTH', 'E_ACCESS_DENIED', 'E_BUCKET_NOT_FOUND', 'E_WRONG_REGION', 'E_NETWORK', 'E_TIMEOUT', 'E_TLS', 'E_STORAGE' );

	public static function is_storage_failure( \WP_Error $error ): bool {
		return in_array( $error->get_error_code(), array_map( array( Contract::class, 'error_code' ), self::STORAGE_CODES ), true );
	}

	/**
	 * One attachment that could not be checked, as the REST answer, WP-CLI and the health check give it.
	 *
	 * @param array<int, string>   $files    Its files not on this server (the ones the audit asked that storage about).
	 * @param array<string, mixed> $location The record's storage (provider, bucket).
	 * @param \WP_Error            $error    The sidecar's answer, worded in the site's language by Sidecar_Client.
	 * @return array{attachment_id: int, title: string, files: array<int, string>, provider: string, bucket: string, code: string, reason: string, fix: string}
	 */
	public static function item( int $id, array $files, array $location, \WP_Error $error ): array {
		return array(
			'attachment_id' => $id,
			'title'         => get_the_title( $id ),
			'files'         => $files,
			'provider'      => Storage_Status::provider_label( (string) ( $location['provider'] ?? '' ) ),
			'bucket'        => (string) ( $location['bucket'] ?? '' ),
			'code'          => (string) $error->get_error_code(),
			'reason'        => $error->get_error_message(),
			'fix'           => self::fix(),
		);
	}

	/**
	 * What to do, true for this product: an older storage is read with the keys in the settings now
	 * (Storage_Location::storage_for), and files restored on disk are neither asked of the bucket by the audit nor
	 * fetched from it by a move, which then copies them to the current storage.
	 */
	public static function fix(): string {
		return __( 'Media Cloud reads that bucket with the access keys in the settings now: give them access to it, then run the audit again. If the bucket is gone for good, restore these files from a backup into wp-content/uploads, then move the attachments to the current storage (Media Cloud › Tools › Move to the current storage, or wp media-cloud move).', 'wp-media-cloud' );
	}

	/**
	 * The unchecked attachments grouped by storage, each group once with its reason and fix and how many
	 * attachments it holds (the summaries of WP-CLI and the health check).
	 *
	 * @param array<int, array<string, mixed>> $items Items from item().
	 * @return array<int, array{provider: string, bucket: string, reason: string, fix: string, count: int}>
	 */
	public static function by_storage( array $items ): array {
		$groups = array();
		foreach ( $items as $item ) {
			$key              = $item['provider'] . "\n" . $item['bucket'];
			$groups[ $key ] ??= array(
				'provider' => $item['provider'],
				'bucket'   => $item['bucket'],
				'reason'   => $item['reason'],
				'fix'      => $item['fix'],
				'count'    => 0,
			);
			++$groups[ $key ]['count'];
		}
		return array_values( $groups );
	}

	/**
	 * One sentence per storage: how many attachments, where, why (WP-CLI's warning, the health check's description).
	 *
	 * @param array{provider: string, bucket: string, reason: string, count: int} $group    From by_storage().
	 * @param bool                                                                $one_form English in one form for every
	 *                                                                                      count, as WP-CLI's messages
	 *                                                                                      keep it (scripts read them).
	 */
	public static function sentence( array $group, bool $one_form = false ): string {
		return sprintf(
			$one_form
				/* translators: 1: number of attachments, 2: bucket name, 3: storage provider name, 4: why (a sentence from the storage). */
				? _n( '%1$d attachments stored in the bucket "%2$s" (%3$s) could not be checked: %4$s', '%1$d attachments stored in the bucket "%2$s" (%3$s) could not be checked: %4$s', $group['count'], 'wp-media-cloud' )
				/* translators: 1: number of attachments, 2: bucket name, 3: storage provider name, 4: why (a sentence from the storage). */
				: _n( '%1$d attachment stored in the bucket "%2$s" (%3$s) could not be checked: %4$s', '%1$d attachments stored in the bucket "%2$s" (%3$s) could not be checked: %4$s', $group['count'], 'wp-media-cloud' ),
			$group['count'],
			$group['bucket'],
			$group['provider'],
			$group['reason']
		);
	}
}

<?php
/**
 * "Files missing both locally and in the bucket": the audit checks local files on disk and asks the bucket only
 * about those missing there. Such files can only come back from a backup. Attachments in an older storage that
 * cannot be asked are named apart, with that storage and its fix, never as missing.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Migration\Audit;
use WP_Media_Cloud\Migration\Unchecked_Storage;

final class Missing_Files_Check {

	/**
	 * Attachments a health run checks: a bounded number, so the check costs the same at 1,000,000 attachments as at
	 * 2,000 (a 10 s time budget made POST /health take 12.9 s and 132 MB at 100,000). The newest ones: the oldest
	 * 2,000 of a large library were checked again and again while a file lost today was never reached. Tools ›
	 * Audit missing files and `wp media-cloud verify` check them all.
	 */
	private const MAX_ATTACHMENTS = 2000;

	/** @return array<string, mixed> */
	public static function run(): array {
		$label = __( 'Missing files', 'wp-media-cloud' );
		$audit = Audit::run( null, null, self::MAX_ATTACHMENTS, Audit::newest_cursor( self::MAX_ATTACHMENTS ) );
		if ( is_wp_error( $audit ) ) {
			$data = (array) $audit->get_error_data();
			return Result::problem( 'missing_files', $label, 'not_tested', __( 'Could not check the bucket for missing files: ', 'wp-media-cloud' ) . $audit->get_error_message(), (string) ( $data['remedy'] ?? '' ), 'recommended' );
		}
		if ( $audit['unchecked'] ) {
			return self::with_unchecked( $label, $audit );
		}
		if ( ! $audit['items'] && ! $audit['complete'] ) {
			return Result::good(
				'missing_files',
				$label,
				/* translators: 1: attachments checked, 2: all attachments. */
				sprintf( __( 'Every file of the newest %1$d of %2$d attachments is on this server or in the bucket. Media Cloud › Tools › Audit missing files checks them all.', 'wp-media-cloud' ), $audit['checked'], $audit['total'] ),
				array( 'checked' => $audit['checked'], 'total' => $audit['total'] )
			);
		}
		if ( ! $audit['items'] ) {
			/* translators: %d: number of attachments. */
			return Result::good( 'missing_files', $label, sprintf( __( 'Every file of the %d attachments is on this server or in the bucket.', 'wp-media-cloud' ), $audit['checked'] ), array( 'checked' => $audit['checked'] ) );
		}
		$count = count( $audit['items'] );
		return Result::problem( 'missing_files', $label, 'missing_files', self::missing_sentence( $count ), self::restore_fix(), 'critical', array( 'attachments' => self::newest_first( $audit['items'] ), 'count' => $count ) );
	}

	/**
	 * Some attachments are in an older storage that could not be asked: not called missing, but not known to be
	 * there either. Critical when files are missing as well, else a recommendation with that storage's fix.
	 *
	 * @param array<string, mixed> $audit Audit::run()'s result.
	 * @return array<string, mixed>
	 */
	private static function with_unchecked( string $label, array $audit ): array {
		$sentences = array_map( array( Unchecked_Storage::class, 'sentence' ), Unchecked_Storage::by_storage( $audit['unchecked'] ) );
		$details   = array(
			'unchecked'       => self::newest_first( $audit['unchecked'] ),
			'unchecked_count' => count( $audit['unchecked'] ),
		);
		if ( ! $audit['items'] ) {
			return Result::problem( 'missing_files', $label, 'storage_unchecked', implode( ' ', $sentences ), Unchecked_Storage::fix(), 'recommended', array( 'count' => 0 ) + $details );
		}
		$count = count( $audit['items'] );
		return Result::problem(
			'missing_files',
			$label,
			'missing_files',
			self::missing_sentence( $count ) . ' ' . implode( ' ', $sentences ),
			self::restore_fix() . ' ' . Unchecked_Storage::fix(),
			'critical',
			array(
				'attachments' => self::newest_first( $audit['items'] ),
				'count'       => $count,
			) + $details
		);
	}

	/**
	 * The 50 newest of a list in id order, newest first: what the details show of a long list.
	 *
	 * @param array<int, array<string, mixed>> $items Audit items, by attachment id ascending.
	 * @return array<int, array<string, mixed>>
	 */
	private static function newest_first( array $items ): array {
		return array_reverse( array_slice( $items, -50 ) );
	}

	private static function missing_sentence( int $count ): string {
		/* translators: %d: number of attachments. */
		return sprintf( _n( '%d attachment has files that are neither on this server nor in the bucket.', '%d attachments have files that are neither on this server nor in the bucket.', $count, 'wp-media-cloud' ), $count );
	}

	private static function restore_fix(): string {
		return __( 'Restore these files from a backup into wp-content/uploads, then offload them again (Media Cloud › Dashboard › Start Migration).', 'wp-media-cloud' );
	}
}

<?php
/**
 * What `wp media-cloud verify` prints once the audit has walked the library: the attachments with files missing
 * both on disk and in the bucket, and apart from them the ones whose older storage could not be asked (they are
 * not called missing). With a machine format stdout holds one list, each row with its `status` (`missing` or
 * `unchecked`); people get one table for each and the warnings, with what to do, on stderr. Exit 2 when either
 * list has a row (docs/wp-cli.md).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Migration\Unchecked_Storage;

final class Verify_Report {

	/** The columns of a machine format: the same for both kinds of row, so csv has one header. */
	private const FIELDS = array( 'attachment_id', 'title', 'files', 'status', 'provider', 'bucket', 'code', 'reason', 'fix' );

	/**
	 * @param array<string, mixed> $result     Audit::run()'s result.
	 * @param array<string, mixed> $assoc_args The command's options.
	 */
	public static function print( array $result, array $assoc_args ): void {
		$missing   = array_map( array( self::class, 'missing_row' ), $result['items'] );
		$unchecked = array_map( array( self::class, 'unchecked_row' ), $result['unchecked'] );
		if ( Output::for_machines( $assoc_args ) ) {
			\WP_CLI\Utils\format_items( $assoc_args['format'], array_merge( $missing, $unchecked ), self::FIELDS );
		} else {
			self::tables( $missing, $unchecked );
		}
		if ( ! $missing && ! $unchecked ) {
			// English keeps one form for every count (scripts read "of 1 attachments"); other languages get theirs.
			/* translators: %d: number of attachments. */
			Output::success( sprintf( _n( 'All files of %d attachments are on disk or in the bucket.', 'All files of %d attachments are on disk or in the bucket.', $result['checked'], 'wp-media-cloud' ), $result['checked'] ), $assoc_args );
			return;
		}
		if ( $missing ) {
			// English keeps one form for every count (scripts read "1 attachments have"); other languages get theirs.
			/* translators: %d: number of attachments. */
			\WP_CLI::warning( sprintf( _n( '%d attachments have files missing both on disk and in the bucket. Restore them from a backup, then run: wp media-cloud offload <id>', '%d attachments have files missing both on disk and in the bucket. Restore them from a backup, then run: wp media-cloud offload <id>', count( $missing ), 'wp-media-cloud' ), count( $missing ) ) );
		}
		foreach ( Unchecked_Storage::by_storage( $result['unchecked'] ) as $group ) {
			/* translators: 1: why attachments could not be checked (a sentence), 2: what to do about it. */
			\WP_CLI::warning( sprintf( __( '%1$s What to do: %2$s', 'wp-media-cloud' ), Unchecked_Storage::sentence( $group, true ), $group['fix'] ) );
		}
		\WP_CLI::halt( Migration_Command::EXIT_ITEMS_FAILED );
	}

	/**
	 * @param array<int, array<string, mixed>> $missing   Rows of missing files.
	 * @param array<int, array<string, mixed>> $unchecked Rows that could not be checked.
	 */
	private static function tables( array $missing, array $unchecked ): void {
		if ( $missing ) {
			\WP_CLI\Utils\format_items( 'table', $missing, array( 'attachment_id', 'title', 'files' ) );
		}
		if ( $unchecked ) {
			\WP_CLI::line( __( 'Could not be checked (their storage did not answer):', 'wp-media-cloud' ) );
			\WP_CLI\Utils\format_items( 'table', $unchecked, array( 'attachment_id', 'title', 'files', 'provider', 'bucket' ) );
		}
	}

	/**
	 * @param array<string, mixed> $item An item of the audit.
	 * @return array<string, mixed>
	 */
	private static function missing_row( array $item ): array {
		return array(
			'attachment_id' => $item['attachment_id'],
			'title'         => $item['title'],
			'files'         => implode( ', ', $item['files'] ),
			'status'        => 'missing',
			'provider'      => '',
			'bucket'        => '',
			'code'          => '',
			'reason'        => '',
			'fix'           => '',
		);
	}

	/**
	 * @param array<string, mixed> $item An unchecked item of the audit (Unchecked_Storage::item()).
	 * @return array<string, mixed>
	 */
	private static function unchecked_row( array $item ): array {
		return array(
			'files'  => implode( ', ', $item['files'] ),
			'status' => 'unchecked',
		) + $item;
	}
}

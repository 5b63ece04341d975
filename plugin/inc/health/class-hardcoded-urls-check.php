<?php
/**
 * "Are image URLs hard-coded in post content or page builder data?": local upload URLs of offloaded attachments
 * saved as text are not rewritten at output. Counted with the URL Replace scan, which knows exactly which of them
 * would change.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Url_Replace\Replacer;

final class Hardcoded_Urls_Check {

	/**
	 * Rows of posts and of postmeta holding an upload URL that a health run reads: together one batch of URL
	 * Replace's attachment lookup (500 rows), so the check costs about the same at any library size (the whole scan made POST /health take 13 s at
	 * 100,000 attachments). URL Replace's scan counts them all.
	 */
	private const ROWS_PER_PHASE = 250;

	/** @return array{total: int, posts: int, postmeta: int, complete: bool} */
	public static function count(): array {
		$scan   = Replacer::scan( array( 'direction' => 'to-cloud', 'limit' => 10000, 'rows_per_phase' => self::ROWS_PER_PHASE ) );
		$counts = array( 'total' => (int) $scan['total'], 'posts' => 0, 'postmeta' => 0, 'complete' => (bool) $scan['complete'] );
		foreach ( $scan['items'] as $item ) {
			++$counts[ str_starts_with( (string) ( $item['field'] ?? '' ), 'meta' ) ? 'postmeta' : 'posts' ];
		}
		return $counts;
	}

	/** @return array<string, mixed> */
	public static function run(): array {
		$label = __( 'Hard-coded local URLs', 'wp-media-cloud' );
		if ( ! class_exists( Replacer::class ) ) {
			return Result::good( 'hardcoded_urls', $label, __( 'The URL scan is not available in this version.', 'wp-media-cloud' ) );
		}
		$counts = self::count();
		if ( 0 === $counts['total'] ) {
			$message = $counts['complete']
				? __( 'No local upload URLs of offloaded files are stored in post content or postmeta.', 'wp-media-cloud' )
				/* translators: 1: number of posts, 2: number of postmeta values. */
				: sprintf( __( 'No local upload URLs of offloaded files in the first %1$d posts and %2$d postmeta values that hold an upload URL; Media Cloud › Tools › URL Replace scans them all.', 'wp-media-cloud' ), self::ROWS_PER_PHASE, self::ROWS_PER_PHASE );
			return Result::good( 'hardcoded_urls', $label, $message, $counts );
		}
		return Result::problem(
			'hardcoded_urls',
			$label,
			'hardcoded_urls',
			( $counts['complete'] ? '' : __( 'At least:', 'wp-media-cloud' ) . ' ' ) .
			/* translators: %d: number of URLs. */
			sprintf( _n( '%d local upload URL of an offloaded file is stored in post content or postmeta (e.g. by a page builder) and is not rewritten when pages render.', '%d local upload URLs of offloaded files are stored in post content or postmeta (e.g. by a page builder) and are not rewritten when pages render.', $counts['total'], 'wp-media-cloud' ), $counts['total'] ),
			__( 'Use Media Cloud › Tools › URL Replace (to cloud) to update them: scan first, take a database backup, and try it on a staging site.', 'wp-media-cloud' ),
			'recommended',
			$counts
		);
	}
}

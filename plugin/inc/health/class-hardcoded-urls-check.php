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

	/** @return array{total: int, posts: int, postmeta: int} */
	public static function count(): array {
		$scan   = Replacer::scan( array( 'direction' => 'to-cloud', 'limit' => 10000 ) );
		$counts = array( 'total' => (int) $scan['total'], 'posts' => 0, 'postmeta' => 0 );
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
			return Result::good( 'hardcoded_urls', $label, __( 'No local upload URLs of offloaded files are stored in post content or postmeta.', 'wp-media-cloud' ), $counts );
		}
		return Result::problem(
			'hardcoded_urls',
			$label,
			'hardcoded_urls',
			/* translators: %d: number of URLs. */
			sprintf( _n( '%d local upload URL of an offloaded file is stored in post content or postmeta (e.g. by a page builder) and is not rewritten when pages render.', '%d local upload URLs of offloaded files are stored in post content or postmeta (e.g. by a page builder) and are not rewritten when pages render.', $counts['total'], 'wp-media-cloud' ), $counts['total'] ),
			__( 'Use Media Cloud › Tools › URL Replace (to cloud) to update them: scan first, take a database backup, and try it on a staging site.', 'wp-media-cloud' ),
			'recommended',
			$counts
		);
	}
}

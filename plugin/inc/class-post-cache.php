<?php
/**
 * Loads many attachments' posts and metadata into WordPress's object cache in a few queries, with IN () lists short
 * enough that MySQL and MariaDB plan them from the index itself.
 *
 * Why the lists are short: at `eq_range_index_dive_limit` values (200 by default) and above, the optimizer stops
 * reading the index for each value and estimates from the table's statistics instead. Right after a bulk import
 * those statistics can be stale, and `update_meta_cache()` for a page of 200 attachments then scanned the whole
 * postmeta table: 0.6 s per page instead of 10 ms on a 100,000-attachment MariaDB site, which made
 * `wp media-cloud verify` take 212 s instead of 14 s (bench/large-library.ts). With 100 values per list the plan
 * is the same whatever the statistics say.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Post_Cache {

	/** Values per IN () list: below the default eq_range_index_dive_limit (200) with room to spare. */
	public const CHUNK = 100;

	/**
	 * @param array<int, int> $ids   Post ids.
	 * @param bool            $posts Also the posts themselves (titles, types), not only their metadata.
	 */
	public static function prime( array $ids, bool $posts = false ): void {
		foreach ( array_chunk( array_values( array_unique( array_map( 'intval', $ids ) ) ), self::CHUNK ) as $chunk ) {
			if ( $posts ) {
				_prime_post_caches( $chunk, false, false );
			}
			update_meta_cache( 'post', $chunk );
		}
	}
}

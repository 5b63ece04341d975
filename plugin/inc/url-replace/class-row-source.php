<?php
/**
 * Reads the stored values URL Replace looks at, a page at a time by primary key (keyset paging: each page is
 * one indexed range query, however large the library, and the memory used stays that of one page):
 * `post_content` and `post_excerpt` of posts, then `meta_value` of postmeta. A `LIKE` on the hosts being
 * replaced skips rows that cannot hold one of the URLs before PHP sees them.
 *
 * Left out: revisions (history, not content) and the meta WordPress and this plugin keep about the files
 * themselves (attached file, attachment metadata, offload records), which must keep local paths.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

final class Row_Source {

	public const POST_FIELDS = array( 'post_content', 'post_excerpt' );

	private const SKIPPED_POST_TYPES = array( 'revision' );

	/** Posts whose meta one query of a run scoped to post types reads (an `IN ()` of ids under 200, see Post_Cache). */
	private const POST_BATCH = 100;

	private const SKIPPED_META_KEYS = array( '_wp_attached_file', '_wp_attachment_metadata', '_wp_attachment_backup_sizes', '_edit_lock', '_edit_last' );

	/**
	 * @param array<int, string> $needles    Hosts a row must contain (any of them).
	 * @param array<int, string> $post_types Only these post types (empty: all but revisions).
	 */
	public function __construct( private array $needles, private array $post_types = array() ) {}

	/** How many rows (posts, then meta) may hold a URL. */
	public function count(): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the fragments hold only placeholders and table names.
		$posts = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} p WHERE " . $this->post_where(), ...$this->post_args() ) );
		$meta  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} m INNER JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE " . $this->meta_where(), ...$this->meta_args() ) );
		// phpcs:enable
		return $posts + $meta;
	}

	/**
	 * The next page of rows after the cursor.
	 *
	 * @param array{phase: string, after: int, meta?: int} $cursor `phase` is `posts`, `meta` (by meta_id),
	 *                                                            `post-meta` (a run scoped to post types: by post ID
	 *                                                            and meta_id) or `done`; `after` the last ID read.
	 * @return array{rows: array<int, array{table: string, id: int, post_id: int, field: string, values: array<string, string>}>,
	 *               cursor: array{phase: string, after: int}}
	 *         A post row carries both fields in `values`; a meta row its `meta_value`.
	 */
	public function next( array $cursor, int $limit ): array {
		global $wpdb;
		if ( 'posts' === $cursor['phase'] ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$sql  = "SELECT p.ID, p.post_content, p.post_excerpt FROM {$wpdb->posts} p WHERE p.ID > %d AND " . $this->post_where() . ' ORDER BY p.ID LIMIT %d';
			$rows = $wpdb->get_results( $wpdb->prepare( $sql, $cursor['after'], ...array_merge( $this->post_args(), array( $limit ) ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			$list = array();
			foreach ( $rows as $row ) {
				$list[] = array(
					'table'   => 'posts',
					'id'      => (int) $row->ID,
					'post_id' => (int) $row->ID,
					'field'   => '',
					'values'  => array(
						'post_content' => (string) $row->post_content,
						'post_excerpt' => (string) $row->post_excerpt,
					),
				);
			}
			$next = count( $rows ) < $limit ? array( 'phase' => 'meta', 'after' => 0 ) : array( 'phase' => 'posts', 'after' => (int) end( $rows )->ID );
			return array( 'rows' => $list, 'cursor' => $next );
		}
		if ( 'post-meta' === $cursor['phase'] || ( 'meta' === $cursor['phase'] && 0 === (int) $cursor['after'] && $this->post_types ) ) {
			return $this->next_meta_by_post( $cursor, $limit );
		}
		if ( 'meta' === $cursor['phase'] ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$sql  = "SELECT m.meta_id, m.post_id, m.meta_key, m.meta_value FROM {$wpdb->postmeta} m INNER JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE m.meta_id > %d AND " . $this->meta_where() . ' ORDER BY m.meta_id LIMIT %d';
			$rows = $wpdb->get_results( $wpdb->prepare( $sql, $cursor['after'], ...array_merge( $this->meta_args(), array( $limit ) ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
			$list = array_map( array( self::class, 'meta_row' ), $rows );
			$next = count( $rows ) < $limit ? array( 'phase' => 'done', 'after' => 0 ) : array( 'phase' => 'meta', 'after' => (int) end( $rows )->meta_id );
			return array( 'rows' => $list, 'cursor' => $next );
		}
		return array( 'rows' => array(), 'cursor' => $cursor );
	}

	/**
	 * The meta of the chosen post types, read by post id for the next posts of those types (by ID, through the post
	 * type index): only those posts' rows are read, however many attachments the library holds. (Walking postmeta
	 * by meta_id and checking each row's post type read every row: 0.7 of a 1.2 s scan of 1,000 rows at 100,000
	 * attachments.) Rows come in (post_id, meta_id) order; the cursor is the last row given (`after` its post,
	 * `meta` its meta_id), or a post whose rows are all given (`meta` 0).
	 *
	 * @param array{phase: string, after: int, meta?: int} $cursor Where the last page stopped.
	 * @return array{rows: array<int, array<string, mixed>>, cursor: array{phase: string, after: int, meta?: int}}
	 */
	private function next_meta_by_post( array $cursor, int $limit ): array {
		global $wpdb;
		$post = 'post-meta' === $cursor['phase'] ? (int) $cursor['after'] : 0;
		$meta = 'post-meta' === $cursor['phase'] ? (int) ( $cursor['meta'] ?? 0 ) : 0;
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQL.NotPrepared -- the fragments hold only placeholders, table names and integers.
		$ids  = array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT p.ID FROM {$wpdb->posts} p WHERE p.ID " . ( $meta ? '>=' : '>' ) . ' %d AND ' . $this->type_where() . ' ORDER BY p.ID LIMIT %d', $post, ...array_merge( $this->type_args(), array( self::POST_BATCH ) ) ) ) );
		$list = array();
		if ( $ids ) {
			$sql  = "SELECT m.meta_id, m.post_id, m.meta_key, m.meta_value FROM {$wpdb->postmeta} m WHERE m.post_id IN (" . implode( ',', $ids ) . ') AND NOT ( m.post_id = %d AND m.meta_id <= %d ) AND '
				. $this->meta_value_where() . ' ORDER BY m.post_id, m.meta_id LIMIT %d';
			$rows = $wpdb->get_results( $wpdb->prepare( $sql, $post, $meta, ...array_merge( $this->meta_value_args(), array( $limit ) ) ) );
			$list = array_map( array( self::class, 'meta_row' ), $rows );
		}
		// phpcs:enable
		if ( $list && count( $list ) >= $limit ) {
			$last = end( $list );
			$next = array( 'phase' => 'post-meta', 'after' => $last['post_id'], 'meta' => $last['id'] );
		} elseif ( count( $ids ) < self::POST_BATCH ) {
			$next = array( 'phase' => 'done', 'after' => 0 );
		} else {
			$next = array( 'phase' => 'post-meta', 'after' => (int) end( $ids ), 'meta' => 0 );
		}
		return array( 'rows' => $list, 'cursor' => $next );
	}

	/**
	 * @param object{meta_id: mixed, post_id: mixed, meta_key: mixed, meta_value: mixed} $row A postmeta row.
	 * @return array{table: string, id: int, post_id: int, field: string, values: array<string, string>}
	 */
	private static function meta_row( object $row ): array {
		return array(
			'table'   => 'postmeta',
			'id'      => (int) $row->meta_id,
			'post_id' => (int) $row->post_id,
			'field'   => 'meta:' . $row->meta_key,
			'values'  => array( 'meta_value' => (string) $row->meta_value ),
		);
	}

	private function post_where(): string {
		$like = implode( ' OR ', array_fill( 0, count( $this->needles ), 'p.post_content LIKE %s OR p.post_excerpt LIKE %s' ) );
		return $this->type_where() . ' AND (' . ( '' === $like ? '1 = 0' : $like ) . ')';
	}

	/** @return array<int, string> */
	private function post_args(): array {
		$args = $this->type_args();
		foreach ( $this->likes() as $like ) {
			array_push( $args, $like, $like );
		}
		return $args;
	}

	private function meta_where(): string {
		return $this->type_where() . ' AND ' . $this->meta_value_where();
	}

	/** @return array<int, string> */
	private function meta_args(): array {
		return array_merge( $this->type_args(), $this->meta_value_args() );
	}

	private function meta_value_where(): string {
		$keys = implode( ',', array_fill( 0, count( self::SKIPPED_META_KEYS ), '%s' ) );
		$like = implode( ' OR ', array_fill( 0, count( $this->needles ), 'm.meta_value LIKE %s' ) );
		// The plugin's own records (`_wp_media_cloud…`) are skipped by prefix; `_` is a LIKE wildcard, hence the escapes.
		return "m.meta_key NOT IN ($keys) AND m.meta_key NOT LIKE %s AND (" . ( '' === $like ? '1 = 0' : $like ) . ')';
	}

	/** @return array<int, string> */
	private function meta_value_args(): array {
		global $wpdb;
		return array_merge( self::SKIPPED_META_KEYS, array( $wpdb->esc_like( '_wp_media_cloud' ) . '%' ), $this->likes() );
	}

	private function type_where(): string {
		if ( $this->post_types ) {
			return 'p.post_type IN (' . implode( ',', array_fill( 0, count( $this->post_types ), '%s' ) ) . ')';
		}
		return 'p.post_type NOT IN (' . implode( ',', array_fill( 0, count( self::SKIPPED_POST_TYPES ), '%s' ) ) . ')';
	}

	/** @return array<int, string> */
	private function type_args(): array {
		return $this->post_types ? array_values( $this->post_types ) : self::SKIPPED_POST_TYPES;
	}

	/** @return array<int, string> */
	private function likes(): array {
		global $wpdb;
		return array_map( static fn ( string $needle ) => '%' . $wpdb->esc_like( $needle ) . '%', $this->needles );
	}
}

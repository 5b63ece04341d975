<?php
/**
 * Media › Library in list mode: a "Storage" column with each attachment's status (offloaded, pending with its
 * reason, local only, missing) and a dropdown that narrows the list to one status. The column reads postmeta the
 * list's own query has already loaded (WP_Query primes the meta of the page's posts in one query), and the filter
 * adds meta conditions to that same query: no query per row, no query of our own, no table of our own.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Rest_Routes;

final class Status_Column {

	public const COLUMN    = 'wp_media_cloud_storage';
	public const QUERY_VAR = 'wp_media_cloud_status';

	public function register(): void {
		add_filter( 'manage_media_columns', array( $this, 'add_column' ) );
		add_action( 'manage_media_custom_column', array( $this, 'render' ), 10, 2 );
		add_action( 'restrict_manage_posts', array( $this, 'dropdown' ), 10, 2 );
		add_action( 'pre_get_posts', array( $this, 'filter_query' ) );
		add_action( 'admin_head-upload.php', array( $this, 'styles' ) );
	}

	public function unregister(): void {
		remove_filter( 'manage_media_columns', array( $this, 'add_column' ) );
		remove_action( 'manage_media_custom_column', array( $this, 'render' ), 10 );
		remove_action( 'restrict_manage_posts', array( $this, 'dropdown' ), 10 );
		remove_action( 'pre_get_posts', array( $this, 'filter_query' ) );
		remove_action( 'admin_head-upload.php', array( $this, 'styles' ) );
	}

	/**
	 * @param array<string, string> $columns The list's columns.
	 * @return array<string, string>
	 */
	public function add_column( $columns ): array {
		$columns = (array) $columns;
		if ( ! Rest_Routes::can_manage() ) {
			return $columns;
		}
		// Before the date, beside the other facts about the file.
		$at = array_search( 'date', array_keys( $columns ), true );
		$at = false === $at ? count( $columns ) : $at;
		return array_slice( $columns, 0, $at, true ) + array( self::COLUMN => __( 'Storage', 'wp-media-cloud' ) ) + array_slice( $columns, $at, null, true );
	}

	public function render( string $column, int $attachment_id ): void {
		if ( self::COLUMN !== $column ) {
			return;
		}
		$state  = Storage_Status::of( $attachment_id );
		$labels = Storage_Status::labels();
		printf( '<span class="wpmc-storage wpmc-storage-%1$s" data-status="%1$s">%2$s</span>', esc_attr( $state['status'] ), esc_html( $labels[ $state['status'] ] ) );
		$detail = self::detail( $state );
		if ( '' !== $detail ) {
			printf( '<br><span class="wpmc-storage-detail">%s</span>', esc_html( $detail ) );
		}
	}

	/**
	 * The line under the status: the pending reason, the missing files, or where the files are.
	 *
	 * @param array{status: string, record: array<string, mixed>|null, pending: array<string, mixed>|null, missing: array<string, string>} $state Storage_Status::of().
	 */
	public static function detail( array $state ): string {
		switch ( $state['status'] ) {
			case Storage_Status::PENDING:
				return (string) ( $state['pending']['reason'] ?? '' );
			case Storage_Status::MISSING:
				$files = array_keys( $state['missing'] );
				/* translators: 1: number of files, 2: their names. */
				return sprintf( _n( '%1$d file not found: %2$s', '%1$d files not found: %2$s', count( $files ), 'wp-media-cloud' ), count( $files ), implode( ', ', array_map( 'wp_basename', array_slice( $files, 0, 3 ) ) ) . ( count( $files ) > 3 ? ', …' : '' ) );
			case Storage_Status::OFFLOADED:
				$where = Storage_Status::location( $state['record'] );
				return $where['local_removed']
					/* translators: %s: bucket name. */
					? sprintf( __( '%s; local copies removed', 'wp-media-cloud' ), $where['bucket'] )
					/* translators: %s: bucket name. */
					: sprintf( __( '%s; also on this server', 'wp-media-cloud' ), $where['bucket'] );
			default:
				return '';
		}
	}

	/**
	 * The status dropdown beside core's date filter (list mode only: core fires this action for the list table).
	 *
	 * @param string $post_type The list's post type.
	 */
	public function dropdown( $post_type, $which = 'top' ): void {
		if ( 'attachment' !== $post_type || 'bar' !== $which || ! Rest_Routes::can_manage() ) {
			return;
		}
		$current = self::requested_status();
		echo '<label for="wpmc-storage-filter" class="screen-reader-text">' . esc_html__( 'Filter by storage status', 'wp-media-cloud' ) . '</label>';
		echo '<select name="' . esc_attr( self::QUERY_VAR ) . '" id="wpmc-storage-filter">';
		echo '<option value="">' . esc_html__( 'All storage statuses', 'wp-media-cloud' ) . '</option>';
		foreach ( Storage_Status::labels() as $status => $label ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( $status ), selected( $current, $status, false ), esc_html( $label ) );
		}
		echo '</select>';
	}

	/** Narrows the list's own query by the status' postmeta, in the column's order of precedence. */
	public function filter_query( \WP_Query $query ): void {
		global $pagenow;
		$status = self::requested_status();
		if ( '' === $status || ! is_admin() || ! $query->is_main_query() || 'upload.php' !== $pagenow || ! Rest_Routes::can_manage() ) {
			return;
		}
		$meta_query = (array) $query->get( 'meta_query' );
		foreach ( self::conditions( $status ) as $key => $exists ) {
			$meta_query[] = array(
				'key'     => $key,
				'compare' => $exists ? 'EXISTS' : 'NOT EXISTS',
			);
		}
		$query->set( 'meta_query', $meta_query );
	}

	/**
	 * Which markers an attachment of this status has (true) and lacks (false).
	 *
	 * @return array<string, bool>
	 */
	public static function conditions( string $status ): array {
		$record  = Offload_Record::META_KEY;
		$pending = Offload_Record::PENDING_META;
		$missing = Storage_Status::MISSING_META;
		switch ( $status ) {
			case Storage_Status::MISSING:
				return array( $missing => true );
			case Storage_Status::PENDING:
				return array( $pending => true, $missing => false );
			case Storage_Status::OFFLOADED:
				return array( $record => true, $pending => false, $missing => false );
			default:
				return array( $record => false, $pending => false, $missing => false );
		}
	}

	private static function requested_status(): string {
		$status = isset( $_GET[ self::QUERY_VAR ] ) ? sanitize_key( wp_unslash( $_GET[ self::QUERY_VAR ] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- a read-only list filter, like core's own.
		return isset( Storage_Status::labels()[ $status ] ) ? $status : '';
	}

	/** Core's colours for the statuses that need attention; the text says the same without colour. */
	public function styles(): void {
		echo '<style>.column-' . esc_attr( self::COLUMN ) . '{width:14%}.wpmc-storage{font-weight:600}.wpmc-storage-pending{color:#996800}.wpmc-storage-missing{color:#d63638}.wpmc-storage-detail{color:#646970;word-break:break-word}</style>';
	}
}

<?php
/**
 * The outcome of a Media Library action, shown once as core admin notices on the page the action returned to:
 * what worked, and for each failure its reason and what to do. Kept for a minute in a transient of the user who
 * acted, as the redirect after the action carries no body; the redirect's URL says there is one
 * (`wp_media_cloud_notice=1`, which core's script then removes from the address bar), so no other page load
 * looks it up: a transient that does not exist still costs a query.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

final class Action_Notice {

	private const TRANSIENT = 'wp_media_cloud_media_notice_';
	private const QUERY_ARG = 'wp_media_cloud_notice';

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'show' ) );
		add_filter( 'removable_query_args', array( $this, 'removable_query_args' ) );
	}

	public function unregister(): void {
		remove_action( 'admin_notices', array( $this, 'show' ) );
		remove_filter( 'removable_query_args', array( $this, 'removable_query_args' ) );
	}

	/**
	 * Keeps the result for the next page and returns the URL to send the user to, which asks for the notice.
	 *
	 * @param array<string, mixed> $result Attachment_Actions::run().
	 */
	public static function remember( array $result, string $location ): string {
		set_transient( self::TRANSIENT . get_current_user_id(), $result, MINUTE_IN_SECONDS );
		return add_query_arg( self::QUERY_ARG, 1, $location );
	}

	/**
	 * @param array<int, string> $args Query arguments core removes from the address bar once the page is shown.
	 * @return array<int, string>
	 */
	public function removable_query_args( $args ): array {
		return array_merge( (array) $args, array( self::QUERY_ARG ) );
	}

	public function show(): void {
		if ( empty( $_GET[ self::QUERY_ARG ] ) ) { // phpcs:ignore WordPress.Security.NonceVerification -- only says where to look; the transient is the user's own.
			return;
		}
		$key    = self::TRANSIENT . get_current_user_id();
		$result = get_transient( $key );
		if ( ! is_array( $result ) ) {
			return;
		}
		delete_transient( $key );
		foreach ( self::notices( $result ) as $notice ) {
			wp_admin_notice(
				$notice['html'],
				array(
					'type'               => $notice['type'],
					'dismissible'        => true,
					'additional_classes' => array( 'wpmc-media-notice' ),
					'paragraph_wrap'     => ! str_contains( $notice['html'], '<ul>' ),
				)
			);
		}
	}

	/**
	 * @param array{action: string, done: array<int, array<string, mixed>>, failed: array<int, array<string, mixed>>, not_tried: array<int, int>} $result
	 * @return array<int, array{type: string, html: string}>
	 */
	private static function notices( array $result ): array {
		$notices = array();
		$by      = array();
		foreach ( $result['done'] as $item ) {
			$by[ (string) $item['outcome'] ][] = $item;
		}
		foreach ( $by as $outcome => $items ) {
			if ( 'missing' === $outcome ) {
				foreach ( $items as $item ) {
					$notices[] = array( 'type' => 'warning', 'html' => self::missing_html( (int) $item['id'], (array) $item['files'] ) );
				}
				continue;
			}
			if ( Attachment_Actions::REUPLOAD === $result['action'] && 'offloaded' === $outcome ) {
				foreach ( $items as $item ) {
					/* translators: %s: attachment title. */
					$notices[] = array( 'type' => 'success', 'html' => esc_html( sprintf( __( '"%s" was offloaded again.', 'wp-media-cloud' ), get_the_title( (int) $item['id'] ) ) ) );
				}
				continue;
			}
			$notices[] = array( 'type' => 'not_offloaded' === $outcome ? 'info' : 'success', 'html' => esc_html( sprintf( self::done_sentence( $outcome ), self::titles( array_column( $items, 'id' ) ) ) ) );
		}
		foreach ( $result['failed'] as $failure ) {
			$remedy    = '' !== $failure['remedy'] ? $failure['remedy'] : __( 'Media Cloud › Health names the cause and its fix.', 'wp-media-cloud' );
			$notices[] = array(
				'type' => 'error',
				/* translators: 1: attachment title, 2: what failed, 3: what to do. */
				'html' => esc_html( sprintf( self::failed_sentence( $result['action'] ), self::titles( array( $failure['id'] ) ), trim( $failure['message'] ) ) ) . ' <strong>' . esc_html__( 'What to do:', 'wp-media-cloud' ) . '</strong> ' . esc_html( $remedy ),
			);
		}
		if ( $result['not_tried'] ) {
			$count     = count( $result['not_tried'] );
			$notices[] = array(
				'type' => 'warning',
				/* translators: %d: number of attachments. */
				'html' => esc_html( sprintf( _n( '%d attachment was not tried, so that the page answers within the time limit: select it and choose the action again.', '%d attachments were not tried, so that the page answers within the time limit: select them and choose the action again.', $count, 'wp-media-cloud' ), $count ) ),
			);
		}
		return $notices;
	}

	/** A sentence with %s for the titles. */
	private static function done_sentence( string $outcome ): string {
		$sentences = array(
			/* translators: %s: attachment titles. */
			'offloaded'     => __( 'Offloaded to the bucket: %s.', 'wp-media-cloud' ),
			/* translators: %s: attachment titles. */
			'unchanged'     => __( 'Already offloaded, nothing to upload: %s. Offload again on one of them uploads every file anew.', 'wp-media-cloud' ),
			/* translators: %s: attachment titles. */
			'downloaded'    => __( 'Downloaded back to this server, local copies kept: %s.', 'wp-media-cloud' ),
			/* translators: %s: attachment titles. */
			'not_offloaded' => __( 'Not offloaded, so their files are on this server already: %s.', 'wp-media-cloud' ),
			/* translators: %s: attachment titles. */
			'complete'      => __( 'Verified: every file is where its URLs point for %s.', 'wp-media-cloud' ),
		);
		return $sentences[ $outcome ] ?? '%s';
	}

	/** A sentence with %1$s for the title and %2$s for the reason. */
	private static function failed_sentence( string $action ): string {
		switch ( $action ) {
			case Attachment_Actions::DOWNLOAD:
				/* translators: 1: attachment title, 2: the reason. */
				return __( '%1$s could not be downloaded back: %2$s', 'wp-media-cloud' );
			case Attachment_Actions::VERIFY:
				/* translators: 1: attachment title, 2: the reason. */
				return __( '%1$s could not be verified: %2$s', 'wp-media-cloud' );
			default:
				/* translators: 1: attachment title, 2: the reason. */
				return __( '%1$s could not be offloaded: %2$s', 'wp-media-cloud' );
		}
	}

	/** @param array<string, string> $files path => 'everywhere' | 'bucket' */
	private static function missing_html( int $id, array $files ): string {
		$lines = array();
		foreach ( $files as $path => $where ) {
			$lines[] = '<li><code>' . esc_html( (string) $path ) . '</code> — ' . esc_html(
				'bucket' === $where
					? __( 'not in the bucket, but on this server: Offload again uploads it.', 'wp-media-cloud' )
					: __( 'neither on this server nor in the bucket: restore it from a backup into wp-content/uploads, then choose Offload again.', 'wp-media-cloud' )
			) . '</li>';
		}
		/* translators: %s: attachment title. */
		return '<p>' . esc_html( sprintf( __( 'Verify found files of %s missing:', 'wp-media-cloud' ), self::titles( array( $id ) ) ) ) . '</p><ul>' . implode( '', $lines ) . '</ul>';
	}

	/** @param array<int, int> $ids */
	private static function titles( array $ids ): string {
		$titles = array_map( static fn ( $id ) => '“' . ( '' !== get_the_title( (int) $id ) ? get_the_title( (int) $id ) : '#' . (int) $id ) . '”', $ids );
		return implode( ', ', array_slice( $titles, 0, 10 ) ) . ( count( $titles ) > 10 ? sprintf( /* translators: %d: how many more. */ __( ' and %d more', 'wp-media-cloud' ), count( $titles ) - 10 ) : '' );
	}
}

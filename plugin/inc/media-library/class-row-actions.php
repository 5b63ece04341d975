<?php
/**
 * The Media Library list's row actions (under each title) and bulk actions (the "Bulk actions" menu): Offload now
 * (or Offload again for an offloaded attachment), Download back and Verify. Row links go through admin-post.php
 * with a nonce per attachment and action; bulk actions come through core's own form, whose nonce core checks.
 * Both end on the page they came from, with a notice of what happened (Action_Notice). Administrators only, like
 * every other Media Cloud tool.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Rest_Routes;
use WP_Media_Cloud\Settings;

final class Row_Actions {

	public const ADMIN_POST  = 'wp_media_cloud_media_action';
	private const BULK_PREFIX = 'wp_media_cloud_';

	public function register(): void {
		add_filter( 'media_row_actions', array( $this, 'row_actions' ), 10, 2 );
		add_filter( 'bulk_actions-upload', array( $this, 'bulk_actions' ) );
		add_filter( 'handle_bulk_actions-upload', array( $this, 'handle_bulk_action' ), 10, 3 );
		add_action( 'admin_post_' . self::ADMIN_POST, array( $this, 'handle_row_action' ) );
	}

	public function unregister(): void {
		remove_filter( 'media_row_actions', array( $this, 'row_actions' ), 10 );
		remove_filter( 'bulk_actions-upload', array( $this, 'bulk_actions' ) );
		remove_filter( 'handle_bulk_actions-upload', array( $this, 'handle_bulk_action' ), 10 );
		remove_action( 'admin_post_' . self::ADMIN_POST, array( $this, 'handle_row_action' ) );
	}

	/** @return array<string, string> action => label. */
	private static function labels(): array {
		return array(
			Attachment_Actions::OFFLOAD  => __( 'Offload now', 'wp-media-cloud' ),
			Attachment_Actions::REUPLOAD => __( 'Offload again', 'wp-media-cloud' ),
			Attachment_Actions::DOWNLOAD => __( 'Download back', 'wp-media-cloud' ),
			Attachment_Actions::VERIFY   => __( 'Verify', 'wp-media-cloud' ),
		);
	}

	/**
	 * @param array<string, string> $actions Row actions.
	 * @param \WP_Post              $post    The attachment.
	 * @return array<string, string>
	 */
	public function row_actions( $actions, $post ): array {
		$actions = (array) $actions;
		if ( ! Rest_Routes::can_manage() || ! Settings::is_configured() ) {
			return $actions;
		}
		$state = Storage_Status::of( $post->ID );
		$offer = null === $state['record'] ? array( Attachment_Actions::OFFLOAD ) : array( Attachment_Actions::REUPLOAD );
		if ( null !== $state['record'] && ( ! empty( $state['record']['local_removed'] ) || ! file_exists( (string) get_attached_file( $post->ID ) ) ) ) {
			$offer[] = Attachment_Actions::DOWNLOAD; // Only where there is something to bring back (a stat, no query).
		}
		$offer[] = Attachment_Actions::VERIFY;
		$labels = self::labels();
		foreach ( $offer as $action ) {
			$url = wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ADMIN_POST . '&do=' . $action . '&id=' . $post->ID ), self::nonce( $action, $post->ID ) );
			/* translators: 1: action, e.g. "Verify", 2: attachment title. */
			$name = sprintf( __( '%1$s “%2$s”', 'wp-media-cloud' ), $labels[ $action ], get_the_title( $post ) );
			$actions[ self::BULK_PREFIX . $action ] = sprintf( '<a href="%s" aria-label="%s">%s</a>', esc_url( $url ), esc_attr( $name ), esc_html( $labels[ $action ] ) );
		}
		return $actions;
	}

	/**
	 * @param array<string, string> $actions Core's bulk actions.
	 * @return array<string, string>
	 */
	public function bulk_actions( $actions ): array {
		$actions = (array) $actions;
		if ( ! Rest_Routes::can_manage() || ! Settings::is_configured() ) {
			return $actions;
		}
		foreach ( array( Attachment_Actions::OFFLOAD, Attachment_Actions::DOWNLOAD, Attachment_Actions::VERIFY ) as $action ) {
			$actions[ self::BULK_PREFIX . $action ] = self::labels()[ $action ];
		}
		return $actions;
	}

	/**
	 * Core's upload.php checked the bulk-media nonce and passes the selected ids.
	 *
	 * @param string          $location Where core will redirect.
	 * @param string          $doaction The chosen action.
	 * @param array<int, int> $ids      Selected attachments.
	 */
	public function handle_bulk_action( $location, $doaction, $ids ): string {
		$action = str_starts_with( (string) $doaction, self::BULK_PREFIX ) ? substr( (string) $doaction, strlen( self::BULK_PREFIX ) ) : '';
		if ( ! in_array( $action, Attachment_Actions::names(), true ) ) {
			return (string) $location;
		}
		if ( ! Rest_Routes::can_manage() ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to use Media Cloud on these attachments.', 'wp-media-cloud' ), 403 );
		}
		return Action_Notice::remember( Attachment_Actions::run( $action, array_map( 'intval', (array) $ids ) ), (string) $location );
	}

	public function handle_row_action(): void {
		// phpcs:disable WordPress.Security.NonceVerification -- the nonce names the action and the id, checked next.
		$id     = isset( $_GET['id'] ) ? (int) $_GET['id'] : 0;
		$action = isset( $_GET['do'] ) ? sanitize_key( wp_unslash( $_GET['do'] ) ) : '';
		// phpcs:enable
		check_admin_referer( self::nonce( $action, $id ) );
		if ( ! Rest_Routes::can_manage() || ! in_array( $action, Attachment_Actions::names(), true ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to use Media Cloud on this attachment.', 'wp-media-cloud' ), 403 );
		}
		$back = wp_get_referer() ? wp_get_referer() : admin_url( 'upload.php?mode=list' );
		wp_safe_redirect( Action_Notice::remember( Attachment_Actions::run( $action, array( $id ) ), $back ) );
		exit;
	}

	private static function nonce( string $action, int $id ): string {
		return self::ADMIN_POST . '_' . $action . '_' . $id;
	}
}

<?php
/**
 * "Offload again" for one attachment: a row action in the Media Library list and
 * `POST /media-cloud/v1/attachments/<id>/offload` (`force` uploads every file again), for an attachment whose
 * objects went missing or whose lost local file was restored. Administrators only, like every other tool.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Media_Library_Actions {

	private const ACTION = 'wp_media_cloud_offload';

	public function register(): void {
		add_filter( 'media_row_actions', array( $this, 'row_actions' ), 10, 2 );
		add_action( 'admin_post_' . self::ACTION, array( $this, 'handle_row_action' ) );
		add_action( 'admin_notices', array( $this, 'notice' ) );
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		remove_filter( 'media_row_actions', array( $this, 'row_actions' ), 10 );
		remove_action( 'admin_post_' . self::ACTION, array( $this, 'handle_row_action' ) );
		remove_action( 'admin_notices', array( $this, 'notice' ) );
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function register_routes(): void {
		register_rest_route(
			Rest_Routes::NAMESPACE,
			'/attachments/(?P<id>\d+)/offload',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'offload_route' ),
				'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
				'args'                => array(
					'force' => array(
						'type'        => 'boolean',
						'default'     => false,
						'description' => __( 'Upload every file again, also when the attachment is already offloaded.', 'wp-media-cloud' ),
					),
				),
			)
		);
	}

	/** @return \WP_REST_Response|\WP_Error */
	public function offload_route( \WP_REST_Request $request ) {
		$id = (int) $request['id'];
		if ( 'attachment' !== get_post_type( $id ) ) {
			return new \WP_Error( 'rest_post_invalid_id', __( 'No attachment has this ID.', 'wp-media-cloud' ), array( 'status' => 404 ) );
		}
		$outcome = Offloader::offload_on_request( $id, (bool) $request['force'] );
		if ( is_wp_error( $outcome ) ) {
			$outcome->add_data( array( 'status' => 502 ) + (array) $outcome->get_error_data() );
			return $outcome;
		}
		return new \WP_REST_Response(
			array(
				'outcome' => $outcome,
				'record'  => Offload_Record::get( $id ),
			)
		);
	}

	/**
	 * @param array<string, string> $actions Row actions.
	 * @param \WP_Post              $post    The attachment.
	 * @return array<string, string>
	 */
	public function row_actions( $actions, $post ): array {
		if ( ! Rest_Routes::can_manage() || ! Settings::is_configured() ) {
			return (array) $actions;
		}
		$url                                = wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION . '&id=' . $post->ID ), self::ACTION . '_' . $post->ID );
		$label                              = null === Offload_Record::get( $post->ID ) ? __( 'Offload now', 'wp-media-cloud' ) : __( 'Offload again', 'wp-media-cloud' );
		$actions['wp_media_cloud_offload'] = sprintf( '<a href="%s">%s</a>', esc_url( $url ), esc_html( $label ) );
		return (array) $actions;
	}

	public function handle_row_action(): void {
		$id = isset( $_GET['id'] ) ? (int) $_GET['id'] : 0; // phpcs:ignore WordPress.Security.NonceVerification -- checked next.
		check_admin_referer( self::ACTION . '_' . $id );
		if ( ! Rest_Routes::can_manage() || 'attachment' !== get_post_type( $id ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to offload this attachment.', 'wp-media-cloud' ), 403 );
		}
		$outcome = Offloader::offload_on_request( $id, true );
		$message = is_wp_error( $outcome ) ? $outcome->get_error_message() . ' ' . (string) ( $outcome->get_error_data()['remedy'] ?? '' ) : '';
		set_transient( self::ACTION . '_notice_' . get_current_user_id(), array( 'id' => $id, 'error' => $message ), 60 );
		wp_safe_redirect( wp_get_referer() ? wp_get_referer() : admin_url( 'upload.php?mode=list' ) );
		exit;
	}

	/** The outcome of the row action, once, on the page it returned to. */
	public function notice(): void {
		$key    = self::ACTION . '_notice_' . get_current_user_id();
		$notice = get_transient( $key );
		if ( ! is_array( $notice ) ) {
			return;
		}
		delete_transient( $key );
		$title = get_the_title( (int) $notice['id'] );
		if ( '' === $notice['error'] ) {
			/* translators: %s: attachment title. */
			wp_admin_notice( esc_html( sprintf( __( '"%s" was offloaded again.', 'wp-media-cloud' ), $title ) ), array( 'type' => 'success', 'dismissible' => true ) );
			return;
		}
		/* translators: 1: attachment title, 2: the reason and what to do. */
		wp_admin_notice( esc_html( sprintf( __( '"%1$s" could not be offloaded: %2$s', 'wp-media-cloud' ), $title, trim( $notice['error'] ) ) ), array( 'type' => 'error', 'dismissible' => true ) );
	}
}

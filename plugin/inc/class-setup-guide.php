<?php
/**
 * The guided first run: `GET /media-cloud/v1/setup` (the Dashboard's checklist), a notice on admin screens until
 * storage works (administrators only, dismissible per user, not on the Media Cloud pages, which show the checklist),
 * the record of the last connection test, and the setup steps in every admin route's "sidecar is not set up / does
 * not answer" error, so no screen shows that error without the commands that fix it.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Setup_Guide {

	/** User meta: the user dismissed the setup notice (the time they did). */
	public const DISMISSED_META = 'wp_media_cloud_setup_notice_dismissed';
	private const AJAX_ACTION   = 'wp_media_cloud_dismiss_setup_notice';
	private const HEALTH_OPTION = Health\Runner::LAST_OPTION;

	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
		add_filter( 'rest_request_after_callbacks', array( $this, 'explain_sidecar_errors' ), 10, 3 );
		add_action( 'admin_notices', array( $this, 'notice' ) );
		add_action( 'wp_ajax_' . self::AJAX_ACTION, array( $this, 'dismiss' ) );
		add_action( 'add_option_' . self::HEALTH_OPTION, array( $this, 'health_added' ), 10, 2 );
		add_action( 'update_option_' . self::HEALTH_OPTION, array( $this, 'health_updated' ), 10, 2 );
	}

	public function unregister(): void {
		remove_action( 'rest_api_init', array( $this, 'register_routes' ) );
		remove_filter( 'rest_request_after_callbacks', array( $this, 'explain_sidecar_errors' ), 10 );
		remove_action( 'admin_notices', array( $this, 'notice' ) );
		remove_action( 'wp_ajax_' . self::AJAX_ACTION, array( $this, 'dismiss' ) );
		remove_action( 'add_option_' . self::HEALTH_OPTION, array( $this, 'health_added' ), 10 );
		remove_action( 'update_option_' . self::HEALTH_OPTION, array( $this, 'health_updated' ), 10 );
	}

	public function register_routes(): void {
		register_rest_route(
			Rest_Routes::NAMESPACE,
			'/setup',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => static fn () => new \WP_REST_Response( Setup_Checklist::report() ),
				'permission_callback' => array( Rest_Routes::class, 'can_manage' ),
			)
		);
	}

	/** @param mixed $value The health report stored. */
	public function health_added( string $option, $value ): void {
		Setup_Checklist::record_test( $value );
	}

	/**
	 * @param mixed $old_value The previous report.
	 * @param mixed $value     The health report stored.
	 */
	public function health_updated( $old_value, $value ): void {
		Setup_Checklist::record_test( $value );
	}

	/**
	 * The admin routes' errors that mean "the sidecar is not set up" or "does not answer" carry the setup steps for
	 * this site (the commands) instead of a bare sentence, and so do the health rows that say so.
	 *
	 * @param mixed            $response The route's answer (a WP_Error, a WP_REST_Response or data).
	 * @param array            $handler  The route's handler.
	 * @param \WP_REST_Request $request  The request.
	 * @return mixed
	 */
	public function explain_sidecar_errors( $response, $handler, $request ) {
		$route = $request instanceof \WP_REST_Request ? $request->get_route() : '';
		$base  = '/' . Rest_Routes::NAMESPACE . '/';
		if ( ! str_starts_with( $route, $base ) || str_starts_with( $route, $base . 'sidecar/' ) ) {
			return $response; // Not ours, or the sidecar's own callbacks.
		}
		if ( is_wp_error( $response ) ) {
			return self::explained_error( $response );
		}
		if ( $base . 'health' === $route && $response instanceof \WP_REST_Response && is_array( $response->get_data() ) ) {
			$data = $response->get_data();
			if ( isset( $data['results'] ) && is_array( $data['results'] ) ) {
				$data['results'] = Setup_Checklist::explain_results( $data['results'] );
				$response->set_data( $data );
			}
		}
		return $response;
	}

	private static function explained_error( \WP_Error $error ): \WP_Error {
		$code = $error->get_error_code();
		$text = null;
		if ( 'wp_media_cloud_sidecar_not_configured' === $code || ( 'wp_media_cloud_not_configured' === $code && ! Sidecar_Client::is_configured() ) ) {
			$text = Setup_Checklist::not_configured_text();
		} elseif ( 'wp_media_cloud_sidecar_unreachable' === $code ) {
			$text = Setup_Checklist::unreachable_text( $error->get_error_message() );
		}
		$data = (array) $error->get_error_data();
		if ( null === $text ) {
			if ( 'wp_media_cloud_not_configured' === $code && ! empty( $data['remedy'] ) ) {
				// Screens that show only the message still show the fix.
				return new \WP_Error( $code, $error->get_error_message() . ' ' . $data['remedy'], array( 'remedy' => '' ) + $data );
			}
			return $error;
		}
		return new \WP_Error( $code, $text['problem'] . ' ' . $text['fix'], array( 'remedy' => $text['more'] ) + $data );
	}

	/**
	 * Until storage works: a notice on every admin screen except the Media Cloud pages, for administrators who have
	 * not dismissed it, naming the next step and linking to the Dashboard's checklist.
	 */
	public function notice(): void {
		if ( ! current_user_can( Admin_Page::CAPABILITY ) || Admin_Page::is_own_screen() || get_user_meta( get_current_user_id(), self::DISMISSED_META, true ) ) {
			return;
		}
		if ( Setup_Checklist::storage_works() ) {
			return;
		}
		if ( ! Sidecar_Client::is_configured() ) {
			$next = __( 'Next step: set up the sidecar (two commands on the server).', 'wp-media-cloud' );
		} elseif ( ! Setup_Checklist::settings_saved() ) {
			$next = __( 'Next step: enter your storage provider, bucket and keys.', 'wp-media-cloud' );
		} else {
			$next = __( 'Next step: run the connection test.', 'wp-media-cloud' );
		}
		printf(
			'<div id="wp-media-cloud-setup-notice" class="notice notice-warning is-dismissible" data-dismiss-nonce="%1$s"><p><strong>%2$s</strong> %3$s %4$s</p><p><a class="button button-primary" href="%5$s">%6$s</a></p></div>',
			esc_attr( wp_create_nonce( self::AJAX_ACTION ) ),
			esc_html__( 'Media Cloud is not set up yet:', 'wp-media-cloud' ),
			esc_html__( 'your media stays on this server until the sidecar runs, the storage is saved and the connection test passes.', 'wp-media-cloud' ),
			esc_html( $next ),
			esc_url( admin_url( 'admin.php?page=' . Admin_Page::MENU_SLUG ) ),
			esc_html__( 'Finish the setup in Media Cloud › Dashboard', 'wp-media-cloud' )
		);
		// Core adds the dismiss button to .is-dismissible notices; its click is remembered for this user.
		$script = sprintf(
			'document.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("#wp-media-cloud-setup-notice .notice-dismiss");if(!b){return;}var n=document.getElementById("wp-media-cloud-setup-notice");var d=new URLSearchParams({action:%1$s,_ajax_nonce:n.getAttribute("data-dismiss-nonce")});fetch(%2$s,{method:"POST",credentials:"same-origin",body:d});});',
			wp_json_encode( self::AJAX_ACTION ),
			wp_json_encode( admin_url( 'admin-ajax.php' ) )
		);
		wp_print_inline_script_tag( $script );
	}

	/** admin-ajax: remembers that this user dismissed the setup notice. */
	public function dismiss(): void {
		check_ajax_referer( self::AJAX_ACTION );
		if ( ! current_user_can( Admin_Page::CAPABILITY ) ) {
			wp_send_json_error( null, 403 );
		}
		update_user_meta( get_current_user_id(), self::DISMISSED_META, time() );
		wp_send_json_success();
	}
}

<?php
/**
 * The plugin in Media › Library: the Storage column and its filter, the row and bulk actions (Offload now or
 * again, Download back, Verify) with their notices, and the storage details of an attachment
 * (plugin/inc/media-library/), plus `POST /media-cloud/v1/attachments/<id>/offload` (`force` uploads every file
 * again), for an attachment whose objects went missing or whose lost local file was restored. Administrators only,
 * like every other tool.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Media_Library_Actions {

	/** @var array<int, object>|null The Media Library parts, each with register() and unregister(). */
	private ?array $parts = null;

	/** @return array<int, object> */
	private function parts(): array {
		$this->parts ??= array(
			new Media_Library\Status_Column(),
			new Media_Library\Row_Actions(),
			new Media_Library\Action_Notice(),
			new Media_Library\Attachment_Details(),
		);
		return $this->parts;
	}

	public function register(): void {
		foreach ( $this->parts() as $part ) {
			$part->register();
		}
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	public function unregister(): void {
		foreach ( $this->parts() as $part ) {
			$part->unregister();
		}
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
}

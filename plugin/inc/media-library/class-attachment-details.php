<?php
/**
 * "Storage" in the attachment's details: the status, and for an offloaded attachment where its files are
 * (provider, bucket, key prefix, whether local copies were removed). Shown read-only on the Edit Media screen and in
 * the grid's Attachment details modal, both of which list `attachment_fields_to_edit` fields. It reads the postmeta
 * WordPress loaded with the attachment (the grid's query primes it for the whole page): no query per attachment.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Media_Library;

use WP_Media_Cloud\Rest_Routes;

final class Attachment_Details {

	public const FIELD = 'wp_media_cloud_storage';

	public function register(): void {
		add_filter( 'attachment_fields_to_edit', array( $this, 'add_field' ), 10, 2 );
	}

	public function unregister(): void {
		remove_filter( 'attachment_fields_to_edit', array( $this, 'add_field' ), 10 );
	}

	/**
	 * @param array<string, array<string, mixed>> $fields Fields of the attachment form.
	 * @param \WP_Post                            $post   The attachment.
	 * @return array<string, array<string, mixed>>
	 */
	public function add_field( $fields, $post ): array {
		$fields = (array) $fields;
		if ( ! $post instanceof \WP_Post || ! Rest_Routes::can_manage() ) {
			return $fields;
		}
		$fields[ self::FIELD ] = array(
			'label'         => __( 'Storage', 'wp-media-cloud' ),
			'input'         => 'html',
			'html'          => self::html( $post->ID ),
			'show_in_edit'  => true,
			'show_in_modal' => true,
		);
		return $fields;
	}

	private static function html( int $attachment_id ): string {
		$state = Storage_Status::of( $attachment_id );
		$rows  = array( __( 'Status', 'wp-media-cloud' ) => Storage_Status::labels()[ $state['status'] ] );
		if ( null !== $state['record'] ) {
			$where = Storage_Status::location( $state['record'] );
			$rows += array(
				__( 'Provider', 'wp-media-cloud' )     => $where['provider'],
				__( 'Bucket', 'wp-media-cloud' )       => $where['bucket'] . ( $where['current'] ? '' : ' ' . __( '(not the bucket in the settings now)', 'wp-media-cloud' ) ),
				__( 'Key prefix', 'wp-media-cloud' )   => $where['key_prefix'],
				__( 'Local copies', 'wp-media-cloud' ) => $where['local_removed'] ? __( 'removed', 'wp-media-cloud' ) : __( 'kept on this server', 'wp-media-cloud' ),
				__( 'Offloaded', 'wp-media-cloud' )    => $where['offloaded_at'] ? wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $where['offloaded_at'] ) : '',
			);
		} elseif ( Storage_Status::LOCAL === $state['status'] ) {
			$rows[ __( 'Files', 'wp-media-cloud' ) ] = __( 'on this server only', 'wp-media-cloud' );
		}
		if ( null !== $state['pending'] ) {
			$rows[ __( 'Waiting because', 'wp-media-cloud' ) ] = (string) ( $state['pending']['reason'] ?? '' );
		}
		if ( $state['missing'] ) {
			$rows[ __( 'Not found', 'wp-media-cloud' ) ] = implode( ', ', array_keys( $state['missing'] ) );
		}
		$html = '<dl class="wpmc-storage-details" data-status="' . esc_attr( $state['status'] ) . '" style="margin:0">';
		foreach ( array_filter( $rows, static fn ( $value ) => '' !== $value ) as $label => $value ) {
			$html .= '<dt style="font-weight:600">' . esc_html( (string) $label ) . '</dt><dd style="margin:0 0 .4em">' . esc_html( (string) $value ) . '</dd>';
		}
		return $html . '</dl>';
	}
}

<?php
/**
 * Leaving safely: while some attachments exist only in the bucket (their local copies were removed), the Plugins
 * screen says how many, that deactivating breaks their images (WordPress would link to files not on the server),
 * and links to Download back; the Deactivate link asks for confirmation with the same count.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Deactivation_Warning {

	public const NOTICE_ID = 'wp-media-cloud-deactivation-warning';

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'notice' ) );
		add_action( 'network_admin_notices', array( $this, 'notice' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ), 20 );
		add_filter( 'network_admin_plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ), 20 );
	}

	public function unregister(): void {
		remove_action( 'admin_notices', array( $this, 'notice' ) );
		remove_action( 'network_admin_notices', array( $this, 'notice' ) );
		remove_filter( 'plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ), 20 );
		remove_filter( 'network_admin_plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ), 20 );
	}

	/** Attachments whose offload record says their local copies were removed (one query, once per request). */
	public static function removed_count(): int {
		static $count = null;
		if ( null === $count ) {
			global $wpdb;
			$count = (int) $wpdb->get_var( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
				$wpdb->prepare(
					"SELECT COUNT(*) FROM {$wpdb->postmeta} m INNER JOIN {$wpdb->posts} p ON p.ID = m.post_id
					WHERE m.meta_key = %s AND p.post_type = 'attachment' AND m.meta_value LIKE %s",
					Offload_Record::META_KEY,
					'%' . $wpdb->esc_like( serialize( 'local_removed' ) . serialize( true ) ) . '%' // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_serialize
				)
			);
		}
		return $count;
	}

	/** Media Cloud › Tools, where Download back is. */
	public static function download_back_url(): string {
		return admin_url( 'admin.php?page=' . Admin_Page::MENU_SLUG . '-tools' );
	}

	private static function on_plugins_screen(): bool {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		return null !== $screen && in_array( $screen->id, array( 'plugins', 'plugins-network' ), true ) && current_user_can( 'activate_plugins' );
	}

	public function notice(): void {
		if ( ! self::on_plugins_screen() ) {
			return;
		}
		$count = self::removed_count();
		if ( 0 === $count ) {
			return;
		}
		printf(
			'<div class="notice notice-warning" id="%1$s"><p><strong>%2$s</strong> %3$s</p><p><a class="button button-primary" href="%4$s">%5$s</a></p></div>',
			esc_attr( self::NOTICE_ID ),
			esc_html(
				sprintf(
					/* translators: %s: number of attachments. */
					_n(
						'WP Media Cloud: %s attachment is only in your bucket (its local copy was removed).',
						'WP Media Cloud: %s attachments are only in your bucket (their local copies were removed).',
						$count,
						'wp-media-cloud'
					),
					number_format_i18n( $count )
				)
			),
			esc_html__( 'Deactivating or deleting the plugin now breaks their images on every page: WordPress would link to files that are not on this server. Download them back first (Media Cloud › Tools › Download back), then deactivate.', 'wp-media-cloud' ),
			esc_url( self::download_back_url() ),
			esc_html__( 'Download back first', 'wp-media-cloud' )
		);
	}

	/**
	 * The Deactivate link asks first, with the count.
	 *
	 * @param array<int|string, string> $links Action links.
	 * @return array<int|string, string>
	 */
	public function action_links( $links ) {
		if ( ! isset( $links['deactivate'] ) || ! current_user_can( 'activate_plugins' ) ) {
			return $links;
		}
		$count = self::removed_count();
		if ( 0 === $count ) {
			return $links;
		}
		$question            = sprintf(
			/* translators: %s: number of attachments. */
			_n(
				'%s attachment is only in your bucket: deactivating WP Media Cloud breaks its images. Use Media Cloud › Tools › Download back first. Deactivate anyway?',
				'%s attachments are only in your bucket: deactivating WP Media Cloud breaks their images. Use Media Cloud › Tools › Download back first. Deactivate anyway?',
				$count,
				'wp-media-cloud'
			),
			number_format_i18n( $count )
		);
		$links['deactivate'] = preg_replace( '/^<a /', '<a onclick="' . esc_attr( 'return window.confirm(' . wp_json_encode( $question ) . ');' ) . '" ', $links['deactivate'], 1 ) ?? $links['deactivate'];
		return $links;
	}
}

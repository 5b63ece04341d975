<?php
/**
 * Runs when the plugin is deleted (Plugins › Delete, `wp plugin uninstall`), on every site of a network.
 *
 * Removed: the settings (with the storage access and secret keys), every option and transient of the plugin
 * (the pending-deletion queue, locks `_wp_media_cloud_lock_*`, the migration's and URL Replace's runs and their
 * backups, the health results, the sidecar set-up), the pending-upload markers, the Media Library's Verify
 * findings (`_wp_media_cloud_missing` postmeta), the retry cron event, the block
 * `wp media-cloud sidecar setup` added to wp-config.php (with the sidecar secret), the index of attachments by
 * file (`_wp_media_cloud_file_*` postmeta, rebuilt from `_wp_attached_file` when needed), and the background sidecar
 * that `wp media-cloud sidecar start` runs.
 *
 * Kept: the offload records (`_wp_media_cloud` postmeta, one per attachment). They are the only map of where each
 * attachment's files are (bucket, endpoint, every object key, whether the local copies were removed): without
 * them, files that exist only in the bucket cannot be found or downloaded back, and a reinstall would upload
 * everything again under new keys instead of serving the same URLs at once. A few hundred bytes per attachment,
 * never autoloaded. To delete them too, define in wp-config.php before deleting the plugin:
 *
 *     define( 'WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL', true );
 *
 * Never touched: the objects in the bucket, the sidecar's data folder (job database, environment file, log) and a
 * systemd unit `setup` installed; readme.txt says how to remove those.
 *
 * @package WP_Media_Cloud
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/inc/autoload.php';

/**
 * The plugin's options and transients on the current site (names only, so delete_option() keeps caches right).
 *
 * @return array<int, string>
 */
function wp_media_cloud_uninstall_option_names(): array {
	global $wpdb;
	$patterns = array( 'wp_media_cloud_', '_wp_media_cloud_', '_transient_wp_media_cloud_', '_transient_timeout_wp_media_cloud_', '_transient_wpmc_', '_transient_timeout_wpmc_' );
	$where    = implode( ' OR ', array_fill( 0, count( $patterns ), 'option_name LIKE %s' ) );
	$likes    = array_map( static fn ( string $prefix ): string => $wpdb->esc_like( $prefix ) . '%', $patterns );
	return $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE {$where}", $likes ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared
}

function wp_media_cloud_uninstall_site(): void {
	global $wpdb;
	foreach ( wp_media_cloud_uninstall_option_names() as $name ) {
		delete_option( $name );
	}
	wp_clear_scheduled_hook( WP_Media_Cloud\Pending_Queue::CRON_HOOK );
	// A pending marker only tells the plugin to offload that upload later; the files are local, nothing is lost.
	delete_metadata( 'post', 0, WP_Media_Cloud\Offload_Record::PENDING_META, '', true );
	// What the Media Library's Verify last found missing: a finding, found again by the next Verify.
	delete_metadata( 'post', 0, WP_Media_Cloud\Media_Library\Storage_Status::MISSING_META, '', true );
	// The index of attachments by file only speeds up URL Replace; it is rebuilt from `_wp_attached_file`.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $wpdb->esc_like( WP_Media_Cloud\Url_Replace\Attached_File_Index::KEY_PREFIX ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	if ( defined( 'WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL' ) && WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL ) {
		delete_metadata( 'post', 0, WP_Media_Cloud\Offload_Record::META_KEY, '', true );
	}
}

// Read before the options go: where the background sidecar keeps its pid file.
$wp_media_cloud_sidecar = WP_Media_Cloud\Cli\Sidecar_Runtime::state();

if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $wp_media_cloud_site_id ) {
		switch_to_blog( (int) $wp_media_cloud_site_id );
		wp_media_cloud_uninstall_site();
		restore_current_blog();
	}
	global $wpdb;
	$wp_media_cloud_network_options = $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", $wpdb->esc_like( 'wp_media_cloud_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	foreach ( $wp_media_cloud_network_options as $wp_media_cloud_name ) {
		delete_site_option( $wp_media_cloud_name );
	}
} else {
	wp_media_cloud_uninstall_site();
}

// The sidecar `wp media-cloud sidecar start` runs would only knock on a REST route that is gone.
if ( null !== $wp_media_cloud_sidecar ) {
	( new WP_Media_Cloud\Cli\Sidecar_Process( $wp_media_cloud_sidecar['data_dir'] ) )->stop( 5 );
}

// The sidecar secret goes with the settings; constants a person wrote by hand stay (only setup's block is removed).
WP_Media_Cloud\Cli\Wp_Config_Constants::remove_from_file();

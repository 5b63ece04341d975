<?php
/**
 * Plugin Name:       WP Media Cloud
 * Description:       Offloads the media library to S3-compatible cloud storage and serves it from there.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      8.1
 * Author:            WP Media Cloud
 * License:           GPL-2.0-or-later
 * Text Domain:       wp-media-cloud
 * Domain Path:       /languages
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

defined( 'ABSPATH' ) || exit;

const VERSION     = '0.1.0';
const PLUGIN_FILE = __FILE__;

require_once __DIR__ . '/inc/autoload.php';

add_action( 'plugins_loaded', array( Plugin::class, 'setup' ) );
register_deactivation_hook( __FILE__, array( Plugin::class, 'deactivate' ) );

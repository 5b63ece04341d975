<?php
/**
 * The `wp media-cloud` namespace: its description and examples for `wp help media-cloud`. WP-CLI reads them from
 * the class's own docblock (this file's docblock is not the class's).
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

// Only loaded under WP-CLI (Commands::register), where the parent class exists.

/**
 * Offloads the media library to S3-compatible storage and serves it from there.
 *
 * Every command works on the same services as the Media Cloud pages in
 * wp-admin, and needs the sidecar running on this server (see
 * `wp help media-cloud sidecar`).
 *
 * Exit codes, for scripts: 0 done; 1 could not run (bad input, the sidecar
 * does not answer, a critical health check, a run the storage refused);
 * 2 ran, but some attachments failed or `verify` found missing files.
 * With a machine format (`--format=json`, csv, yaml, count) stdout holds only
 * the data and messages go to stderr.
 *
 * ## EXAMPLES
 *
 *     # Set up and start the sidecar, then check the storage.
 *     wp media-cloud sidecar setup && wp media-cloud sidecar start
 *     wp media-cloud health
 *
 *     # Offload the existing library, then look for files lost on both sides.
 *     wp media-cloud migrate --concurrency=16
 *     wp media-cloud verify --format=json
 *
 *     # Rewrite the local upload URLs saved in posts to the cloud URLs.
 *     wp media-cloud replace --dry-run
 */
final class Root_Command extends \WP_CLI\Dispatcher\CommandNamespace {}

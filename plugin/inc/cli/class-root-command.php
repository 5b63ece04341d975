<?php
/**
 * Offloads the media library to S3-compatible storage: status, bulk migration, download back, checks.
 *
 * Exit codes: 0 done, 1 the command could not run (bad input, sidecar down, not configured),
 * 2 it ran but some items failed or files are missing (listed in the output).
 *
 * ## EXAMPLES
 *
 *     wp media-cloud status
 *     wp media-cloud migrate --concurrency=16
 *     wp media-cloud verify
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

// Only loaded under WP-CLI (Commands::register), where the parent class exists.
final class Root_Command extends \WP_CLI\Dispatcher\CommandNamespace {}

<?php
/**
 * `wp media-cloud status|migrate|pause|resume|cancel|offload|download|verify`: thin commands over the services
 * the REST API uses (Migration_Service, Status, Audit, Offloader), so both behave the same and the services are
 * tested directly. Exit codes: 0 done, 1 could not run, 2 ran but items failed or files are missing.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

use WP_Media_Cloud\Migration\Audit;
use WP_Media_Cloud\Migration\Migration_Service;
use WP_Media_Cloud\Migration\Status;
use WP_Media_Cloud\Offloader;

final class Migration_Command {

	public const EXIT_ITEMS_FAILED = 2;

	/** Answers that mean no attachment can be offloaded now: the command could not run (exit 1, docs/wp-cli.md). */
	private const SIDECAR_DOWN = array( 'wp_media_cloud_sidecar_unreachable', 'wp_media_cloud_sidecar_not_configured' );

	private Run_Report $report;

	public function __construct( Progress_Follower $follower ) {
		$this->report = new Run_Report( $follower );
	}

	/**
	 * Shows what is offloaded and the migration's progress.
	 *
	 * Offloaded vs total attachments and files, and the storage. Also lists the
	 * uploads waiting to be offloaded with their reason, why the migration paused
	 * if the sidecar paused it, and a warning while it waits for a storage that
	 * does not answer. A sidecar that does not answer is a warning here (exit 0):
	 * the numbers come from WordPress.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print the report: table or json (one object, with `migration` null
	 * when the sidecar does not answer).
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud status
	 *     wp media-cloud status --format=json | jq .attachments
	 */
	public function status( array $args, array $assoc_args ): void {
		$status    = Status::report();
		$migration = Migration_Service::progress();
		if ( 'json' === ( $assoc_args['format'] ?? 'table' ) ) {
			\WP_CLI::line( (string) wp_json_encode( $status + array( 'migration' => is_wp_error( $migration ) ? null : $migration ), JSON_UNESCAPED_SLASHES ) );
			return;
		}
		$a = $status['attachments'];
		/* translators: 1: attachments offloaded, 2: all attachments, 3: attachments pending, 4: attachments not offloaded. */
		\WP_CLI::line( sprintf( __( 'Attachments: %1$d of %2$d offloaded, %3$d pending, %4$d not offloaded.', 'wp-media-cloud' ), $a['offloaded'], $a['total'], $a['pending'], $a['not_offloaded'] ) );
		/* translators: 1: files offloaded, 2: all files. */
		\WP_CLI::line( sprintf( __( 'Files: %1$d of %2$d offloaded.', 'wp-media-cloud' ), $status['files']['offloaded'], $status['files']['total'] ) );
		/* translators: 1: storage provider, 2: bucket, 3: the URL files are served from. */
		// The provider by the name people know ("Cloudflare R2"), as the admin screens show it; the id is for scripts (--format=json).
		$provider = \WP_Media_Cloud\Settings_Providers::get( (string) $status['storage']['provider'] )['label'] ?? $status['storage']['provider'];
		\WP_CLI::line( sprintf( __( 'Storage: %1$s bucket "%2$s", served from %3$s', 'wp-media-cloud' ), $provider, $status['storage']['bucket'], $status['storage']['public_base'] ) );
		if ( is_wp_error( $migration ) ) {
			/* translators: %s: the error and what to do. */
			\WP_CLI::warning( sprintf( __( 'Migration progress unknown: %s', 'wp-media-cloud' ), Run_Report::message( $migration ) ) );
		} else {
			\WP_CLI::line( Run_Report::progress_line( $migration ) );
			Run_Report::warn_about_run( $migration );
		}
		if ( $status['pending'] ) {
			\WP_CLI\Utils\format_items( 'table', $status['pending'], array( 'id', 'title', 'reason' ) );
		}
	}

	/**
	 * Offloads every attachment not offloaded yet, in the background.
	 *
	 * Follows the run with a progress bar; the sidecar does the work, so Ctrl-C
	 * only stops watching. Exits 1 when the storage refuses the settings (the run
	 * pauses; fix them, then `wp media-cloud resume`), 2 when some attachments
	 * failed (listed with the fix).
	 *
	 * ## OPTIONS
	 *
	 * [--dry-run]
	 * : Only count the attachments, files and bytes that would be offloaded, and
	 * the files missing on disk.
	 *
	 * [--concurrency=<n>]
	 * : Uploads in parallel, 1-64 (default 32, the best of the benchmark in
	 * docs/benchmarks.md).
	 *
	 * [--detach]
	 * : Start (or resume) and return at once; the run goes on in the background.
	 *
	 * [--network]
	 * : On a multisite network: every site the plugin is active on, one after the
	 * other (each its own run and settings), then a table of every site and the total.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud migrate --dry-run
	 *     wp media-cloud migrate --concurrency=16
	 *     wp media-cloud migrate --detach && wp media-cloud status
	 */
	public function migrate( array $args, array $assoc_args ): void {
		$concurrency = null;
		if ( isset( $assoc_args['concurrency'] ) ) {
			$concurrency = filter_var( $assoc_args['concurrency'], FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1, 'max_range' => 64 ) ) );
			if ( false === $concurrency ) {
				/* translators: %s: the value given. */
				\WP_CLI::error( sprintf( __( '--concurrency must be a whole number from 1 to 64, not "%s".', 'wp-media-cloud' ), $assoc_args['concurrency'] ) );
			}
		}
		$dry_run = ! empty( $assoc_args['dry-run'] );
		if ( ! empty( $assoc_args['network'] ) ) {
			( new \WP_Media_Cloud\Network\Network_Migrate_Command( new Progress_Follower() ) )->run( $concurrency, ! empty( $assoc_args['detach'] ), $dry_run );
			return;
		}
		$started = Migration_Service::start( $dry_run, $concurrency );
		Run_Report::exit_on_error( $started );
		if ( $dry_run ) {
			/* translators: 1: number of attachments, 2: number of files, 3: their size, e.g. "12 MB", 4: files missing on disk. */
			\WP_CLI::success( sprintf( __( 'Dry run: %1$d attachments (%2$d files, %3$s) would be offloaded; %4$d files are missing on disk. Nothing was uploaded.', 'wp-media-cloud' ), $started['attachments'], $started['files'], size_format( $started['bytes'] ), $started['missing_files'] ) );
			return;
		}
		$this->report->finish( $started, static fn () => Migration_Service::progress(), __( 'Offloading attachments', 'wp-media-cloud' ), ! empty( $assoc_args['detach'] ), 'wp media-cloud resume' );
	}

	/**
	 * Pauses the migration; the uploads under way finish.
	 *
	 * Nothing new starts until `wp media-cloud resume`.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud pause
	 */
	public function pause( array $args, array $assoc_args ): void {
		self::change( 'paused', __( 'Migration paused. Resume with: wp media-cloud resume', 'wp-media-cloud' ) );
	}

	/**
	 * Resumes a paused migration in the background.
	 *
	 * `wp media-cloud migrate` resumes it too, and follows it with a progress bar.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud resume
	 */
	public function resume( array $args, array $assoc_args ): void {
		self::change( 'running', __( 'Migration resumed in the background. Follow it with: wp media-cloud status', 'wp-media-cloud' ) );
	}

	/**
	 * Cancels the migration; what was offloaded stays offloaded.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud cancel
	 */
	public function cancel( array $args, array $assoc_args ): void {
		self::change( 'cancelled', __( 'Migration cancelled. What was offloaded stays offloaded; start again with: wp media-cloud migrate', 'wp-media-cloud' ) );
	}

	/**
	 * Offloads the given attachments now, like a new upload.
	 *
	 * It takes the same path as a new upload. An offloaded attachment gets the
	 * files its record does not list yet; with --force every file is uploaded
	 * again (files whose local copy was removed are fetched back from the bucket
	 * first), e.g. after restoring a lost file. Exits 1 when the sidecar does not
	 * answer (nothing more is tried), 2 when some attachments failed.
	 *
	 * ## OPTIONS
	 *
	 * <id>...
	 * : Attachment IDs.
	 *
	 * [--force]
	 * : Upload every file again, also of attachments already offloaded.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud offload 42 43
	 *     wp media-cloud offload 42 --force
	 */
	public function offload( array $args, array $assoc_args ): void {
		$ids    = self::attachment_ids( $args );
		$force  = (bool) \WP_CLI\Utils\get_flag_value( $assoc_args, 'force', false );
		$bar    = \WP_CLI\Utils\make_progress_bar( __( 'Offloading', 'wp-media-cloud' ), count( $ids ) );
		$failed = array();
		$done   = 0;
		foreach ( $ids as $id ) {
			$outcome = Offloader::offload_on_request( $id, $force );
			if ( is_wp_error( $outcome ) && in_array( $outcome->get_error_code(), self::SIDECAR_DOWN, true ) ) {
				// Every next attachment would fail the same way: stop, as a command that could not run (exit 1).
				Output::stop_bar( $bar );
				/* translators: 1: attachment ID, 2: attachments offloaded, 3: attachments given, 4: the error and what to do. */
				\WP_CLI::error( sprintf( __( 'Stopped at attachment %1$d (%2$d of %3$d offloaded): %4$s', 'wp-media-cloud' ), $id, $done, count( $ids ), Run_Report::message( $outcome ) ) );
			}
			if ( is_wp_error( $outcome ) ) {
				$failed[] = array(
					'attachment_id' => $id,
					'reason'        => Run_Report::message( $outcome ),
				);
			} elseif ( 'unchanged' === $outcome ) {
				/* translators: %d: attachment ID. */
				\WP_CLI::log( sprintf( __( 'Attachment %d is already offloaded with all its files; add --force to upload them again.', 'wp-media-cloud' ), $id ) );
			} else {
				++$done;
			}
			$bar->tick();
		}
		$bar->finish();
		if ( $failed ) {
			\WP_CLI\Utils\format_items( 'table', $failed, array( 'attachment_id', 'reason' ) );
			/* translators: 1: attachments that failed, 2: attachments given. */
			// English keeps one form for every count, as before; other languages get theirs.
			\WP_CLI::warning( sprintf( _n( '%1$d of %2$d attachments could not be offloaded; they stay local and are retried with the pending uploads.', '%1$d of %2$d attachments could not be offloaded; they stay local and are retried with the pending uploads.', count( $failed ), 'wp-media-cloud' ), count( $failed ), count( $ids ) ) );
			\WP_CLI::halt( self::EXIT_ITEMS_FAILED );
		}
		// English keeps one form for every count (scripts read "1 attachments"); other languages get theirs.
		/* translators: %d: number of attachments. */
		\WP_CLI::success( sprintf( _n( '%d attachments offloaded.', '%d attachments offloaded.', $done, 'wp-media-cloud' ), $done ) );
	}

	/**
	 * Downloads local copies back from the bucket.
	 *
	 * E.g. before deactivating the plugin. Each attachment is fetched from the
	 * bucket its record names, in the background on the sidecar, followed with a
	 * progress bar. Exits 2 when some attachments failed (listed with the fix).
	 *
	 * ## OPTIONS
	 *
	 * [<id>...]
	 * : Attachment IDs.
	 *
	 * [--all]
	 * : Every offloaded attachment.
	 *
	 * [--detach]
	 * : Start and return at once; the download goes on in the background.
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud download 42 43
	 *     wp media-cloud download --all --detach
	 */
	public function download( array $args, array $assoc_args ): void {
		$all = ! empty( $assoc_args['all'] );
		if ( $all === (bool) $args ) {
			\WP_CLI::error( __( 'Give attachment IDs, or --all for every offloaded attachment (not both).', 'wp-media-cloud' ) );
		}
		$started = Migration_Service::start_download( $all ? null : self::attachment_ids( $args ) );
		Run_Report::exit_on_error( $started );
		$this->report->finish( $started, static fn () => Migration_Service::download_progress(), __( 'Downloading attachments', 'wp-media-cloud' ), ! empty( $assoc_args['detach'] ), __( 'the same wp media-cloud download command', 'wp-media-cloud' ), __( 'Download', 'wp-media-cloud' ) );
	}

	/**
	 * Lists attachments with files neither on disk nor in the bucket.
	 *
	 * The missing-files audit of the Health page. Attachments whose older
	 * storage (another bucket or provider) cannot be asked are listed apart as
	 * not checked, never as missing; the current storage or the sidecar not
	 * answering stops the audit (exit 1). Exits 2 when files are missing or
	 * attachments could not be checked. With a machine format stdout holds only
	 * the list, each row with its status, missing or unchecked (`[]` when there
	 * is none); the summary goes to stderr.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : How to print the list: table, csv, json, yaml or count.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - csv
	 *   - json
	 *   - yaml
	 *   - count
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp media-cloud verify
	 *     wp media-cloud verify --format=json | jq '.[] | select(.status == "missing") | .attachment_id'
	 */
	public function verify( array $args, array $assoc_args ): void {
		global $wpdb;
		$total  = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" );
		$bar    = Output::progress_bar( __( 'Checking attachments', 'wp-media-cloud' ), $total, $assoc_args );
		$seen   = 0;
		$result = Audit::run(
			static function ( int $checked ) use ( $bar, &$seen ): void {
				$bar->tick( $checked - $seen );
				$seen = $checked;
			}
		);
		Output::end_bar( $bar, ! is_wp_error( $result ) );
		Run_Report::exit_on_error( $result );
		Verify_Report::print( $result, $assoc_args );
	}

	private static function change( string $state, string $message ): void {
		Run_Report::exit_on_error( Migration_Service::change_state( $state ) );
		\WP_CLI::success( $message );
	}

	/** @return array<int, int> Validated attachment ids; any other input ends the command before anything runs. */
	private static function attachment_ids( array $args ): array {
		$ids = array();
		foreach ( $args as $arg ) {
			$id = filter_var( $arg, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
			if ( false === $id || 'attachment' !== get_post_type( $id ) ) {
				/* translators: %s: the value given. */
				\WP_CLI::error( sprintf( __( '"%s" is not the ID of an attachment. Nothing was done.', 'wp-media-cloud' ), $arg ) );
			}
			$ids[] = $id;
		}
		return array_values( array_unique( $ids ) );
	}
}

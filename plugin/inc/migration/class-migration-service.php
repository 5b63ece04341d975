<?php
/**
 * The migration and download-back services behind the REST API and WP-CLI alike: WordPress decides what to
 * migrate (the highest attachment id and the count at the start), the sidecar's job engine does the work in the
 * background and reports progress.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Attachment_Files;
use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Sidecar_Client;

final class Migration_Service {

	public const STATES = array( 'paused', 'running', 'cancelled' );

	private const ANNOUNCED_OPTION = 'wp_media_cloud_migration_announced';

	/** @return array<string, mixed>|\WP_Error */
	public static function progress() {
		$progress = self::run_call( 'GET', Run_Site::path( '/v1/migrations/current' ) );
		if ( is_array( $progress ) ) {
			self::announce_when_done( $progress );
		}
		return $progress;
	}

	/**
	 * Fires `wp_media_cloud_migration_done` once per finished run, the first time WordPress sees it finished
	 * (the Dashboard and `wp media-cloud migrate` follow progress until then), so page caches holding local
	 * URLs are purged.
	 *
	 * @param array<string, mixed> $progress The sidecar's progress of the latest run.
	 */
	private static function announce_when_done( array $progress ): void {
		if ( 'done' !== ( $progress['state'] ?? '' ) || empty( $progress['id'] ) ) {
			return;
		}
		if ( (string) get_option( self::ANNOUNCED_OPTION ) === (string) $progress['id'] ) {
			return;
		}
		update_option( self::ANNOUNCED_OPTION, (string) $progress['id'], false );
		/**
		 * Fires once when a bulk migration has finished.
		 *
		 * @param array<string, mixed> $progress Final counts: total, done, failed, bytes.
		 */
		do_action( 'wp_media_cloud_migration_done', $progress );
	}

	/**
	 * Starts the migration (or resumes a paused one). A dry run only counts what would be offloaded.
	 *
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function start( bool $dry_run = false, ?int $concurrency = null ) {
		if ( ! Settings::is_configured() ) {
			return new \WP_Error(
				'wp_media_cloud_not_configured',
				__( 'Storage is not configured yet.', 'wp-media-cloud' ),
				array(
					'status' => 409,
					'remedy' => __( 'Fill in the bucket and credentials under Media Cloud › Settings, run "Test connection", then start the migration.', 'wp-media-cloud' ),
				)
			);
		}
		$max_id = Library::max_id();
		if ( $dry_run ) {
			return self::dry_run( $max_id );
		}
		$payload = array(
			'max_id' => $max_id,
			'total'  => Library::count_not_offloaded( $max_id ),
			'site'   => Run_Site::identity(),
		);
		if ( null !== $concurrency ) {
			$payload['concurrency'] = $concurrency;
		}
		return self::run_call( 'POST', '/v1/migrations', $payload );
	}

	/** @return array<string, mixed>|\WP_Error */
	public static function change_state( string $state ) {
		$answer = self::run_call( 'PATCH', Run_Site::path( '/v1/migrations/current' ), array( 'state' => $state ) );
		if ( 'cancelled' === $state && ! is_wp_error( $answer ) ) {
			\WP_Media_Cloud\Attachment_Lock::release_migration_locks(); // Its queued items are nobody's now.
		}
		return $answer;
	}

	/** @return array<string, mixed>|\WP_Error */
	public static function download_progress() {
		return self::run_call( 'GET', Run_Site::path( '/v1/downloads/current' ) );
	}

	/** @return array<string, mixed>|\WP_Error Pauses, resumes or cancels the download back. */
	public static function change_download_state( string $state ) {
		return self::run_call( 'PATCH', Run_Site::path( '/v1/downloads/current' ), array( 'state' => $state ) );
	}

	/**
	 * Restores local copies of the selected attachments (or of all offloaded ones) from the bucket.
	 *
	 * @param array<int, int>|null $ids Attachment ids, or null for every offloaded attachment.
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function start_download( ?array $ids ) {
		global $wpdb;
		$total = null === $ids
			? (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key = %s", Offload_Record::META_KEY ) )
			: count( $ids );
		return self::run_call(
			'POST',
			'/v1/downloads',
			array(
				'ids'   => null === $ids ? null : array_values( array_map( 'intval', $ids ) ),
				'total' => $total,
				'site'  => Run_Site::identity(),
			)
		);
	}

	/**
	 * What a migration would do, without uploading: attachments, files and bytes, and files already missing.
	 *
	 * @return array<string, mixed>
	 */
	private static function dry_run( int $max_id ): array {
		$counts  = array(
			'dry_run'       => true,
			'attachments'   => 0,
			'files'         => 0,
			'bytes'         => 0,
			'missing_files' => 0,
		);
		$basedir = wp_get_upload_dir()['basedir'];
		$after   = 0;
		do {
			$ids = Library::not_offloaded_ids( $after, $max_id, 500 );
			\WP_Media_Cloud\Post_Cache::prime( $ids );
			foreach ( $ids as $id ) {
				$after = $id;
				++$counts['attachments'];
				foreach ( Attachment_Files::of( $id ) as $file ) {
					++$counts['files'];
					$size = @filesize( $basedir . '/' . $file['path'] ); // phpcs:ignore WordPress.PHP.NoSilencedErrors -- a missing file is counted, not warned about.
					false === $size ? ++$counts['missing_files'] : $counts['bytes'] += $size;
				}
			}
		} while ( count( $ids ) === 500 );
		return $counts;
	}

	/**
	 * A call to the sidecar's run routes: the progress it answers, worded in the site's language (Run_Words).
	 *
	 * @param array<string, mixed>|null $payload JSON body.
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function run_call( string $method, string $path, ?array $payload = null ) {
		return Run_Words::progress( self::sidecar( $method, $path, $payload ) );
	}

	/**
	 * A sidecar call whose failure carries an HTTP status for the REST API (503 when the sidecar is down).
	 *
	 * @param array<string, mixed>|null $payload JSON body.
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function sidecar( string $method, string $path, ?array $payload = null ) {
		$answer = Sidecar_Client::request( $method, $path, $payload, 60 );
		if ( is_wp_error( $answer ) ) {
			$data = (array) $answer->get_error_data();
			$answer->add_data( array( 'status' => empty( $data['status'] ) || $data['status'] >= 500 ? 503 : (int) $data['status'] ) + $data );
		}
		return $answer;
	}
}

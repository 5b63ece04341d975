<?php
/**
 * Routes only the sidecar calls (HMAC-signed) while it runs a migration or a download back: it asks for the
 * next page of attachments and sends back results, which are recorded through the same path as the upload hook.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Attachment_Lock;
use WP_Media_Cloud\Offload_Results;
use WP_Media_Cloud\Post_Cache;
use WP_Media_Cloud\Rest_Routes;
use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Storage_Location;
use WP_Media_Cloud\Upload_Paths;

final class Sidecar_Callbacks {

	private const MAX_PAGE = 500;

	public function register_routes(): void {
		$routes = array(
			'/sidecar/migration/page'    => 'migration_page',
			'/sidecar/migration/results' => 'migration_results',
			'/sidecar/moves/page'        => 'moves_page',
			'/sidecar/moves/results'     => 'migration_results', // Recorded alike: each result says it was a move.
			'/sidecar/downloads/page'    => 'downloads_page',
			'/sidecar/downloads/results' => 'downloads_results',
		);
		foreach ( $routes as $route => $method ) {
			register_rest_route(
				Rest_Routes::NAMESPACE,
				$route,
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, $method ),
					'permission_callback' => array( Rest_Routes::class, 'is_signed_by_sidecar' ),
				)
			);
		}
	}

	/** The next attachments to offload after the cursor, with the settings to upload them with. */
	public function migration_page( \WP_REST_Request $request ): \WP_REST_Response {
		$after  = (int) $request->get_param( 'after' );
		$limit  = min( self::MAX_PAGE, max( 0, (int) $request->get_param( 'limit' ) ) );
		$max_id = (int) $request->get_param( 'max_id' );
		$ids    = $limit > 0 ? Library::not_offloaded_ids( $after, $max_id, $limit ) : array();
		// A few queries for the whole page's posts and metadata: upload_item() reads both for every attachment.
		Post_Cache::prime( $ids, true );
		return new \WP_REST_Response(
			array(
				'settings'   => self::run_settings(),
				'items'      => array_map( array( Library::class, 'upload_item' ), $ids ),
				'next_after' => $ids ? end( $ids ) : $after,
				'done'       => count( $ids ) < $limit,
			)
		);
	}

	/** The next records after the cursor that name another storage, with the settings to upload them with. */
	public function moves_page( \WP_REST_Request $request ): \WP_REST_Response {
		$limit = min( self::MAX_PAGE, max( 0, (int) $request->get_param( 'limit' ) ) );
		$only  = $request->get_param( 'ids' );
		$page  = $limit > 0 ? Move_Service::page( (int) $request->get_param( 'after' ), $limit, is_array( $only ) ? array_map( 'intval', $only ) : null ) : array( 'items' => array(), 'next_after' => (int) $request->get_param( 'after' ), 'done' => true );
		return new \WP_REST_Response( array( 'settings' => self::run_settings() ) + $page );
	}

	/** Records confirmed uploads; answers with the ids recorded, so the sidecar re-sends only the others. */
	public function migration_results( \WP_REST_Request $request ): \WP_REST_Response {
		$results = (array) $request->get_param( 'results' );
		$new     = self::first_offloads( $results );
		$acknowledged = Offload_Results::apply( $results );
		Attachment_Lock::release_many( $acknowledged ); // Taken when the page was handed out.
		// The Dashboard's file counts follow the migration batch by batch, so they are exact when it finishes.
		Library_Counts::record_offloaded( array_intersect_key( $new, array_flip( $acknowledged ) ) );
		return new \WP_REST_Response( array( 'acknowledged' => $acknowledged ) );
	}

	/**
	 * The results for attachments that had no record yet (one query for the batch's metadata), with their local
	 * files by metadata and the files their new record will list.
	 *
	 * @param array<int, array<string, mixed>> $results The batch.
	 * @return array<int, array{local: int, offloaded: int}> By attachment id.
	 */
	private static function first_offloads( array $results ): array {
		$ids = array_map( static fn ( $result ) => (int) ( $result['attachment_id'] ?? 0 ), $results );
		Post_Cache::prime( $ids, true ); // Offload_Results::apply() reads the same cache.
		$new = array();
		foreach ( $results as $result ) {
			$id = (int) ( $result['attachment_id'] ?? 0 );
			if ( ! empty( $result['moved'] ) || isset( $result['keep'] ) || null !== Offload_Record::get( $id ) ) {
				continue;
			}
			$meta       = wp_get_attachment_metadata( $id, true );
			$new[ $id ] = array(
				'local'     => 1 + count( (array) ( $meta['sizes'] ?? array() ) ) + ( empty( $meta['original_image'] ) ? 0 : 1 ),
				'offloaded' => count( array_unique( array_column( (array) ( $result['objects'] ?? array() ), 'path' ) ) ),
			);
		}
		return $new;
	}

	public function downloads_page( \WP_REST_Request $request ): \WP_REST_Response {
		$after = (int) $request->get_param( 'after' );
		$limit = min( self::MAX_PAGE, max( 0, (int) $request->get_param( 'limit' ) ) );
		$only  = $request->get_param( 'ids' );
		$ids   = $limit > 0 ? Library::offloaded_ids( $after, $limit, is_array( $only ) ? array_map( 'intval', $only ) : null ) : array();
		Post_Cache::prime( $ids );
		$items = array();
		foreach ( $ids as $id ) {
			$record  = Offload_Record::get( $id );
			$items[] = array(
				'attachment_id' => $id,
				// Where this attachment went, which need not be where the settings point now.
				'provider'      => $record['provider'],
				'bucket'        => $record['bucket'],
			) + ( Storage_Location::is_current( $record ) || ! isset( $record['endpoint'] ) ? array() : array(
				'endpoint'      => (string) $record['endpoint'],
				'region'        => (string) ( $record['region'] ?? '' ),
			) ) + array(
				'files'         => array_map(
					static fn ( string $path, string $key ) => array(
						'path' => Upload_Paths::for_sidecar( $path ),
						'key'  => $key,
					),
					array_keys( Offload_Record::files( $record ) ),
					Offload_Record::files( $record )
				),
			);
		}
		return new \WP_REST_Response(
			array(
				'settings'   => self::run_settings(),
				'items'      => $items,
				'next_after' => $ids ? end( $ids ) : $after,
				'done'       => count( $ids ) < $limit,
			)
		);
	}

	/** Local copies restored: URLs may fall back to local files again, e.g. after deactivation. */
	public function downloads_results( \WP_REST_Request $request ): \WP_REST_Response {
		$acknowledged = array();
		foreach ( (array) $request->get_param( 'results' ) as $result ) {
			$id     = (int) ( $result['attachment_id'] ?? 0 );
			$record = get_post_meta( $id, Offload_Record::META_KEY, true );
			if ( is_array( $record ) ) {
				$record['local_removed'] = false;
				update_post_meta( $id, Offload_Record::META_KEY, $record );
			}
			$acknowledged[] = $id;
		}
		return new \WP_REST_Response( array( 'acknowledged' => $acknowledged ) );
	}

	/** @return array<string, mixed> */
	private static function run_settings(): array {
		return array(
			'storage'       => Settings::storage(),
			'cache_control' => (string) Settings::get( 'cache_control' ),
			// Verified (HEAD, same size) objects are the only ones whose local file may be removed.
			'verify'        => (bool) Settings::get( 'remove_local' ),
		);
	}
}

<?php
/**
 * The Dashboard's summary: offloaded vs total (images-not-loading Check 1), where files go, and the uploads
 * still waiting in the pending queue with their reason.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Pending_Queue;
use WP_Media_Cloud\Public_Url;
use WP_Media_Cloud\Settings;

final class Status {

	/** @return array<string, mixed> */
	public static function report(): array {
		$pending = array();
		foreach ( Pending_Queue::ids( 50 ) as $id ) {
			$marker    = Offload_Record::pending( $id );
			$pending[] = array(
				'id'     => $id,
				'title'  => get_the_title( $id ),
				'reason' => (string) ( $marker['reason'] ?? '' ),
				'since'  => (int) ( $marker['since'] ?? 0 ),
			);
		}
		$bucket = (string) Settings::get( 'bucket' );
		return Library::counts() + array(
			'storage' => array(
				'provider'    => (string) Settings::get( 'provider' ),
				'bucket'      => $bucket,
				'public_base' => '' === $bucket ? '' : Public_Url::base( $bucket ),
				'cdn_host'    => (string) Settings::get( 'cdn_host' ),
			),
			'pending' => $pending,
		);
	}
}

<?php
/**
 * "Is URL rewriting enabled?": with it off, every attachment URL stays local even for offloaded files.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Settings;

final class Rewrite_Urls_Check {

	/** @return array<string, mixed> */
	public static function run(): array {
		$label = __( 'URL rewriting', 'wp-media-cloud' );
		if ( Settings::get( 'rewrite_urls' ) ) {
			return Result::good( 'rewrite_urls', $label, __( 'Rewrite URLs is on: offloaded attachments are served from the bucket (or CDN).', 'wp-media-cloud' ) );
		}
		$offloaded = Offload_Status_Check::counts()['offloaded'];
		return Result::problem(
			'rewrite_urls',
			$label,
			'rewrite_off',
			/* translators: %d: number of offloaded attachments. */
			sprintf( __( 'Rewrite URLs is off: WordPress links all %d offloaded attachments to this server instead of the bucket.', 'wp-media-cloud' ), $offloaded ),
			__( 'Turn on Rewrite URLs in Media Cloud › Settings and save; attachment URLs switch to the bucket at once.', 'wp-media-cloud' ),
			$offloaded > 0 ? 'critical' : 'recommended',
			array( 'offloaded' => $offloaded )
		);
	}
}

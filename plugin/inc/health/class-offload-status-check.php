<?php
/**
 * "Did the bulk migration complete?": offloaded attachments against the whole library.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Offload_Record;
use WP_Media_Cloud\Settings;

final class Offload_Status_Check {

	/** @return array{total: int, offloaded: int} */
	public static function counts(): array {
		global $wpdb;
		$total     = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" );
		$offloaded = (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(DISTINCT m.post_id) FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE p.post_type = 'attachment' AND m.meta_key = %s",
				Offload_Record::META_KEY
			)
		);
		return array( 'total' => $total, 'offloaded' => $offloaded );
	}

	/** @return array<string, mixed> */
	public static function run(): array {
		$label  = __( 'Offloaded media', 'wp-media-cloud' );
		$counts = self::counts();
		if ( 0 === $counts['total'] ) {
			return Result::good( 'offload_status', $label, __( 'No attachments yet: new uploads go to the bucket.', 'wp-media-cloud' ), $counts );
		}
		if ( $counts['offloaded'] >= $counts['total'] ) {
			/* translators: %s: number of attachments. */
			$all = _n( '%s attachment is offloaded.', 'All %s attachments are offloaded.', $counts['total'], 'wp-media-cloud' );
			return Result::good( 'offload_status', $label, sprintf( $all, number_format_i18n( $counts['total'] ) ), $counts );
		}
		$missing = $counts['total'] - $counts['offloaded'];
		$removal = Settings::get( 'remove_local' ) ? __( ' Local file removal is on, so any of them whose local file is gone cannot load.', 'wp-media-cloud' ) : '';
		return Result::problem(
			'offload_status',
			$label,
			'not_offloaded',
			/* translators: 1: offloaded count, 2: total, 3: not offloaded. */
			sprintf( __( '%1$d of %2$d attachments are offloaded; %3$d are still served from this server.', 'wp-media-cloud' ), $counts['offloaded'], $counts['total'], $missing ) . $removal,
			__( 'Go to Media Cloud › Dashboard and click Start Migration to offload the rest; fix any failing storage check above first.', 'wp-media-cloud' ),
			'recommended',
			$counts
		);
	}
}

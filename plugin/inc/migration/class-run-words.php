<?php
/**
 * A run's progress (migration, download back, move) worded in the site's language before anyone reads it: the
 * sidecar sends an item's failure, the reason a run paused itself and why it waits for the storage as English
 * with the same sentences as codes beside it (`said`: `{ message, remedy }` of `{ code, params }`, see
 * sidecar/src/jobs/error-said.ts). The codes are worded with Health\Messages, the one catalog; without them (an
 * older sidecar, or an error the catalog has no sentence for) the sidecar's English is kept as it came.
 *
 * Every service that passes progress on calls this (Migration_Service, Move_Service), so the REST routes the
 * Dashboard and Tools read and the WP-CLI reports (Run_Report) show the same words.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Migration;

use WP_Media_Cloud\Health\Messages;

final class Run_Words {

	/**
	 * The progress with `reason`/`message` and `remedy` in the site's language and the codes taken out (the REST
	 * shape stays what it was). A WP_Error or any other answer is returned as it is.
	 *
	 * @param mixed $progress The sidecar's answer.
	 * @return mixed
	 */
	public static function progress( $progress ) {
		if ( ! is_array( $progress ) ) {
			return $progress;
		}
		if ( isset( $progress['errors'] ) && is_array( $progress['errors'] ) ) {
			$progress['errors'] = array_map( static fn ( $error ) => is_array( $error ) ? self::worded( $error, 'reason' ) : $error, $progress['errors'] );
		}
		foreach ( array( 'paused_reason', 'waiting_for_storage' ) as $key ) {
			if ( isset( $progress[ $key ] ) && is_array( $progress[ $key ] ) ) {
				$progress[ $key ] = self::worded( $progress[ $key ], 'message' );
			}
		}
		return $progress;
	}

	/**
	 * One error with its sentence (under `$sentence_key`) and remedy from its codes, when it has them.
	 *
	 * @param array<string, mixed> $error `{ …, remedy, said? }`.
	 * @return array<string, mixed>
	 */
	private static function worded( array $error, string $sentence_key ): array {
		$words = Messages::said( $error['said'] ?? null );
		unset( $error['said'] );
		if ( null === $words ) {
			return $error;
		}
		if ( '' !== $words['message'] ) {
			$error[ $sentence_key ] = $words['message'];
		}
		if ( '' !== $words['remedy'] ) {
			$error['remedy'] = $words['remedy'];
		}
		return $error;
	}
}

<?php
/**
 * The storage checks that run in the sidecar (connectivity, credentials, upload, public access, CDN, clock).
 * WordPress → sidecar is checked here first: when the sidecar does not answer, that is the cause, named with its fix.
 * The sidecar answers with message codes; Messages words them in the site's language.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Sidecar_Client;

final class Sidecar_Checks {

	/**
	 * The sidecar's check ids in report order, from the contract (plugin/contract.json).
	 *
	 * @return array<int, string>
	 */
	public static function ids(): array {
		return \WP_Media_Cloud\Contract::sidecar_checks();
	}

	/**
	 * @param array<int, string> $checks Which of ids() to run.
	 * @return array<int, array<string, mixed>>
	 */
	public static function run( array $checks ): array {
		if ( ! $checks ) {
			return array();
		}
		$problem = self::cannot_run();
		if ( null !== $problem ) {
			return self::all_blocked( $checks, $problem );
		}
		$answer = Sidecar_Client::request(
			'POST',
			'/v1/health',
			array(
				'storage'       => Settings::storage(),
				'checks'        => array_values( $checks ),
				'object_prefix' => Settings::object_prefix(),
			),
			60
		);
		if ( is_wp_error( $answer ) ) {
			$data = (array) $answer->get_error_data();
			$down = 'wp_media_cloud_sidecar_unreachable' === $answer->get_error_code();
			return self::all_blocked(
				$checks,
				Result::problem(
					'connectivity',
					__( 'API connectivity', 'wp-media-cloud' ),
					$down ? 'sidecar_unreachable' : 'sidecar_error',
					$answer->get_error_message(),
					(string) ( $data['remedy'] ?? '' )
				)
			);
		}
		// The sidecar sends codes; the sentences, in the site's language, are WordPress' (Messages).
		$labels = Runner::labels();
		$worded = array();
		foreach ( (array) ( $answer['results'] ?? array() ) as $raw ) {
			$test     = (string) ( $raw['test'] ?? '' );
			$worded[] = Messages::result( (array) $raw, $labels[ $test ] ?? $test );
		}
		return $worded;
	}

	/** Problems found before asking the sidecar: nothing configured yet, or a wp-config.php constant refused. */
	private static function cannot_run(): ?array {
		if ( ! Sidecar_Client::is_configured() ) {
			return Result::problem( 'connectivity', __( 'API connectivity', 'wp-media-cloud' ), 'sidecar_not_configured', __( 'WordPress cannot talk to the Media Cloud sidecar: it is not configured.', 'wp-media-cloud' ), __( 'Define WP_MEDIA_CLOUD_SIDECAR_SECRET (at least 32 characters) and WP_MEDIA_CLOUD_SIDECAR_URL in wp-config.php, and start the sidecar with the same secret.', 'wp-media-cloud' ) );
		}
		$constant_errors = \WP_Media_Cloud\Settings_Constants::errors();
		if ( $constant_errors ) {
			$key = (string) array_key_first( $constant_errors );
			/* translators: %s: PHP constant name. */
			$fix = sprintf( __( 'Correct %s in wp-config.php (or remove it to set the value in Media Cloud › Settings). Offloading waits until then; new uploads stay on this server.', 'wp-media-cloud' ), Settings::constant_name( $key ) );
			return Result::problem( 'connectivity', __( 'API connectivity', 'wp-media-cloud' ), 'constant_invalid', implode( ' ', $constant_errors ), $fix );
		}
		if ( '' === (string) Settings::get( 'bucket' ) ) {
			return Result::problem( 'credentials', __( 'Storage credentials', 'wp-media-cloud' ), 'not_configured', __( 'No bucket is configured yet.', 'wp-media-cloud' ), __( 'Choose your provider and enter the bucket and keys in Media Cloud › Settings.', 'wp-media-cloud' ) );
		}
		return null;
	}

	/**
	 * The blocking result for its own check, and "not tested" for the others.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	private static function all_blocked( array $checks, array $problem ): array {
		$labels  = Runner::labels();
		$results = array();
		foreach ( self::ids() as $id ) {
			if ( ! in_array( $id, $checks, true ) ) {
				continue;
			}
			$results[] = $id === $problem['test'] ? $problem : Result::problem( $id, $labels[ $id ], 'not_tested', sprintf( /* translators: %s: label of the failing check. */ __( 'Not tested: %s failed first.', 'wp-media-cloud' ), $problem['label'] ), $problem['fix'], 'recommended' );
		}
		if ( ! in_array( $problem['test'], $checks, true ) ) {
			array_unshift( $results, $problem ); // The cause must be visible even when its check was not asked for.
		}
		return $results;
	}
}

<?php
/**
 * Builds one health result in the Site Health shape the REST contract uses:
 * `{ test, label, status: good|recommended|critical, description, actions, cause?, fix? }`.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Result {

	/** @return array<string, mixed> */
	public static function good( string $test, string $label, string $description, array $details = array() ): array {
		return array(
			'test'        => $test,
			'label'       => $label,
			'status'      => 'good',
			'description' => $description,
			'actions'     => '',
			'details'     => (object) $details,
		);
	}

	/**
	 * @param string $status 'critical' or 'recommended'.
	 * @return array<string, mixed>
	 */
	public static function problem( string $test, string $label, string $cause, string $description, string $fix, string $status = 'critical', array $details = array() ): array {
		return array(
			'test'        => $test,
			'label'       => $label,
			'status'      => $status,
			'description' => $description,
			'actions'     => $fix,
			'cause'       => $cause,
			'fix'         => $fix,
			'details'     => (object) $details,
		);
	}
}

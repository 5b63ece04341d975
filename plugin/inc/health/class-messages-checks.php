<?php
/**
 * The sentences of the sidecar's connectivity, credentials, upload and clock checks (codes from
 * sidecar/src/health/health-messages.ts). Each entry: the sentence, then the names of its parameters in
 * placeholder order. Rendered by Messages.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages_Checks {

	/** @return array<string, array<int, string>> */
	public static function catalog(): array {
		return array(
			'check.not_tested_unreachable'    => array( __( 'Not tested: the storage endpoint cannot be reached (see API connectivity).', 'wp-media-cloud' ) ),
			'check.upload_first.fix'          => array(
				/* translators: %s: what to do about the upload failure. */
				__( 'Fix the upload test first: %s', 'wp-media-cloud' ),
				'remedy',
			),

			'connectivity.reached'            => array(
				/* translators: 1: storage endpoint URL, 2: DNS time in milliseconds, 3: TCP connect time in milliseconds, 4: time to first byte in milliseconds. */
				__( 'The sidecar reaches %1$s (DNS %2$d ms, TCP %3$d ms, first byte after %4$d ms).', 'wp-media-cloud' ),
				'endpoint',
				'dns_ms',
				'tcp_ms',
				'ttfb_ms',
			),
			'connectivity.reached_tls'        => array(
				/* translators: 1: storage endpoint URL, 2: DNS time in milliseconds, 3: TCP connect time in milliseconds, 4: TLS handshake time in milliseconds, 5: time to first byte in milliseconds. */
				__( 'The sidecar reaches %1$s (DNS %2$d ms, TCP %3$d ms, TLS %4$d ms, first byte after %5$d ms).', 'wp-media-cloud' ),
				'endpoint',
				'dns_ms',
				'tcp_ms',
				'tls_ms',
				'ttfb_ms',
			),
			'connectivity.no_answer'          => array(
				/* translators: 1: host:port, 2: network step (DNS or TCP), 3: milliseconds. */
				__( '%1$s did not answer at all (%2$s step timed out after %3$d ms): outbound connections from this server look blocked.', 'wp-media-cloud' ),
				'where',
				'step',
				'timeout_ms',
			),
			'connectivity.no_answer.fix'      => array(
				/* translators: 1: HTTP or HTTPS, 2: host name, 3: port number. */
				__( 'Ask your host to allow outbound %1$s connections from this server to %2$s on port %3$d; if the endpoint should not use port %3$d, correct the endpoint URL.', 'wp-media-cloud' ),
				'scheme',
				'host',
				'port',
			),
			'connectivity.silent'             => array(
				/* translators: 1: host:port, 2: network step (TLS or HTTP), 3: milliseconds. */
				__( '%1$s accepted the connection but sent no answer (%2$s step timed out after %3$d ms): the storage server is stuck or overloaded, or the port belongs to another service.', 'wp-media-cloud' ),
				'where',
				'step',
				'timeout_ms',
			),
			'connectivity.silent.fix'         => array(
				/* translators: 1: host:port, 2: HTTP or HTTPS. */
				__( 'Check the storage server at %1$s: its provider’s status page, or for a self-hosted one its log, and restart it; check that %1$s is the storage’s %2$s endpoint and not another service.', 'wp-media-cloud' ),
				'where',
				'scheme',
			),
			'connectivity.failed_at_step'     => array(
				/* translators: 1: what went wrong (a sentence), 2: network step (DNS, TCP, TLS or HTTP). */
				__( '%1$s (failed at the %2$s step)', 'wp-media-cloud' ),
				'error',
				'step',
			),

			'credentials.missing_access_key'  => array( __( 'The access key is not set.', 'wp-media-cloud' ) ),
			'credentials.missing_secret_key'  => array( __( 'The secret key is not set.', 'wp-media-cloud' ) ),
			'credentials.missing_keys'        => array( __( 'The access key and secret key are not set.', 'wp-media-cloud' ) ),
			'credentials.missing_zone_password' => array( __( 'The storage zone password is not set.', 'wp-media-cloud' ) ),
			'credentials.accepted'            => array(
				/* translators: 1: storage provider name, 2: bucket name. */
				__( '%1$s accepted the keys and the bucket "%2$s" can be listed.', 'wp-media-cloud' ),
				'provider',
				'bucket',
			),

			'upload.read_only_key'            => array(
				/* translators: 1: storage provider name, 2: bucket name. */
				__( '%1$s refused to store a test file: the keys can read but not write to "%2$s".', 'wp-media-cloud' ),
				'provider',
				'bucket',
			),
			'upload.put_failed'               => array(
				/* translators: %s: what went wrong (a sentence). */
				__( 'Uploading a test file failed: %s', 'wp-media-cloud' ),
				'error',
			),
			'upload.read_back_differs'        => array( __( 'The test file read back from the bucket differs from what was uploaded.', 'wp-media-cloud' ) ),
			'upload.read_back_missing'        => array( __( 'The test file read back from the bucket is missing right after its upload.', 'wp-media-cloud' ) ),
			'upload.not_faithful.fix'         => array( __( 'The endpoint does not store files faithfully: check that it is really S3-compatible, or a proxy in front of it rewrites bodies.', 'wp-media-cloud' ) ),
			'upload.delete_ignored'           => array( __( 'The test file is still in the bucket after it was deleted.', 'wp-media-cloud' ) ),
			'upload.delete_ignored.fix'       => array(
				/* translators: %s: how to give the keys write access at this provider (a sentence). */
				__( '%s Deleting is needed for mirror deletion and clean-up.', 'wp-media-cloud' ),
				'write_hint',
			),
			'upload.delete_denied'            => array(
				/* translators: %s: bucket name. */
				__( 'The keys can upload but not read back or delete files in "%s".', 'wp-media-cloud' ),
				'bucket',
			),
			'upload.read_or_delete_failed'    => array(
				/* translators: %s: what went wrong (a sentence). */
				__( 'Reading back or deleting the test file failed: %s', 'wp-media-cloud' ),
				'error',
			),
			'upload.passed'                   => array(
				/* translators: 1: URL of the test file, 2-5: milliseconds to upload, read back, load as a visitor and delete it. */
				__( 'A test file was uploaded, read back, loaded by a visitor’s request at %1$s (the URL pages use) and deleted (put %2$d ms, get %3$d ms, public %4$d ms, delete %5$d ms).', 'wp-media-cloud' ),
				'url',
				'put_ms',
				'get_ms',
				'page_ms',
				'delete_ms',
			),
			'upload.passed_without_acl'       => array(
				/* translators: 1: URL of the test file, 2-5: milliseconds to upload, read back, load as a visitor and delete it. */
				__( 'A test file was uploaded, read back, loaded by a visitor’s request at %1$s (the URL pages use) and deleted (put %2$d ms, get %3$d ms, public %4$d ms, delete %5$d ms). The bucket refuses ACL headers (bucket owner enforced); uploads are sent without them.', 'wp-media-cloud' ),
				'url',
				'put_ms',
				'get_ms',
				'page_ms',
				'delete_ms',
			),

			'clock.no_date'                   => array( __( 'The endpoint sent no Date header, so the clock could not be compared.', 'wp-media-cloud' ) ),
			'clock.ntp.fix'                   => array( __( 'Synchronise this server’s clock with NTP (e.g. `timedatectl set-ntp true`), or ask your host to.', 'wp-media-cloud' ) ),
			'clock.ahead_refused'             => array(
				/* translators: %d: seconds. */
				__( 'This server’s clock is %d s ahead of the storage endpoint’s: signed requests will be refused (RequestTimeTooSkewed).', 'wp-media-cloud' ),
				'seconds',
			),
			'clock.behind_refused'            => array(
				/* translators: %d: seconds. */
				__( 'This server’s clock is %d s behind the storage endpoint’s: signed requests will be refused (RequestTimeTooSkewed).', 'wp-media-cloud' ),
				'seconds',
			),
			'clock.ahead'                     => array(
				/* translators: %d: seconds. */
				__( 'This server’s clock is %d s ahead of the storage endpoint’s.', 'wp-media-cloud' ),
				'seconds',
			),
			'clock.behind'                    => array(
				/* translators: %d: seconds. */
				__( 'This server’s clock is %d s behind the storage endpoint’s.', 'wp-media-cloud' ),
				'seconds',
			),
			'clock.agrees'                    => array(
				/* translators: %d: seconds between this server's clock and the storage endpoint's. */
				__( 'This server’s clock agrees with the storage endpoint’s (%d s apart).', 'wp-media-cloud' ),
				'seconds',
			),
		);
	}
}

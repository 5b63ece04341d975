<?php
/**
 * The sentences of the checks that load files the way visitors do: the URL pages use (part of the upload check),
 * public access and the CDN (codes from sidecar/src/health/health-messages.ts). Each entry: the sentence, then
 * the names of its parameters in placeholder order. Rendered by Messages.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages_Urls {

	/** @return array<string, array<int, string>> */
	public static function catalog(): array {
		return array(
			'page_url.no_public_url'          => array(
				/* translators: %s: storage provider name. */
				__( 'A test file was uploaded, but %s has no public URL that can be derived from the settings, so pages cannot show files from the bucket.', 'wp-media-cloud' ),
				'provider',
			),
			'page_url.invalid'                => array(
				/* translators: %s: URL of the test file. */
				__( 'A test file was uploaded and read back, but the URL pages use for files, %s, is not a valid URL, so browsers cannot load it.', 'wp-media-cloud' ),
				'url',
			),
			'page_url.unreachable'            => array(
				/* translators: 1: URL of the test file, 2: what went wrong (a sentence). */
				__( 'A test file was uploaded and read back, but the URL pages use for files, %1$s, cannot be reached: %2$s', 'wp-media-cloud' ),
				'url',
				'error',
			),
			'page_url.denied'                 => array(
				/* translators: 1: URL of the test file, 2: HTTP status code. */
				__( 'A test file was uploaded and read back, but the URL pages use for files, %1$s, answers HTTP %2$d (Access Denied) to visitors.', 'wp-media-cloud' ),
				'url',
				'status',
			),
			'page_url.not_found'              => array(
				/* translators: %s: URL of the test file. */
				__( 'A test file was uploaded and read back, but the URL pages use for files, %s, answers HTTP 404 for a file that is in the bucket.', 'wp-media-cloud' ),
				'url',
			),
			'page_url.other_content'          => array(
				/* translators: 1: URL of the test file, 2: HTTP status code. */
				__( 'A test file was uploaded and read back, but the URL pages use for files, %1$s, answers HTTP %2$d with other content than the file in the bucket.', 'wp-media-cloud' ),
				'url',
				'status',
			),
			'page_url.loads_virtual_hosted'   => array(
				/* translators: 1: what the URL pages use answered (a sentence), 2: the URL where the file loads. */
				__( '%1$s The same file loads at %2$s: this endpoint serves buckets as subdomains (virtual-hosted style).', 'wp-media-cloud' ),
				'failure',
				'working_url',
			),
			'page_url.loads_path_style'       => array(
				/* translators: 1: what the URL pages use answered (a sentence), 2: the URL where the file loads. */
				__( '%1$s The same file loads at %2$s: this endpoint serves buckets only in the path (path style).', 'wp-media-cloud' ),
				'failure',
				'working_url',
			),
			'page_url.turn_path_style_on.fix' => array(
				/* translators: %s: base URL files would be served from. */
				__( 'Turn on “Path-Style URLs” in Media Cloud › Settings and save: pages then show files from %s/….', 'wp-media-cloud' ),
				'base',
			),
			'page_url.turn_path_style_off.fix' => array(
				/* translators: %s: base URL files would be served from. */
				__( 'Turn off “Path-Style URLs” in Media Cloud › Settings and save: pages then show files from %s/….', 'wp-media-cloud' ),
				'base',
			),
			'page_url.cdn_typo.fix'           => array(
				/* translators: %s: CDN host name. */
				__( 'Check the CDN host setting (%s) for a typo: it must be the host name your CDN gave you. Clear it to serve files from the bucket’s own URL.', 'wp-media-cloud' ),
				'host',
			),
			'page_url.cdn_origin.fix'         => array(
				/* translators: 1: the bucket's public URL, 2: CDN host name. */
				__( 'Point the CDN’s origin at the bucket’s public URL (%1$s), or correct the CDN host setting (%2$s).', 'wp-media-cloud' ),
				'public_base',
				'host',
			),
			'page_url.cdn_origin_unknown.fix' => array(
				/* translators: %s: CDN host name. */
				__( 'Point the CDN’s origin at the bucket’s public URL, or correct the CDN host setting (%s).', 'wp-media-cloud' ),
				'host',
			),
			'page_url.public_url_setting.fix' => array( __( 'Set the public URL setting to the address that serves this bucket (check the bucket name and path in it), or clear it to use the bucket’s own URL.', 'wp-media-cloud' ) ),
			'page_url.check_endpoint.fix'     => array( __( 'Check the endpoint and region settings, or enter the address that serves this bucket’s files as the public URL.', 'wp-media-cloud' ) ),
			'page_url.enter_public_url.fix'   => array(
				/* translators: %s: how to make the bucket public at this provider (a sentence). */
				__( 'Enter the address that serves this bucket’s files as the public URL. %s', 'wp-media-cloud' ),
				'public_hint',
			),

			'public_access.no_public_url'     => array(
				/* translators: %s: storage provider name. */
				__( '%s has no public URL that can be derived from the settings, so files cannot be shown to visitors.', 'wp-media-cloud' ),
				'provider',
			),
			'public_access.not_tested'        => array( __( 'Public access could not be tested because no test file could be uploaded.', 'wp-media-cloud' ) ),
			'public_access.unreachable'       => array(
				/* translators: 1: the bucket's public URL, 2: what went wrong (a sentence). */
				__( 'The public URL %1$s cannot be reached: %2$s', 'wp-media-cloud' ),
				'base',
				'error',
			),
			'public_access.unreachable.fix'   => array(
				/* translators: %s: what to do about the connection failure (a sentence). */
				__( 'Check the public URL setting. %s', 'wp-media-cloud' ),
				'remedy',
			),
			'public_access.denied'            => array(
				/* translators: 1: HTTP status code, 2: the bucket's public URL. */
				__( 'Files are in the bucket but visitors get HTTP %1$d (Access Denied) at %2$s: the bucket is not publicly readable.', 'wp-media-cloud' ),
				'status',
				'base',
			),
			'public_access.not_found'         => array(
				/* translators: %s: the bucket's public URL. */
				__( 'The public URL %s does not serve this bucket\'s files (HTTP 404 for a file that exists).', 'wp-media-cloud' ),
				'base',
			),
			'public_access.not_found.fix'     => array( __( 'Set the public URL to the address that serves this bucket (check the bucket name and path in it), or clear it to use the derived one.', 'wp-media-cloud' ) ),
			'public_access.other_content'     => array(
				/* translators: 1: the bucket's public URL, 2: HTTP status code. */
				__( 'The public URL %1$s answered HTTP %2$d with other content than the file in the bucket.', 'wp-media-cloud' ),
				'base',
				'status',
			),
			'public_access.other_content.fix' => array( __( 'Set the public URL to the address that serves this bucket.', 'wp-media-cloud' ) ),
			'public_access.passed'            => array(
				/* translators: %s: the bucket's public URL. */
				__( 'Visitors can read files at %s.', 'wp-media-cloud' ),
				'base',
			),

			'cdn.none'                        => array( __( 'No CDN host is configured: files are served from the bucket’s public URL.', 'wp-media-cloud' ) ),
			'cdn.not_tested'                  => array( __( 'The CDN could not be tested because no test file could be uploaded.', 'wp-media-cloud' ) ),
			'cdn.unreachable'                 => array(
				/* translators: 1: CDN host name, 2: what went wrong (a sentence). */
				__( 'The CDN host %1$s cannot be reached: %2$s', 'wp-media-cloud' ),
				'host',
				'error',
			),
			'cdn.unreachable.fix'             => array(
				/* translators: %s: what to do about the connection failure (a sentence). */
				__( 'Check the CDN host setting for a typo (it must be the host name your CDN gave you). %s', 'wp-media-cloud' ),
				'remedy',
			),
			'cdn.passed'                      => array(
				/* translators: 1: CDN host name, 2: milliseconds. */
				__( 'The CDN host %1$s serves the bucket’s files (same bytes, %2$d ms).', 'wp-media-cloud' ),
				'host',
				'ms',
			),
			'cdn.not_pulling'                 => array(
				/* translators: 1: CDN host name, 2: HTTP status code. */
				__( 'The CDN host %1$s answers, but not with this bucket’s files (HTTP %2$d for a file that is in the bucket): the CDN does not pull from the bucket.', 'wp-media-cloud' ),
				'host',
				'status',
			),
			'cdn.not_pulling.fix'             => array(
				/* translators: %s: the bucket's public URL. */
				__( 'Point your CDN pull zone’s origin at the bucket’s public URL (%s), or correct the CDN host setting.', 'wp-media-cloud' ),
				'public_base',
			),
			'cdn.not_pulling_no_base.fix'     => array( __( 'Point your CDN pull zone’s origin at the bucket’s public URL, or correct the CDN host setting.', 'wp-media-cloud' ) ),
			'cdn.wrong_host'                  => array(
				/* translators: 1: CDN host name, 2: HTTP status code, 3: number of bytes. */
				__( 'The CDN host %1$s serves other content than the bucket (HTTP %2$d, %3$d bytes that differ from the test file): it is the wrong host or points at another origin.', 'wp-media-cloud' ),
				'host',
				'status',
				'bytes',
			),
			'cdn.wrong_host.fix'              => array(
				/* translators: %s: the bucket's public URL. */
				__( 'Set the CDN host to the host name of the CDN that pulls from this bucket (origin %s).', 'wp-media-cloud' ),
				'public_base',
			),
			'cdn.wrong_host_no_base.fix'      => array( __( 'Set the CDN host to the host name of the CDN that pulls from this bucket.', 'wp-media-cloud' ) ),
		);
	}
}

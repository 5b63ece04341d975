<?php
/**
 * The sentences of storage errors as the sidecar classifies them (codes from sidecar/src/storage/storage-messages.ts,
 * chosen in classify-error.ts): what happened, and what to do (`.fix`). Health results carry them as codes; each
 * entry: the sentence, then the names of its parameters in placeholder order. Rendered by Messages.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages_Storage {

	/** @return array<string, array<int, string>> */
	public static function catalog(): array {
		return array(
			'storage.the_endpoint'                 => array( __( 'the endpoint', 'wp-media-cloud' ) ),
			'storage.copy_keys_again'              => array( __( 'Copy the keys again from your provider’s dashboard.', 'wp-media-cloud' ) ),
			'storage.invalid_access_key'           => array( __( 'The storage provider does not know this access key.', 'wp-media-cloud' ) ),
			'storage.invalid_access_key.fix'       => array(
				/* translators: %s: where this provider's keys come from (a sentence). */
				__( 'Check the access key for a missing character or a trailing space. %s', 'wp-media-cloud' ),
				'credentials_hint',
			),
			'storage.signature_mismatch'           => array( __( 'The secret key does not match the access key (SignatureDoesNotMatch).', 'wp-media-cloud' ) ),
			'storage.signature_mismatch.fix'       => array(
				/* translators: %s: where this provider's keys come from (a sentence). */
				__( 'Paste the secret key again exactly as your provider shows it, without a trailing space; if it was lost, create a new key. %s', 'wp-media-cloud' ),
				'credentials_hint',
			),
			'storage.bunny_unauthorized'           => array(
				/* translators: %s: Bunny storage zone name. */
				__( 'Bunny refused the storage zone password for zone "%s" (401 Unauthorized).', 'wp-media-cloud' ),
				'zone',
			),
			'storage.bunny_unauthorized.fix'       => array(
				/* translators: %s: where the storage zone password is (a sentence). */
				__( '%s Check the zone name too: it is case-sensitive.', 'wp-media-cloud' ),
				'credentials_hint',
			),
			'storage.bucket_not_found'             => array(
				/* translators: 1: bucket name, 2: storage endpoint URL. */
				__( 'The bucket "%1$s" does not exist at %2$s.', 'wp-media-cloud' ),
				'bucket',
				'endpoint',
			),
			'storage.bucket_not_found_here'        => array(
				/* translators: %s: bucket name. */
				__( 'The bucket "%s" does not exist at this endpoint.', 'wp-media-cloud' ),
				'bucket',
			),
			'storage.bucket_not_found.fix'         => array( __( 'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.', 'wp-media-cloud' ) ),
			'storage.wrong_region'                 => array(
				/* translators: %s: bucket name. */
				__( 'The bucket "%s" is in a different region than the one configured.', 'wp-media-cloud' ),
				'bucket',
			),
			'storage.wrong_region_named'           => array(
				/* translators: 1: bucket name, 2: region id such as eu-west-1. */
				__( 'The bucket "%1$s" is in a different region than the one configured (it is in %2$s).', 'wp-media-cloud' ),
				'bucket',
				'region',
			),
			'storage.set_region.fix'               => array(
				/* translators: %s: region id such as eu-west-1. */
				__( 'Set the region to %s.', 'wp-media-cloud' ),
				'region',
			),
			'storage.set_region_unknown.fix'       => array( __( 'Set the region (or endpoint) to the bucket’s actual region, as shown in your provider’s dashboard.', 'wp-media-cloud' ) ),
			'storage.clock_skew'                   => array( __( 'This server’s clock differs too much from the storage provider’s; signed requests are refused.', 'wp-media-cloud' ) ),
			'storage.clock_skew.fix'               => array( __( 'Synchronise the server clock (NTP, e.g. `timedatectl set-ntp true`) or ask your host to.', 'wp-media-cloud' ) ),
			'storage.acl_not_supported'            => array(
				/* translators: %s: bucket name. */
				__( 'The bucket "%s" refuses ACL headers (object ownership is "bucket owner enforced").', 'wp-media-cloud' ),
				'bucket',
			),
			'storage.acl_not_supported.fix'        => array( __( 'Nothing to change here: uploads are retried without ACLs. Make the bucket public with a bucket policy instead.', 'wp-media-cloud' ) ),
			'storage.access_denied'                => array( __( 'The storage provider refused the request: the key lacks permission for this bucket.', 'wp-media-cloud' ) ),
			'storage.access_denied.fix'            => array( __( 'Give the key read and write access to this bucket (s3:PutObject, s3:GetObject, s3:DeleteObject, s3:ListBucket).', 'wp-media-cloud' ) ),
			'storage.path_style_refused'           => array( __( 'The endpoint refused the bucket addressing style (path-style vs virtual-hosted).', 'wp-media-cloud' ) ),
			'storage.path_style_refused.fix'       => array( __( 'Toggle the “Path-Style URLs” setting and test again: some servers need path-style, others virtual-hosted style.', 'wp-media-cloud' ) ),
			'storage.connect_timeout'              => array(
				/* translators: %s: host:port of the storage endpoint. */
				__( 'The storage at %s did not accept a connection in time: check the endpoint’s host and port; if they are right, a firewall drops this server’s outbound connections to it.', 'wp-media-cloud' ),
				'where',
			),
			'storage.connect_timeout.fix'          => array(
				/* translators: %1$s: host:port of the storage endpoint. */
				__( 'Check the endpoint URL (%1$s); if it is right, ask your host to allow outbound connections from this server to it. The files stay on this server and are offloaded again automatically once it answers.', 'wp-media-cloud' ),
				'where',
			),
			'storage.stalled'                      => array(
				/* translators: 1: host:port of the storage endpoint, 2: seconds. */
				__( 'The storage at %1$s accepted the connection but sent nothing for %2$d s: the storage server is stuck or overloaded (not the sidecar); check the provider’s status page, or restart a self-hosted server.', 'wp-media-cloud' ),
				'where',
				'seconds',
			),
			'storage.stalled.fix'                  => array(
				/* translators: %1$s: host:port of the storage endpoint. */
				__( 'Check the storage server at %1$s: its provider’s status page, or for a self-hosted one (MinIO, Ceph RGW, Garage) its log, and restart it. The files stay on this server and are offloaded again automatically once it answers.', 'wp-media-cloud' ),
				'where',
			),
			'storage.no_response'                  => array(
				/* translators: %s: storage endpoint URL. */
				__( 'The storage endpoint %s did not answer in time (no response at all).', 'wp-media-cloud' ),
				'endpoint',
			),
			'storage.no_response_unnamed'          => array( __( 'The storage endpoint did not answer in time (no response at all).', 'wp-media-cloud' ) ),
			'storage.no_response.fix'              => array(
				/* translators: %1$s: host:port of the storage endpoint. */
				__( 'Check the endpoint URL; if it is right, ask your host to allow outbound connections from this server to %1$s. The files stay on this server and are offloaded again automatically once it answers.', 'wp-media-cloud' ),
				'where',
			),
			'storage.subdomain_unresolved'         => array(
				/* translators: %s: host name. */
				__( 'The host name "%s" (bucket as a subdomain, virtual-hosted style) does not resolve.', 'wp-media-cloud' ),
				'host',
			),
			'storage.subdomain_unresolved.fix'     => array( __( 'Turn on “Path-Style URLs”: this endpoint does not serve buckets as subdomains.', 'wp-media-cloud' ) ),
			'storage.dns'                          => array(
				/* translators: %s: host name. */
				__( 'The storage endpoint’s host name "%s" does not resolve (DNS).', 'wp-media-cloud' ),
				'host',
			),
			'storage.dns_unnamed'                  => array( __( 'The storage endpoint’s host name does not resolve (DNS).', 'wp-media-cloud' ) ),
			'storage.dns.fix'                      => array( __( 'Check the endpoint URL for a typo; if it is right, this server’s DNS cannot resolve it: ask your host.', 'wp-media-cloud' ) ),
			'storage.connection_refused'           => array(
				/* translators: %s: storage endpoint URL. */
				__( 'The storage endpoint %s refused the connection (nothing listens there).', 'wp-media-cloud' ),
				'endpoint',
			),
			'storage.connection_refused_unnamed'   => array( __( 'The storage endpoint refused the connection (nothing listens there).', 'wp-media-cloud' ) ),
			'storage.connection_refused.fix'       => array( __( 'Check the endpoint URL and port; if it is a self-hosted server, start it.', 'wp-media-cloud' ) ),
			'storage.connection_reset'             => array(
				/* translators: 1: host:port of the storage endpoint, 2: system error code such as ECONNRESET. */
				__( 'The storage endpoint %1$s closed the connection before answering (%2$s).', 'wp-media-cloud' ),
				'where',
				'error_code',
			),
			'storage.connection_reset_unnamed'     => array(
				/* translators: %s: system error code such as ECONNRESET. */
				__( 'The storage endpoint closed the connection before answering (%s).', 'wp-media-cloud' ),
				'error_code',
			),
			'storage.connection_reset.fix'         => array(
				__( 'Check that the endpoint URL\'s scheme and port are the storage\'s (https on an http port, or the reverse, is cut like this); if they are, a proxy or firewall between this server and the storage drops the connection, or a self-hosted storage crashed: check its log. The files stay on this server and are offloaded again automatically once it answers.', 'wp-media-cloud' ),
			),
			'storage.unreachable'                  => array(
				/* translators: 1: host:port of the storage endpoint, 2: system error code such as EHOSTUNREACH. */
				__( 'The storage endpoint %1$s could not be reached (%2$s).', 'wp-media-cloud' ),
				'where',
				'error_code',
			),
			'storage.unreachable_unnamed'          => array(
				/* translators: %s: system error code such as EHOSTUNREACH. */
				__( 'The storage endpoint could not be reached (%s).', 'wp-media-cloud' ),
				'error_code',
			),
			'storage.unreachable.fix'              => array(
				/* translators: %s: host:port of the storage endpoint. */
				__( 'Check the endpoint URL, and that this server can make outbound connections to %s.', 'wp-media-cloud' ),
				'where',
			),
			'storage.tls'                          => array(
				/* translators: %s: TLS error code such as DEPTH_ZERO_SELF_SIGNED_CERT. */
				__( 'The storage endpoint’s TLS certificate was refused (%s).', 'wp-media-cloud' ),
				'error_code',
			),
			'storage.tls.fix'                      => array( __( 'The endpoint must present a valid certificate for its host name (not self-signed or expired); check the endpoint URL, and the server’s CA certificates if the provider’s certificate is valid.', 'wp-media-cloud' ) ),
			'storage.forbidden'                    => array( __( 'The storage provider refused the request (HTTP 403).', 'wp-media-cloud' ) ),
			'storage.forbidden.fix'                => array( __( 'Give the key read and write access to this bucket.', 'wp-media-cloud' ) ),
			'storage.unknown'                      => array(
				/* translators: %s: the provider's error name. */
				__( 'The storage provider answered with an error: %s.', 'wp-media-cloud' ),
				'error',
			),
			'storage.unknown_status'               => array(
				/* translators: 1: HTTP status code, 2: the provider's error name. */
				__( 'The storage provider answered with an error (HTTP %1$d): %2$s.', 'wp-media-cloud' ),
				'status',
				'error',
			),
			'storage.unknown.fix'                  => array( __( 'Run Media Cloud › Health to find the cause; retry later if the provider reports an outage.', 'wp-media-cloud' ) ),
			'storage.sidecar_error'                => array(
				/* translators: 1: error code such as E_BAD_REQUEST, 2: the sidecar's explanation (in English). */
				__( 'The sidecar refused the storage settings (%1$s): %2$s', 'wp-media-cloud' ),
				'error_code',
				'text',
			),
		);
	}
}

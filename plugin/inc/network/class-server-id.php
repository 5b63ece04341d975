<?php
/**
 * Which web server this WordPress process runs on. A site behind a load balancer runs on several servers, each
 * with its own disk and its own sidecar: an upload kept local (pending) exists only on the server that received
 * it, so it records this id and only that server retries it (Pending_Queue). `WP_MEDIA_CLOUD_SERVER_ID` in
 * wp-config.php names it; else the host name, which is what the sidecar's WPMC_SERVER_ID defaults to as well.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

final class Server_Id {

	public static function current(): string {
		if ( defined( 'WP_MEDIA_CLOUD_SERVER_ID' ) && '' !== (string) WP_MEDIA_CLOUD_SERVER_ID ) {
			return (string) WP_MEDIA_CLOUD_SERVER_ID;
		}
		$host = gethostname();
		return false === $host || '' === $host ? 'localhost' : $host;
	}
}

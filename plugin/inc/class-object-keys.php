<?php
/**
 * Object key prefixes. A key is `object_prefix` [+ version segment] + the file's path under uploads; file
 * names are unique per folder across local files and offloaded records (Unique_Filenames), so two attachments
 * never share a key. The version segment names the attachment and the second of the offload, so two uploads in
 * the same second, or two offloads of one attachment, never share one either.
 *
 * The segment goes *before* the year/month path (`wp-content/uploads/20261121093000-42/2026/11/a.jpg`): core's
 * srcset code only accepts a `src` that contains `YYYY/MM/<file>`.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Object_Keys {

	/**
	 * The key prefix for a new offload of the attachment.
	 *
	 * @param array<string, mixed>|null $record The attachment's current record, whose prefix must not be reused.
	 */
	public static function prefix( int $attachment_id, ?array $record = null ): string {
		$prefix = Settings::object_prefix();
		$site   = Upload_Paths::site_segment(); // A subsite's keys never meet another site's.
		if ( ! Settings::get( 'versioning' ) ) {
			return $prefix . $site;
		}
		$version = gmdate( 'YmdHis' ) . '-' . $attachment_id;
		$current = null === $record ? '' : (string) $record['key_prefix'];
		$suffix  = 1;
		$segment = $version;
		while ( str_starts_with( $current, $prefix . $segment . '/' ) ) {
			$segment = $version . '-' . ( ++$suffix ); // A second offload within the same second.
		}
		return $prefix . $segment . '/' . $site;
	}
}

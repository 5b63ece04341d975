<?php
/**
 * Keeps file names unique per uploads folder when local copies are removed. WordPress's wp_unique_filename()
 * only looks at the folder on disk, which is empty once files are offloaded and removed: three uploads of
 * `photo.jpg` (or `a+b.jpg` and `a#b.jpg`, both sanitized to `ab.jpg`) would all be named `photo.jpg` and share
 * one object key. A name is free only if no attachment in that folder already uses it, on disk or not.
 *
 * Every upload asks, and with WordPress 7.1's processing in the browser so does every size it sideloads (one
 * wp_unique_filename() per file: up to seven more for a large photo). The attachments are found through the folder
 * rows of the index by file (Url_Replace\Attached_File_Index): reading `_wp_attached_file` itself scans every
 * attachment's row, 469 ms per call at 100,000 attachments on MariaDB.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Unique_Filenames {

	public function register(): void {
		add_filter( 'wp_unique_filename', array( $this, 'unique_filename' ), 10, 4 );
	}

	public function unregister(): void {
		remove_filter( 'wp_unique_filename', array( $this, 'unique_filename' ), 10 );
	}

	/**
	 * @param string        $filename The name WordPress chose (free on disk).
	 * @param string        $ext      Its extension with the dot.
	 * @param string        $dir      The folder it goes to.
	 * @param callable|null $callback A caller's own naming callback: then the caller decides.
	 */
	public function unique_filename( $filename, $ext, $dir, $callback = null ): string {
		$filename = (string) $filename;
		$basedir  = wp_get_upload_dir()['basedir'];
		$dir      = untrailingslashit( (string) $dir );
		if ( $callback || ( $dir !== $basedir && ! str_starts_with( $dir, $basedir . '/' ) ) ) {
			return $filename;
		}
		$folder = ltrim( substr( $dir, strlen( $basedir ) ), '/' );
		$taken  = self::names_in_use( $folder, self::stem( $filename ) );
		if ( ! $taken || ! self::collides( $filename, $taken ) ) {
			return $filename;
		}
		$stem      = self::stem( $filename );
		$extension = substr( $filename, strlen( $stem ) );
		for ( $number = 1; ; ++$number ) {
			$candidate = $stem . '-' . $number . $extension;
			if ( ! file_exists( $dir . '/' . $candidate ) && ! self::collides( $candidate, $taken ) ) {
				return $candidate;
			}
		}
	}

	/**
	 * Every file name (lower case) used by attachments whose attached file in this folder starts with the stem:
	 * their sizes, originals and edits all start with it too.
	 *
	 * @return array<string, true>
	 */
	private static function names_in_use( string $folder, string $stem ): array {
		$ids   = Url_Replace\Attached_File_Index::named_in_folder( $folder, $stem ) ?? self::named_in_folder_unindexed( $folder, $stem );
		$names = array();
		foreach ( $ids as $id ) {
			foreach ( Attachment_Files::paths( $id ) as $path ) {
				$names[ strtolower( wp_basename( $path ) ) ] = true;
			}
		}
		return $names;
	}

	/**
	 * The same attachments read from `_wp_attached_file` itself, while the index is still being built: a full scan.
	 *
	 * @return array<int, int> Attachment ids.
	 */
	private static function named_in_folder_unindexed( string $folder, string $stem ): array {
		global $wpdb;
		$like = $wpdb->esc_like( '' === $folder ? $stem : $folder . '/' . $stem ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API lists files by folder.
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = '_wp_attached_file' AND meta_value LIKE %s", $like ) );
		return array_map( 'intval', $ids );
	}

	/**
	 * Whether a new file of this name, or one of the sizes WordPress will make from it, would reuse a name.
	 *
	 * @param array<string, true> $taken Names in use.
	 */
	private static function collides( string $filename, array $taken ): bool {
		$filename = strtolower( $filename );
		if ( isset( $taken[ $filename ] ) ) {
			return true;
		}
		// Sizes, scaled/rotated copies and edits made from this name; a name with the same stem and another
		// extension would make the same size names once WordPress converts sizes to one output format (WebP).
		$stem    = self::stem( $filename );
		$derived = '/^' . preg_quote( $stem, '/' ) . '(?:-(?:\d+x\d+|scaled|rotated|e\d+)(?:-\d+x\d+)?)?\.[a-z0-9]+$/';
		foreach ( array_keys( $taken ) as $name ) {
			if ( preg_match( $derived, (string) $name ) ) {
				return true;
			}
		}
		return false;
	}

	private static function stem( string $filename ): string {
		$dot = strrpos( $filename, '.' );
		return false === $dot || 0 === $dot ? $filename : substr( $filename, 0, $dot );
	}
}

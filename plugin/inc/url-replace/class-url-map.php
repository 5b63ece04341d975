<?php
/**
 * Decides, for each file URL found in stored text, what it becomes in one direction:
 * - `to-cloud`: local upload URLs of offloaded files → their cloud URL (the same URL Url_Rewriter gives at output);
 * - `to-local`: cloud URLs → the local upload URL (before leaving the plugin, or before moving to another CDN).
 * Extra `from` bases are earlier cloud bases (an old CDN host or bucket URL): their URLs are read as cloud URLs and
 * mapped to the current cloud URL (`to-cloud`) or to the local one (`to-local`).
 *
 * URLs that cannot be mapped safely are reported with the reason and left as they are.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Url_Replace;

use WP_Media_Cloud\Public_Url;
use WP_Media_Cloud\Storage_Location;
use WP_Media_Cloud\Settings;

final class Url_Map {

	public const DIRECTIONS = array( 'to-cloud', 'to-local' );

	/** @var array<int, array{pattern: Url_Pattern, kind: string, base: string}> kind: `local` or `cloud`. */
	private array $sources = array();

	private Attachment_Index $index;

	private string $uploads_base;

	/**
	 * @param string             $direction  `to-cloud` or `to-local`.
	 * @param array<int, string> $from_bases Earlier cloud base URLs to read as well.
	 */
	public function __construct( private string $direction, array $from_bases = array() ) {
		$this->uploads_base = untrailingslashit( wp_get_upload_dir()['baseurl'] );
		$cloud_bases        = array_map( 'untrailingslashit', $from_bases );
		if ( 'to-cloud' === $direction ) {
			$this->sources[] = array( 'pattern' => new Url_Pattern( $this->uploads_base ), 'kind' => 'local', 'base' => $this->uploads_base );
		} else {
			$cloud_bases[] = Public_Url::base( (string) Settings::get( 'bucket' ) );
		}
		foreach ( array_unique( $cloud_bases ) as $base ) {
			$this->sources[] = array( 'pattern' => new Url_Pattern( $base ), 'kind' => 'cloud', 'base' => $base );
		}
		// Towards local URLs a missed attachment would leave a cloud URL behind: misses are confirmed the slow way.
		$this->index = new Attachment_Index( 'to-local' === $direction );
	}

	/**
	 * Hosts (with port) of every base read, for a cheap `LIKE` filter on rows before PHP looks at them.
	 *
	 * @return array<int, string>
	 */
	public function needles(): array {
		$hosts = array();
		foreach ( $this->sources as $source ) {
			$hosts[] = explode( '/', (string) preg_replace( '#^(?:https?:)?//#i', '', $source['base'] ) )[0];
		}
		return array_values( array_unique( $hosts ) );
	}

	/**
	 * Loads, in a few queries, every attachment the URLs in these raw values may belong to. Reading the raw
	 * (possibly serialized) values with a regex is fine here: nothing is written from this pass.
	 *
	 * @param array<int, string> $values Raw column values of one batch.
	 */
	public function prepare( array $values ): void {
		$paths = array();
		foreach ( $values as $value ) {
			foreach ( $this->sources as $source ) {
				foreach ( $source['pattern']->find( $value ) as $url ) {
					array_push( $paths, ...( 'local' === $source['kind'] ? array( $url['path'] ) : self::key_suffixes( $url['path'] ) ) );
				}
			}
		}
		$this->index->load( array_unique( $paths ) );
	}

	/**
	 * Rewrites the URLs in one plain-text value.
	 *
	 * @param callable(string, string): void $changed Told each replaced URL (old, new, as written).
	 * @param callable(string, string): void $skipped Told each URL left alone and why.
	 */
	public function rewrite_text( string $text, callable $changed, callable $skipped ): string {
		foreach ( $this->sources as $source ) {
			$text = $source['pattern']->replace(
				$text,
				function ( array $url ) use ( $source, $skipped ): ?string {
					$target = 'local' === $source['kind'] ? $this->from_local( $url['path'] ) : $this->from_cloud( $url['path'] );
					if ( is_string( $target ) ) {
						return $target;
					}
					$skipped( $url['url'], $target['reason'] );
					return null;
				},
				$changed
			);
		}
		return $text;
	}

	/** @return string|array{reason: string} */
	private function from_local( string $path ) {
		$found = $this->index->resolve( $path );
		if ( 'offloaded' !== $found['status'] ) {
			return array( 'reason' => $found['status'] );
		}
		return Storage_Location::public_base( $found['record'] ) . '/' . $found['record']['key_prefix'] . $path;
	}

	/**
	 * @param string $key_path What follows the cloud base: the object key prefix, then the path under uploads.
	 * @return string|array{reason: string}
	 */
	private function from_cloud( string $key_path ) {
		$decoded = Url_Pattern::file_path( $key_path );
		$best    = 'no_attachment';
		foreach ( self::key_suffixes( $key_path ) as $path ) {
			$prefix = substr( $decoded, 0, strlen( $decoded ) - strlen( Url_Pattern::file_path( $path ) ) );
			$found  = $this->index->resolve( $path, $prefix );
			if ( 'offloaded' === $found['status'] ) {
				$encoded_path = substr( $key_path, strlen( $key_path ) - strlen( $path ) );
				return 'to-local' === $this->direction
					? $this->uploads_base . '/' . $encoded_path
					: Storage_Location::public_base( $found['record'] ) . '/' . $found['record']['key_prefix'] . $encoded_path;
			}
			$best = 'no_attachment' === $best ? $found['status'] : $best;
		}
		return array( 'reason' => $best );
	}

	/**
	 * The paths under uploads an object key may end with: every tail of the key at a slash, e.g.
	 * `wp-content/uploads/20240101120000/2024/01/a.jpg` → `…`, `uploads/…`, … `a.jpg`. The record decides which
	 * one is right (its key prefix plus the path must be the key), so a changed object prefix needs no setting.
	 *
	 * @return array<int, string>
	 */
	private static function key_suffixes( string $key ): array {
		$suffixes = array( $key );
		$offset   = 0;
		while ( false !== ( $slash = strpos( $key, '/', $offset ) ) ) { // phpcs:ignore Generic.CodeAnalysis.AssignmentInCondition
			$suffixes[] = substr( $key, $slash + 1 );
			$offset     = $slash + 1;
		}
		return array_values( array_filter( $suffixes, static fn ( string $suffix ) => '' !== $suffix ) );
	}
}

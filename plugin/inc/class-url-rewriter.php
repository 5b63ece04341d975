<?php
/**
 * Rewrites local upload URLs of offloaded attachments to their cloud URLs at output time. It reads only the
 * attachment's postmeta (already in the object cache when WordPress renders it) and the settings: no extra
 * query per image, and never a call to the sidecar.
 *
 * Most outputs follow from `wp_get_attachment_url`: image_downsize(), wp_get_attachment_image_src(),
 * wp_prepare_attachment_for_js() and the REST `source_url` of every size build on it. Srcset and content
 * images build URLs from the uploads base URL themselves, so they get their own filters.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Url_Rewriter {

	/**
	 * The uploads base URL per site of the network (blog id), see uploads_base().
	 *
	 * @var array<int, string>
	 */
	private array $uploads_bases = array();

	/**
	 * Cloud URL prefix per site (blog id) and attachment for this request (false: not offloaded). A page asks for
	 * the same attachment's URLs many times (src, every srcset candidate); this keeps it to one meta read each.
	 * Per site: on a network, attachment 4 of site 2 is another file than attachment 4 of site 1, and a page that
	 * shows other sites' posts (switch_to_blog) asks for both.
	 *
	 * @var array<int, array<int, string|false>>
	 */
	private array $cloud_prefixes = array();

	/** @var array<int, array<int, string>> The cloud prefix per site and attachment, escaped for HTML attributes. */
	private array $html_prefixes = array();

	private const META_HOOKS = array( 'added_post_meta', 'updated_post_meta', 'deleted_post_meta' );

	public function register(): void {
		add_filter( 'wp_get_attachment_url', array( $this, 'attachment_url' ), 99, 2 );
		add_filter( 'wp_calculate_image_srcset', array( $this, 'image_srcset' ), 99, 5 );
		add_filter( 'wp_content_img_tag', array( $this, 'content_img_tag' ), 99, 3 );
		foreach ( self::META_HOOKS as $hook ) {
			add_action( $hook, array( $this, 'forget_attachment' ), 10, 3 );
		}
		add_action( 'update_option_' . Settings::OPTION, array( $this, 'forget_all' ) );
	}

	public function unregister(): void {
		remove_filter( 'wp_get_attachment_url', array( $this, 'attachment_url' ), 99 );
		remove_filter( 'wp_calculate_image_srcset', array( $this, 'image_srcset' ), 99 );
		remove_filter( 'wp_content_img_tag', array( $this, 'content_img_tag' ), 99 );
		foreach ( self::META_HOOKS as $hook ) {
			remove_action( $hook, array( $this, 'forget_attachment' ), 10 );
		}
		remove_action( 'update_option_' . Settings::OPTION, array( $this, 'forget_all' ) );
	}

	/**
	 * Drops the memo of an attachment whose offload record changed during this request.
	 *
	 * @param int|int[] $meta_id   Meta ID(s).
	 * @param int       $object_id Post ID.
	 * @param string    $meta_key  Meta key.
	 */
	public function forget_attachment( $meta_id, $object_id, $meta_key ): void {
		if ( Offload_Record::META_KEY === $meta_key ) {
			$site = get_current_blog_id();
			unset( $this->cloud_prefixes[ $site ][ (int) $object_id ], $this->html_prefixes[ $site ][ (int) $object_id ] );
		}
	}

	public function forget_all(): void {
		$this->cloud_prefixes = array();
		$this->html_prefixes  = array();
	}

	/**
	 * @param string $url           Local URL.
	 * @param int    $attachment_id Attachment ID.
	 */
	public function attachment_url( $url, $attachment_id ): string {
		return $this->rewrite( (string) $url, (int) $attachment_id );
	}

	/**
	 * @param array<int, array<string, mixed>>|false $sources       Srcset candidates.
	 * @param array<int, int>                        $size_array    Width and height.
	 * @param string                                 $image_src     The src of the image.
	 * @param array<string, mixed>                   $image_meta    Attachment metadata.
	 * @param int                                    $attachment_id Attachment ID.
	 * @return array<int, array<string, mixed>>|false
	 */
	public function image_srcset( $sources, $size_array, $image_src, $image_meta, $attachment_id ) {
		if ( ! is_array( $sources ) ) {
			return $sources;
		}
		foreach ( $sources as $width => $source ) {
			$sources[ $width ]['url'] = $this->rewrite( (string) $source['url'], (int) $attachment_id );
		}
		return $sources;
	}

	/**
	 * Rewrites the src (and any srcset candidate still local) of an `<img>` in post content.
	 *
	 * @param string $tag           The img tag.
	 * @param string $context       Where the content is shown.
	 * @param int    $attachment_id The attachment found from the tag's wp-image-{ID} class, or 0.
	 */
	public function content_img_tag( $tag, $context, $attachment_id ): string {
		$tag  = (string) $tag;
		$base = $this->uploads_base();
		if ( ! $attachment_id || ! str_contains( $tag, $base ) ) {
			return $tag;
		}
		$pattern = '#(?:https?:)?' . preg_quote( $base, '#' ) . '[^\s"\',]+#i';
		// Escaped for the attribute it lands in: the public base comes from settings, not from the post's author.
		return (string) preg_replace_callback( $pattern, fn ( $match ) => $this->rewrite_for_html( $match[0], (int) $attachment_id ), $tag );
	}

	/**
	 * A rewritten URL for an HTML attribute. Only the cloud prefix comes from the settings (the rest is the path
	 * already in the attribute), so only the prefix is escaped, once per attachment: esc_url() on every src and
	 * srcset candidate of a 100-image page costs milliseconds.
	 */
	private function rewrite_for_html( string $url, int $attachment_id ): string {
		$rewritten = $this->rewrite( $url, $attachment_id );
		$site      = get_current_blog_id();
		$prefix    = $this->cloud_prefixes[ $site ][ $attachment_id ] ?? false;
		if ( $rewritten === $url || false === $prefix || ! str_starts_with( $rewritten, $prefix ) ) {
			return $rewritten;
		}
		$this->html_prefixes[ $site ][ $attachment_id ] ??= esc_url( $prefix );
		return $this->html_prefixes[ $site ][ $attachment_id ] . substr( $rewritten, strlen( $prefix ) );
	}

	/** Maps `{uploads base}/{path}` to `{cloud base}/{key prefix}{path}` for an offloaded attachment. */
	public function rewrite( string $url, int $attachment_id ): string {
		if ( ! Settings::get( 'rewrite_urls' ) ) {
			return $url;
		}
		$site = get_current_blog_id();
		if ( ! array_key_exists( $attachment_id, $this->cloud_prefixes[ $site ] ?? array() ) ) {
			$record = Offload_Record::get( $attachment_id );
			// The record's own storage: another bucket or endpoint keeps the base it was offloaded with.
			$base = null === $record ? '' : Storage_Location::public_base( $record );
			// No public URL (e.g. R2 without r2.dev or a domain): local URLs still work, a broken cloud one would not.
			$this->cloud_prefixes[ $site ][ $attachment_id ] = '' === $base ? false : $base . '/' . $record['key_prefix'];
		}
		$prefix = $this->cloud_prefixes[ $site ][ $attachment_id ];
		if ( false === $prefix ) {
			return $url;
		}
		// Compare without the scheme: WordPress may have switched the URL to https for this request.
		$base      = $this->uploads_base();
		$candidate = str_starts_with( $url, 'https:' ) ? substr( $url, 6 ) : ( str_starts_with( $url, 'http:' ) ? substr( $url, 5 ) : $url );
		if ( ! str_starts_with( $candidate, $base ) ) {
			return $url;
		}
		return $prefix . substr( $candidate, strlen( $base ) );
	}

	/**
	 * The current site's uploads base URL without scheme and with its trailing slash, e.g.
	 * `//example.com/wp-content/uploads/` (`…/uploads/sites/2/` on a network's site 2).
	 */
	private function uploads_base(): string {
		return $this->uploads_bases[ get_current_blog_id() ] ??= (string) preg_replace( '#^https?:#i', '', trailingslashit( wp_get_upload_dir()['baseurl'] ) );
	}
}

<?php
/**
 * The "Media Cloud" wp-admin menu: Dashboard, Settings, Health and Tools. Each page is a root div that the
 * React app built into `plugin/build/` (from `admin-ui/src`) renders into; PHP only prints the page frame.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud;

final class Admin_Page {

	/** Only administrators see the menu; the REST routes behind it check the same capability. */
	public const CAPABILITY = 'manage_options';
	public const MENU_SLUG  = 'media-cloud';
	public const ROOT_ID    = 'wp-media-cloud-admin';
	private const HANDLE    = 'wp-media-cloud-admin';

	/** @var array<string, string> Hook suffix of each of our screens => page id. */
	private array $screens = array();

	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ) );
	}

	public function unregister(): void {
		remove_action( 'admin_menu', array( $this, 'add_menu' ) );
		remove_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		remove_filter( 'plugin_action_links_' . plugin_basename( PLUGIN_FILE ), array( $this, 'action_links' ) );
	}

	/**
	 * A "Settings" link on the Plugins screen, as most plugins have.
	 *
	 * @param array<int|string, string> $links Action links.
	 * @return array<int|string, string>
	 */
	public function action_links( $links ) {
		if ( current_user_can( self::CAPABILITY ) ) {
			array_unshift(
				$links,
				sprintf( '<a href="%s">%s</a>', esc_url( $this->page_urls()['settings'] ), esc_html__( 'Settings', 'wp-media-cloud' ) )
			);
		}
		return $links;
	}

	/**
	 * Page id => [ menu slug, title ]. The dashboard shares the top-level slug, as core menus do.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function pages(): array {
		return array(
			'dashboard' => array( self::MENU_SLUG, __( 'Dashboard', 'wp-media-cloud' ) ),
			'settings'  => array( self::MENU_SLUG . '-settings', __( 'Settings', 'wp-media-cloud' ) ),
			'health'    => array( self::MENU_SLUG . '-health', __( 'Health', 'wp-media-cloud' ) ),
			'tools'     => array( self::MENU_SLUG . '-tools', __( 'Tools', 'wp-media-cloud' ) ),
		);
	}

	/** Whether the current admin screen is one of the Media Cloud pages (they show the setup checklist themselves). */
	public static function is_own_screen(): bool {
		global $plugin_page;
		return is_string( $plugin_page ) && in_array( $plugin_page, array_column( self::pages(), 0 ), true );
	}

	public function add_menu(): void {
		add_menu_page(
			__( 'Media Cloud', 'wp-media-cloud' ),
			__( 'Media Cloud', 'wp-media-cloud' ),
			self::CAPABILITY,
			self::MENU_SLUG,
			'__return_null', // The first submenu below replaces this callback.
			'dashicons-cloud-upload',
			11 // Right after Media.
		);
		foreach ( self::pages() as $page => list( $slug, $title ) ) {
			$hook = add_submenu_page(
				self::MENU_SLUG,
				/* translators: %s: page title, e.g. "Settings". */
				sprintf( __( '%s ‹ Media Cloud', 'wp-media-cloud' ), $title ),
				$title,
				self::CAPABILITY,
				$slug,
				function () use ( $page, $title ) {
					$this->render( $page, $title );
				}
			);
			if ( $hook ) {
				$this->screens[ $hook ] = $page;
			}
		}
	}

	private function render( string $page, string $title ): void {
		echo '<div class="wrap wp-media-cloud-admin">';
		printf( '<h1 class="wp-heading-inline">%s</h1><hr class="wp-header-end" />', esc_html( $title ) );
		if ( ! $this->asset() ) {
			printf(
				'<div class="notice notice-error"><p>%s</p></div>',
				esc_html__( 'The Media Cloud screens have not been built. Run "npm run build:admin" in the plugin\'s source folder, then reload this page.', 'wp-media-cloud' )
			);
		}
		printf(
			'<div id="%1$s" data-page="%2$s"><p class="hide-if-js">%3$s</p></div>',
			esc_attr( self::ROOT_ID ),
			esc_attr( $page ),
			esc_html__( 'These screens need JavaScript: enable it in your browser and reload the page.', 'wp-media-cloud' )
		);
		echo '</div>';
	}

	/** Loads the app on our screens only, with the dependencies wp-scripts recorded in index.asset.php. */
	public function enqueue( string $hook_suffix ): void {
		if ( ! isset( $this->screens[ $hook_suffix ] ) ) {
			return;
		}
		$asset = $this->asset();
		if ( ! $asset ) {
			return;
		}
		$build_url = plugins_url( 'build/', PLUGIN_FILE );
		wp_enqueue_script( self::HANDLE, $build_url . 'index.js', $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'wp-media-cloud' );
		$config = array(
			'page'     => $this->screens[ $hook_suffix ],
			'restRoot' => esc_url_raw( rest_url() ),
			'nonce'    => wp_create_nonce( 'wp_rest' ),
			'version'  => VERSION,
			'urls'     => $this->page_urls() + array( 'mediaNew' => admin_url( 'media-new.php' ) ),
			// The providers' names people know, by id: the Dashboard names the storage as soon as it renders,
			// without waiting for GET /settings (which it would need for nothing else). Names only, no setting.
			'providerLabels' => array_map( static fn ( array $definition ): string => (string) $definition['label'], Settings_Providers::definitions() ),
		);
		wp_add_inline_script( self::HANDLE, 'window.wpMediaCloudAdmin = ' . wp_json_encode( $config ) . ';', 'before' );

		wp_enqueue_style( 'wp-components' );
		if ( file_exists( dirname( PLUGIN_FILE ) . '/build/index.css' ) ) {
			wp_enqueue_style( self::HANDLE, $build_url . 'index.css', array( 'wp-components' ), $asset['version'] );
			wp_style_add_data( self::HANDLE, 'rtl', 'replace' ); // wp-scripts also writes index-rtl.css.
		}
	}

	/** @return array<string, string> Page id => admin URL, for links between the pages. */
	private function page_urls(): array {
		$urls = array();
		foreach ( self::pages() as $page => list( $slug ) ) {
			$urls[ $page ] = admin_url( 'admin.php?page=' . $slug );
		}
		return $urls;
	}

	/**
	 * @return array{dependencies: array<int, string>, version: string}|null Null when the app is not built.
	 */
	private function asset(): ?array {
		$file = dirname( PLUGIN_FILE ) . '/build/index.asset.php';
		if ( ! file_exists( $file ) ) {
			return null;
		}
		$asset = require $file;
		return is_array( $asset ) ? $asset + array( 'dependencies' => array(), 'version' => VERSION ) : null;
	}
}

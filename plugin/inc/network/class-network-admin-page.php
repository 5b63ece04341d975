<?php
/**
 * Network Admin › Media Cloud: the network's storage settings (Network_Settings), whether sites may override
 * them, and the migration of every site (Network_Migration). A plain PHP form rather than the React settings
 * screen: that screen and its REST route are per site (`manage_options`, the site's option), and a form of one
 * table posting to network/edit.php is all a network administrator needs here; validation is the same
 * (Settings_Validator), so a value refused on a site is refused here with the same message.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Network;

use WP_Media_Cloud\Settings;
use WP_Media_Cloud\Settings_Providers;

final class Network_Admin_Page {

	public const CAPABILITY   = 'manage_network_options';
	public const SLUG         = 'media-cloud-network';
	private const SAVE_ACTION = 'wp_media_cloud_network_settings';
	private const RUN_ACTION  = 'wp_media_cloud_network_migrate';

	public function register(): void {
		add_action( 'network_admin_menu', array( $this, 'add_menu' ) );
		add_action( 'network_admin_edit_' . self::SAVE_ACTION, array( $this, 'save' ) );
		add_action( 'network_admin_edit_' . self::RUN_ACTION, array( $this, 'start_migration' ) );
	}

	public function unregister(): void {
		remove_action( 'network_admin_menu', array( $this, 'add_menu' ) );
		remove_action( 'network_admin_edit_' . self::SAVE_ACTION, array( $this, 'save' ) );
		remove_action( 'network_admin_edit_' . self::RUN_ACTION, array( $this, 'start_migration' ) );
	}

	public function add_menu(): void {
		add_menu_page( __( 'Media Cloud', 'wp-media-cloud' ), __( 'Media Cloud', 'wp-media-cloud' ), self::CAPABILITY, self::SLUG, array( $this, 'render' ), 'dashicons-cloud-upload' );
	}

	public function save(): void {
		check_admin_referer( self::SAVE_ACTION );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Only a network administrator can change the network\'s storage settings.', 'wp-media-cloud' ), 403 );
		}
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- checked above.
		$posted = isset( $_POST['wpmc'] ) && is_array( $_POST['wpmc'] ) ? wp_unslash( $_POST['wpmc'] ) : array(); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Settings_Validator checks every field.
		$patch  = array();
		foreach ( Settings::DEFAULTS as $key => $default ) {
			if ( in_array( $key, self::constants(), true ) ) {
				continue;
			}
			$patch[ $key ] = is_bool( $default ) ? ! empty( $posted[ $key ] ) : trim( (string) ( $posted[ $key ] ?? '' ) );
		}
		$errors = Network_Settings::save( $patch, ! empty( $_POST['sites_may_override'] ) );
		// phpcs:enable
		set_site_transient( 'wp_media_cloud_network_errors_' . get_current_user_id(), $errors, 300 );
		wp_safe_redirect( add_query_arg( 'updated', $errors ? 'errors' : 'saved', network_admin_url( 'admin.php?page=' . self::SLUG ) ) );
		exit;
	}

	public function start_migration(): void {
		check_admin_referer( self::RUN_ACTION );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Only a network administrator can migrate every site.', 'wp-media-cloud' ), 403 );
		}
		Network_Migration::start_all();
		wp_safe_redirect( add_query_arg( 'updated', 'migrating', network_admin_url( 'admin.php?page=' . self::SLUG ) ) );
		exit;
	}

	public function render(): void {
		$stored   = array_merge( Settings::DEFAULTS, Network_Settings::stored() );
		$errors   = (array) get_site_transient( 'wp_media_cloud_network_errors_' . get_current_user_id() );
		$status   = isset( $_GET['updated'] ) ? sanitize_key( $_GET['updated'] ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only picks a notice.
		$provider = Settings_Providers::definitions();
		echo '<div class="wrap" id="wpmc-network"><h1>' . esc_html__( 'Media Cloud for the network', 'wp-media-cloud' ) . '</h1>';
		if ( 'saved' === $status ) {
			echo '<div class="notice notice-success"><p>' . esc_html__( 'Network settings saved.', 'wp-media-cloud' ) . '</p></div>';
		} elseif ( 'errors' === $status && $errors ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'Some settings were not saved; the others were:', 'wp-media-cloud' ) . '</p><ul>';
			foreach ( $errors as $key => $message ) {
				echo '<li><strong>' . esc_html( (string) $key ) . '</strong>: ' . esc_html( (string) $message ) . '</li>';
			}
			echo '</ul></div>';
		} elseif ( 'migrating' === $status ) {
			echo '<div class="notice notice-success"><p>' . esc_html__( 'Every site\'s migration started; its progress is below.', 'wp-media-cloud' ) . '</p></div>';
		}
		echo '<p>' . esc_html__( 'Storage for every site of the network. Each site\'s files go under its own keys (sites/<id>/). Values defined as WP_MEDIA_CLOUD_* constants in wp-config.php win and are shown read-only.', 'wp-media-cloud' ) . '</p>';
		echo '<form method="post" action="' . esc_url( network_admin_url( 'edit.php?action=' . self::SAVE_ACTION ) ) . '">';
		wp_nonce_field( self::SAVE_ACTION );
		echo '<table class="form-table" role="presentation">';
		foreach ( Settings::DEFAULTS as $key => $default ) {
			$this->field( $key, $default, $stored[ $key ], $provider );
		}
		echo '<tr><th scope="row">' . esc_html__( 'Sites may override', 'wp-media-cloud' ) . '</th><td><label><input type="checkbox" name="sites_may_override" value="1"' . checked( Network_Settings::sites_may_override(), true, false ) . '> ';
		echo esc_html__( 'Let each site\'s administrator set storage of its own under the site\'s Media Cloud › Settings. When off, sites use these settings and see them read-only.', 'wp-media-cloud' ) . '</label></td></tr>';
		echo '</table>';
		submit_button( __( 'Save network settings', 'wp-media-cloud' ) );
		echo '</form>';
		$this->render_sites();
		echo '</div>';
	}

	/**
	 * One row of the form.
	 *
	 * @param mixed                               $default   The default (its type picks the control).
	 * @param mixed                               $value     The stored value.
	 * @param array<string, array<string, mixed>> $providers Settings_Providers::definitions().
	 */
	private function field( string $key, $default, $value, array $providers ): void {
		$name     = 'wpmc[' . $key . ']';
		$id       = 'wpmc-network-' . $key;
		$constant = in_array( $key, self::constants(), true );
		$disabled = $constant ? ' disabled' : '';
		echo '<tr><th scope="row"><label for="' . esc_attr( $id ) . '">' . esc_html( ucfirst( str_replace( '_', ' ', $key ) ) ) . '</label></th><td>';
		if ( 'provider' === $key ) {
			echo '<select id="' . esc_attr( $id ) . '" name="' . esc_attr( $name ) . '"' . $disabled . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a fixed attribute.
			foreach ( $providers as $provider_id => $provider ) {
				echo '<option value="' . esc_attr( $provider_id ) . '"' . selected( $value, $provider_id, false ) . '>' . esc_html( (string) $provider['label'] ) . '</option>';
			}
			echo '</select>';
		} elseif ( is_bool( $default ) ) {
			echo '<input type="checkbox" id="' . esc_attr( $id ) . '" name="' . esc_attr( $name ) . '" value="1"' . checked( (bool) $value, true, false ) . $disabled . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		} elseif ( in_array( $key, Settings::SECRETS, true ) ) {
			// Write-only, as on the site screen: never printed back; empty keeps the stored one.
			echo '<input type="password" class="regular-text" autocomplete="new-password" id="' . esc_attr( $id ) . '" name="' . esc_attr( $name ) . '" value=""' . $disabled . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
			if ( '' !== (string) $value ) {
				echo '<p class="description">' . esc_html__( 'Stored. Leave empty to keep it.', 'wp-media-cloud' ) . '</p>';
			}
		} else {
			echo '<input type="text" class="regular-text" id="' . esc_attr( $id ) . '" name="' . esc_attr( $name ) . '" value="' . esc_attr( (string) $value ) . '"' . $disabled . '>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		}
		if ( $constant ) {
			/* translators: %s: constant name. */
			echo '<p class="description">' . esc_html( sprintf( __( 'Set by %s in wp-config.php; change it there.', 'wp-media-cloud' ), Settings::constant_name( $key ) ) ) . '</p>';
		}
		echo '</td></tr>';
	}

	/** Every site's migration and the network's total, with a button that starts them all. */
	private function render_sites(): void {
		$report = Network_Migration::progress_all();
		echo '<h2>' . esc_html__( 'Migration of every site', 'wp-media-cloud' ) . '</h2>';
		echo '<table class="widefat striped" id="wpmc-network-sites"><thead><tr><th>' . esc_html__( 'Site', 'wp-media-cloud' ) . '</th><th>' . esc_html__( 'State', 'wp-media-cloud' ) . '</th><th>' . esc_html__( 'Done', 'wp-media-cloud' ) . '</th><th>' . esc_html__( 'Failed', 'wp-media-cloud' ) . '</th></tr></thead><tbody>';
		foreach ( $report['sites'] as $site ) {
			$state = 'error' === $site['state'] ? $site['error'] . ' ' . $site['remedy'] : $site['state'];
			printf( '<tr><td>%s</td><td>%s</td><td>%d / %d</td><td>%d</td></tr>', esc_html( $site['url'] ), esc_html( $state ), (int) ( $site['done'] ?? 0 ), (int) ( $site['total'] ?? 0 ), (int) ( $site['failed'] ?? 0 ) );
		}
		printf( '<tr><th>%s</th><th></th><th>%d / %d</th><th>%d</th></tr>', esc_html__( 'Network', 'wp-media-cloud' ), (int) $report['total']['done'], (int) $report['total']['total'], (int) $report['total']['failed'] );
		echo '</tbody></table>';
		echo '<form method="post" action="' . esc_url( network_admin_url( 'edit.php?action=' . self::RUN_ACTION ) ) . '">';
		wp_nonce_field( self::RUN_ACTION );
		submit_button( __( 'Migrate every site', 'wp-media-cloud' ), 'secondary', 'wpmc-migrate-all' );
		echo '</form>';
	}

	/** @return array<int, string> Keys set by constants (the network cannot change them either). */
	private static function constants(): array {
		return array_values( array_filter( array_keys( Settings::DEFAULTS ), static fn ( string $key ) => defined( Settings::constant_name( $key ) ) ) );
	}
}

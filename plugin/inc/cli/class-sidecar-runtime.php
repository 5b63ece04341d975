<?php
/**
 * What running the sidecar on this server takes, for `wp media-cloud sidecar …`: its entry point, Node.js, the
 * folders the web server serves (which its data folder must stay out of), the server's users. Only reads and
 * computes; Sidecar_Command decides what to write, Sidecar_Unit_Files builds the environment file and unit.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Cli;

final class Sidecar_Runtime {

	/** Node.js lines the sidecar runs on (the zip carries a native SQLite build for each). */
	public const NODE_LINES = array( 20, 22, 24 );

	/** Network option: where setup put things, so start/stop/status/logs (and uninstall) find them. */
	public const STATE_OPTION = 'wp_media_cloud_sidecar';

	public const ENV_FILE = 'sidecar.env';
	public const PID_FILE = 'sidecar.pid';
	public const LOG_FILE = 'sidecar.log';

	/**
	 * What setup recorded: the data folder, the Node.js binary, the systemd unit ('' when none).
	 *
	 * @return array{data_dir: string, node: string, unit: string}|null
	 */
	public static function state(): ?array {
		$state = get_site_option( self::STATE_OPTION );
		return is_array( $state ) && ! empty( $state['data_dir'] ) ? $state + array(
			'node' => '',
			'unit' => '',
		) : null;
	}

	/**
	 * How to run the sidecar: the zip's bundle (`sidecar/main.js` in the plugin folder, as bin/build-zip.ts lays it
	 * out), else, in a development checkout (the plugin folder is the repository's `plugin/`), `sidecar/src/main.ts`
	 * under tsx, which Node resolves from the repository as working directory.
	 *
	 * @return array{kind: string, args: array<int, string>, cwd: ?string, main: string}|null Null when neither is there.
	 */
	public static function entry(): ?array {
		$plugin = dirname( __DIR__, 2 );
		if ( is_file( $plugin . '/sidecar/main.js' ) ) {
			return array(
				'kind' => 'zip',
				'args' => array( $plugin . '/sidecar/main.js' ),
				'cwd'  => null,
				'main' => $plugin . '/sidecar/main.js',
			);
		}
		$checkout = dirname( (string) realpath( $plugin ) );
		if ( is_file( $checkout . '/sidecar/src/main.ts' ) && is_dir( $checkout . '/node_modules/tsx' ) ) {
			return array(
				'kind' => 'checkout',
				'args' => array( '--import', 'tsx', $checkout . '/sidecar/src/main.ts' ),
				'cwd'  => $checkout,
				'main' => $checkout . '/sidecar/src/main.ts',
			);
		}
		return null;
	}

	/** The message for a plugin folder without the sidecar (e.g. a copy of the repository's plugin/ alone). */
	public static function entry_missing(): string {
		return sprintf(
			/* translators: %s: path of the sidecar's main file. */
			__( 'The sidecar is not in this plugin folder (%s is missing): install the plugin from its zip (`npm run build:zip` makes dist/wp-media-cloud.zip), which carries it.', 'wp-media-cloud' ),
			dirname( __DIR__, 2 ) . '/sidecar/main.js'
		);
	}

	/**
	 * Finds Node.js: the given path, else `node` (or Debian's older `nodejs`) on PATH.
	 *
	 * @return array{path: string, version: string, major: int}|string The binary and its version, or what is wrong.
	 */
	public static function node( ?string $given ) {
		$install = __( 'Install Node.js 22 or 24 (LTS; 20 also works) from https://nodejs.org/en/download or your distribution (its `nodejs` package if that is 20 or newer), then run this command again', 'wp-media-cloud' );
		if ( null !== $given && '' !== $given ) {
			if ( ! is_file( $given ) || ! is_executable( $given ) ) {
				/* translators: 1: the path given, 2: how to install Node.js. */
				return sprintf( __( '--node=%1$s is not an executable file. %2$s, or pass --node=<path to node>.', 'wp-media-cloud' ), $given, $install );
			}
			$candidates = array( $given );
		} else {
			$candidates = array();
			foreach ( explode( PATH_SEPARATOR, (string) getenv( 'PATH' ) ) as $dir ) {
				foreach ( array( 'node', 'nodejs' ) as $name ) {
					if ( '' !== $dir && is_file( $dir . '/' . $name ) && is_executable( $dir . '/' . $name ) ) {
						$candidates[] = $dir . '/' . $name;
					}
				}
			}
			if ( ! $candidates ) {
				/* translators: 1: the PATH searched, 2: how to install Node.js. */
				return sprintf( __( 'Node.js was not found on PATH (%1$s). %2$s, or pass --node=<path to node>.', 'wp-media-cloud' ), (string) getenv( 'PATH' ), $install );
			}
		}
		$found = null;
		foreach ( $candidates as $candidate ) {
			$version = self::node_version( $candidate );
			if ( null === $version ) {
				continue;
			}
			$major = (int) $version;
			if ( $major >= min( self::NODE_LINES ) ) {
				return array(
					'path'    => $candidate,
					'version' => $version,
					'major'   => $major,
				);
			}
			$found = $found ?? array( $candidate, $version );
		}
		if ( null === $found ) {
			/* translators: 1: the binaries tried, 2: how to install Node.js. */
			return sprintf( __( '%1$s did not run (`node -p process.versions.node` failed). %2$s, or pass --node=<path to node>.', 'wp-media-cloud' ), implode( ', ', $candidates ), $install );
		}
		/* translators: 1: path of the node binary, 2: its version, 3: how to install Node.js. */
		return sprintf( __( '%1$s is Node.js %2$s, too old: the sidecar needs Node.js 20 or newer (20, 22 and 24 are supported). %3$s, or pass --node=<path to a newer node>.', 'wp-media-cloud' ), $found[0], $found[1], $install );
	}

	private static function node_version( string $node ): ?string {
		if ( ! function_exists( 'exec' ) ) {
			return null;
		}
		$output = array();
		$code   = 0;
		exec( escapeshellarg( $node ) . ' -p process.versions.node 2>/dev/null', $output, $code ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		$version = trim( implode( '', $output ) );
		return 0 === $code && preg_match( '/^\d+\.\d+\.\d+/', $version ) ? $version : null;
	}

	/** The network's uploads folder: the sidecar reads every site's files relative to it (Upload_Paths). */
	public static function uploads_dir(): string {
		$switched = is_multisite() && ! is_main_site();
		if ( $switched ) {
			switch_to_blog( get_main_site_id() );
		}
		$dir = (string) wp_get_upload_dir()['basedir'];
		if ( $switched ) {
			restore_current_blog();
		}
		return untrailingslashit( $dir );
	}

	/** Where the sidecar reaches WordPress (heartbeats, migration callbacks): the main site's home. */
	public static function wordpress_url(): string {
		return untrailingslashit( is_multisite() ? network_home_url() : home_url() );
	}

	/**
	 * The folder the web server serves: ABSPATH, less the site URL's path when WordPress lives in a subfolder of it
	 * (siteurl `https://example.com/wp` with ABSPATH `/var/www/html/wp/` → `/var/www/html`).
	 */
	public static function web_root(): string {
		$abspath = self::real( ABSPATH );
		$path    = trim( (string) wp_parse_url( is_multisite() ? network_site_url() : site_url(), PHP_URL_PATH ), '/' );
		if ( '' !== $path && str_ends_with( $abspath, '/' . $path ) ) {
			return substr( $abspath, 0, -strlen( $path ) - 1 );
		}
		return $abspath;
	}

	/**
	 * Folders the web server may serve, with what they are: the data folder must be in none of them.
	 *
	 * @return array<string, string> Real path => name.
	 */
	public static function served_folders(): array {
		return array(
			self::web_root()                  => __( 'the web root', 'wp-media-cloud' ),
			self::real( ABSPATH )             => __( 'the WordPress folder', 'wp-media-cloud' ),
			self::real( WP_CONTENT_DIR )      => 'wp-content',
			self::real( self::uploads_dir() ) => __( 'the uploads folder', 'wp-media-cloud' ),
		);
	}

	/** The innermost served folder a path is in (its name and path), or null when it is outside all of them. */
	public static function served_folder_of( string $dir ): ?string {
		$real    = self::real( $dir );
		$folders = self::served_folders();
		uksort( $folders, static fn ( $a, $b ): int => strlen( (string) $b ) <=> strlen( (string) $a ) );
		foreach ( $folders as $folder => $name ) {
			if ( $real === (string) $folder || str_starts_with( $real . '/', rtrim( (string) $folder, '/' ) . '/' ) ) {
				/* translators: 1: what the folder is ("the web root"), 2: its path. */
				return sprintf( __( '%1$s %2$s', 'wp-media-cloud' ), $name, $folder );
			}
		}
		return null;
	}

	/**
	 * The data folders `setup` proposes, best first: beside the web root (`/var/www/html` → `/var/www/html-media-cloud`,
	 * what the sidecar itself uses when WPMC_DATA_DIR is not set); where that cannot be made, /var/lib/wp-media-cloud/<site>
	 * for root, or ~/.local/state/wp-media-cloud/<site>.
	 *
	 * @return array<int, string>
	 */
	public static function data_dir_candidates(): array {
		$root       = self::web_root();
		$candidates = array( dirname( $root ) . '/' . basename( $root ) . '-media-cloud' );
		if ( self::is_root() ) {
			$candidates[] = '/var/lib/wp-media-cloud/' . self::slug();
		}
		$home = (string) getenv( 'HOME' );
		if ( '' !== $home && '/' !== $home ) {
			$candidates[] = rtrim( $home, '/' ) . '/.local/state/wp-media-cloud/' . self::slug();
		}
		return $candidates;
	}

	/** A short name for this site, for the unit file and shared folders: `example-com`, `127-0-0-1-8890`. */
	public static function slug(): string {
		$parts = wp_parse_url( self::wordpress_url() );
		$name  = ( $parts['host'] ?? 'wordpress' ) . ( isset( $parts['port'] ) ? '-' . $parts['port'] : '' ) . ( $parts['path'] ?? '' );
		return trim( (string) preg_replace( '/[^a-z0-9]+/', '-', strtolower( $name ) ), '-' );
	}

	/** An executable on PATH (or in the system folders), or ''. */
	public static function which( string $name ): string {
		foreach ( explode( PATH_SEPARATOR, (string) getenv( 'PATH' ) . PATH_SEPARATOR . '/usr/sbin:/usr/bin:/sbin:/bin' ) as $dir ) {
			if ( '' !== $dir && is_file( $dir . '/' . $name ) && is_executable( $dir . '/' . $name ) ) {
				return $dir . '/' . $name;
			}
		}
		return '';
	}

	/**
	 * The user the sidecar should run as: the owner of the uploads folder (the web server's user), so the files
	 * it downloads back belong to WordPress.
	 *
	 * @return array{name: string, uid: int, gid: int}|null
	 */
	public static function owner_of_uploads(): ?array {
		$uid = @fileowner( self::uploads_dir() ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
		if ( false === $uid || ! function_exists( 'posix_getpwuid' ) ) {
			return null;
		}
		$user = posix_getpwuid( $uid );
		return is_array( $user ) ? array(
			'name' => (string) $user['name'],
			'uid'  => (int) $user['uid'],
			'gid'  => (int) $user['gid'],
		) : null;
	}

	public static function is_root(): bool {
		return function_exists( 'posix_geteuid' ) && 0 === posix_geteuid();
	}

	/** The real path of a folder that may not exist yet: symlinks resolved as far as the path exists. */
	public static function real( string $path ): string {
		$path = '/' === $path ? '/' : rtrim( $path, '/' );
		$rest = array();
		for ( $dir = $path; ; $dir = dirname( $dir ) ) {
			$real = realpath( $dir );
			if ( false !== $real ) {
				$full = rtrim( $real, '/' ) . ( $rest ? '/' . implode( '/', array_reverse( $rest ) ) : '' );
				return '' === $full ? '/' : $full;
			}
			if ( dirname( $dir ) === $dir ) {
				return $path;
			}
			$rest[] = basename( $dir );
		}
	}
}

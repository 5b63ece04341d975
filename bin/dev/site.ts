// A WordPress site folder under .data/sites/<name>, installed without WP-CLI.
// createSite is idempotent: the first run copies core and installs (a few seconds), later runs
// only refresh the generated files and check the install (well under a second). A site whose core
// is not the wanted suite's (made from another suite, or the suite rolled on) gets the wanted core
// files in place and its database upgrade (about a second, once).
import fs from 'node:fs';
import path from 'node:path';
import { ensureMariaDb, type MariaDbInfo } from './mariadb';
import { ensureDir, pluginDir, pluginMainFile, sitesDir } from './paths';
import { log, run, warn } from './shell';
import { ROUTER_PHP, wpConfigPhp } from './site-files';
import { installSqliteDropin } from './sqlite-dropin';
import { ensureWordPressCore, readWordPressVersion, type WordPressSuite } from './wordpress-core';
import { phpValue, randomHex, wpEval } from './wp-eval';

export interface SiteOptions {
	name: string;
	port: number;
	db: 'sqlite' | 'mariadb';
	sidecarPort: number;
	s3Port: number;
	bucket: string;
	/** The Debian suite whose WordPress core the site runs (wordpress-core.ts). */
	wordpress: WordPressSuite;
	/** MariaDB sites only; default 3400 + (port % 100), e.g. 3491 for port 8891. */
	mariadbPort?: number;
	/** Write the default plugin settings even if the site already has settings (tests). */
	resetSettings?: boolean;
}

export interface Site {
	name: string;
	dir: string;
	port: number;
	url: string;
	restUrl: string;
	db: 'sqlite' | 'mariadb';
	mariadb?: MariaDbInfo;
	/** The Debian suite of its core, and the version its wp-includes/version.php names (e.g. "7.1.4"). */
	wordpress: WordPressSuite;
	wpVersion: string;
	uploadsDir: string;
	sidecarPort: number;
	sidecarUrl: string;
	/** WP_MEDIA_CLOUD_SIDECAR_SECRET / WPMC_SECRET: 64 hex characters, made once per site. */
	secret: string;
	s3Port: number;
	s3Endpoint: string;
	bucket: string;
	admin: { user: string; password: string };
	/** Application password of the admin user, for REST calls (Basic auth). */
	appPassword: { uuid: string; password: string };
	/** Run-file keys of the site's servers (processes.ts). */
	keys: { php: string; sidecar: string };
}

/** What site.json keeps between runs: the values that must not change once made. */
interface SiteState {
	secret: string;
	salt: string;
	appPassword?: { uuid: string; password: string };
}

export const ADMIN = { user: 'admin', password: 'password', email: 'admin@example.test' };
export const PLUGIN_FILE = 'wp-media-cloud/wp-media-cloud.php';

/** The plugin settings every new site starts with: the site's bucket on the local s3rver. */
export function defaultSettings(s3Port: number, bucket: string): Record<string, unknown> {
	return {
		provider: 's3-compatible',
		endpoint: `http://127.0.0.1:${s3Port}`,
		region: 'us-east-1',
		bucket,
		access_key: 'S3RVER',
		secret_key: 'S3RVER',
		path_style: true,
		public_url: '',
		cdn_host: '',
		object_prefix: 'wp-content/uploads/',
		cache_control: 'public, max-age=31536000, immutable',
		rewrite_urls: true,
		remove_local: false,
		mirror_delete: true,
		versioning: false,
	};
}

export const siteDir = (name: string) => path.join(sitesDir, name);

/** Points wp-content/plugins/wp-media-cloud at the checkout's plugin/ folder (live edits). */
function linkPlugin(dir: string): void {
	const link = path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud');
	let current: string | null = null;
	try {
		current = fs.readlinkSync(link);
	} catch {
		// missing
	}
	if (current === pluginDir) return;
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(pluginDir, link, 'dir');
}

/** Replaces `dst` with a copy of `src` (a folder or a file); the copy is made first, under another name. */
function replaceWithCopy(src: string, dst: string): void {
	const partial = `${dst}.partial`;
	fs.rmSync(partial, { recursive: true, force: true });
	run('cp', ['-a', src, partial]);
	fs.rmSync(dst, { recursive: true, force: true });
	fs.renameSync(partial, dst);
}

/**
 * Gives an existing site the core files of `core` when its wp-includes/version.php differs (a site
 * made from another suite, or the suite rolled forward), as WordPress' own core update does:
 * wp-admin and wp-includes are replaced, the root files and the themes and plugins that come with
 * core are overwritten; wp-config.php, the rest of wp-content (uploads, other plugins and themes, the
 * SQLite database) and the database stay (SETUP_PHP then upgrades the database).
 * wp-includes goes last, so an interrupted refresh is noticed and finished on the next run.
 * Returns the version the site had, or null when its core is already the wanted one.
 */
function refreshCore(dir: string, core: string): string | null {
	const versionFile = path.join('wp-includes', 'version.php');
	const current = fs.existsSync(path.join(dir, versionFile)) ? fs.readFileSync(path.join(dir, versionFile)) : null;
	if (current?.equals(fs.readFileSync(path.join(core, versionFile)))) return null;
	const before = readWordPressVersion(dir)?.version ?? 'unknown';
	replaceWithCopy(path.join(core, 'wp-admin'), path.join(dir, 'wp-admin'));
	for (const sub of ['', 'wp-content', 'wp-content/themes', 'wp-content/plugins']) {
		for (const entry of fs.readdirSync(path.join(core, sub), { withFileTypes: true })) {
			if (sub === '' && entry.isDirectory()) continue; // wp-admin above, wp-includes last, wp-content here
			if (sub === 'wp-content' && entry.isDirectory()) continue; // only themes/ and plugins/ come with core
			const target = path.join(dir, sub, entry.name);
			if (entry.isDirectory()) replaceWithCopy(path.join(core, sub, entry.name), target);
			else fs.copyFileSync(path.join(core, sub, entry.name), target);
		}
	}
	replaceWithCopy(path.join(core, 'wp-includes'), path.join(dir, 'wp-includes'));
	return before;
}

// Runs with WP_INSTALLING defined, so plugins are not loaded: a half-written plugin cannot
// break the install. Inputs come from the WPMC_SETUP environment variable.
const SETUP_PHP = `
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$in = json_decode( getenv( 'WPMC_SETUP' ), true );
$installed = false;
if ( ! is_blog_installed() ) {
	wp_install( $in['title'], $in['user'], $in['email'], true, '', wp_slash( $in['password'] ) );
	$installed = true;
}
// A core of another version (refreshCore): the database upgrade wp-admin would otherwise stop at
// ("Database update required"), in either direction; wp_upgrade() returns at once when it is current.
$upgraded_from = null;
if ( ! $installed && (int) get_option( 'db_version' ) !== (int) $GLOBALS['wp_db_version'] ) {
	$upgraded_from = (int) get_option( 'db_version' );
	wp_upgrade();
}
$user = get_user_by( 'login', $in['user'] );
if ( ! $user ) {
	throw new Exception( 'The admin user is missing from this site: delete the site folder to reinstall.' );
}
if ( get_option( 'permalink_structure' ) !== '/%postname%/' ) {
	global $wp_rewrite;
	$wp_rewrite->set_permalink_structure( '/%postname%/' );
	$wp_rewrite->flush_rules( false );
}
$app = null;
if ( empty( $in['appUuid'] ) || ! WP_Application_Passwords::get_user_application_password( $user->ID, $in['appUuid'] ) ) {
	$name = 'wp-media-cloud dev environment';
	foreach ( WP_Application_Passwords::get_user_application_passwords( $user->ID ) as $item ) {
		if ( $item['name'] === $name ) {
			WP_Application_Passwords::delete_application_password( $user->ID, $item['uuid'] );
		}
	}
	$created = WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => $name ) );
	if ( is_wp_error( $created ) ) {
		throw new Exception( $created->get_error_message() );
	}
	$app = array( 'uuid' => $created[1]['uuid'], 'password' => $created[0] );
}
if ( $in['resetSettings'] || false === get_option( 'wp_media_cloud_settings' ) ) {
	update_option( 'wp_media_cloud_settings', $in['settings'] );
}
return array( 'installed' => $installed, 'upgradedFrom' => $upgraded_from, 'appPassword' => $app );
`;

const ACTIVATE_PHP = `
require_once ABSPATH . 'wp-admin/includes/plugin.php';
if ( is_plugin_active( ${phpValue(PLUGIN_FILE)} ) ) {
	return 'active';
}
$result = activate_plugin( ${phpValue(PLUGIN_FILE)} );
return is_wp_error( $result ) ? $result->get_error_message() : 'activated';
`;

/** Activates the plugin when its main file exists; a missing or broken plugin only warns. */
export async function activatePlugin(site: Site): Promise<boolean> {
	if (!fs.existsSync(pluginMainFile)) {
		warn(`${path.relative(process.cwd(), pluginMainFile)} does not exist yet: plugin not activated on ${site.name}`);
		return false;
	}
	try {
		const status = await wpEval<string>(site, ACTIVATE_PHP);
		if (status === 'activated') log(`activated wp-media-cloud on ${site.name}`);
		else if (status !== 'active') warn(`activating wp-media-cloud on ${site.name}: ${status}`);
		return status === 'active' || status === 'activated';
	} catch (error) {
		warn(`activating wp-media-cloud on ${site.name} failed:\n${(error as Error).message}`);
		return false;
	}
}

/** Creates or refreshes a site; starts its MariaDB server first for db: 'mariadb'. */
export async function createSite(options: SiteOptions): Promise<Site> {
	const dir = ensureDir(siteDir(options.name));
	const stateFile = path.join(dir, 'site.json');
	const saved: Partial<SiteState> = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
	const state: SiteState = { secret: saved.secret ?? randomHex(32), salt: saved.salt ?? randomHex(32), appPassword: saved.appPassword };

	const core = ensureWordPressCore(options.wordpress);
	if (!fs.existsSync(path.join(dir, 'wp-load.php'))) {
		log(`creating site ${options.name} in ${dir}`);
		run('cp', ['-a', `${core}/.`, dir]);
	} else {
		const before = refreshCore(dir, core);
		if (before) log(`${options.name}: core files of WordPress ${before} replaced by ${readWordPressVersion(dir)?.version} (Debian ${options.wordpress})`);
	}
	const wpVersion = readWordPressVersion(dir)?.version;
	if (!wpVersion) throw new Error(`${dir}/wp-includes/version.php names no WordPress version`);
	const uploadsDir = ensureDir(path.join(dir, 'wp-content', 'uploads'));
	const mariadb = options.db === 'mariadb' ? await ensureMariaDb(options.name, options.mariadbPort ?? 3400 + (options.port % 100)) : undefined;
	if (options.db === 'sqlite') installSqliteDropin(path.join(dir, 'wp-content'));
	else fs.rmSync(path.join(dir, 'wp-content', 'db.php'), { force: true });
	linkPlugin(dir);

	const url = `http://127.0.0.1:${options.port}`;
	const sidecarUrl = `http://127.0.0.1:${options.sidecarPort}`;
	fs.writeFileSync(path.join(dir, 'wp-config.php'), wpConfigPhp({ url, sidecarUrl, secret: state.secret, salt: state.salt, mariadb }));
	fs.writeFileSync(path.join(dir, 'router.php'), ROUTER_PHP);

	const site: Site = {
		name: options.name,
		dir,
		port: options.port,
		url,
		restUrl: `${url}/wp-json/`,
		db: options.db,
		mariadb,
		wordpress: options.wordpress,
		wpVersion,
		uploadsDir,
		sidecarPort: options.sidecarPort,
		sidecarUrl,
		secret: state.secret,
		s3Port: options.s3Port,
		s3Endpoint: `http://127.0.0.1:${options.s3Port}`,
		bucket: options.bucket,
		admin: { user: ADMIN.user, password: ADMIN.password },
		appPassword: state.appPassword ?? { uuid: '', password: '' },
		keys: { php: `php-${options.name}`, sidecar: `sidecar-${options.name}` },
	};

	const setup = {
		title: `WP Media Cloud (${options.name})`,
		user: ADMIN.user,
		password: ADMIN.password,
		email: ADMIN.email,
		appUuid: state.appPassword?.uuid ?? '',
		resetSettings: !!options.resetSettings,
		settings: defaultSettings(options.s3Port, options.bucket),
	};
	const result = await wpEval<{
		installed: boolean;
		upgradedFrom: number | null;
		appPassword: SiteState['appPassword'] | null;
	}>(site, SETUP_PHP, {
		// No mail on this machine: the "new site" notification is a no-op.
		before: "define( 'WP_INSTALLING', true );\nfunction wp_new_blog_notification() {}",
		env: { WPMC_SETUP: JSON.stringify(setup) },
	});
	if (result.installed) log(`installed WordPress ${wpVersion} on ${options.name} (${options.db})`);
	if (result.upgradedFrom !== null) {
		log(`${options.name}: database upgraded from db_version ${result.upgradedFrom} for WordPress ${wpVersion}`);
	}
	if (result.appPassword) site.appPassword = state.appPassword = result.appPassword;
	fs.writeFileSync(stateFile, JSON.stringify({ ...state, options }, null, 2));

	await activatePlugin(site);
	return site;
}

/** `Authorization` header value for REST calls as admin with the application password. */
export function authHeader(site: Pick<Site, 'admin' | 'appPassword'>): string {
	return `Basic ${Buffer.from(`${site.admin.user}:${site.appPassword.password}`).toString('base64')}`;
}

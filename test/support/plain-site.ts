// A plain WordPress site of its own (SQLite, the current WordPress: Debian sid, 7.1.x) with no Media Cloud plugin
// at all: no link to the checkout's plugin/, no sidecar constants in wp-config.php, no plugin settings. For tests
// that install the plugin the way a person does (from the zip, through wp-admin). It lives in .data/sites/<name>,
// is served by PHP's built-in server on its own port (bin/dev/servers.ts startPhpServer) and is installed with the
// real WP-CLI, as a host would. The shared test sites are never touched.
//   const site = await makePlainSite({ name: 'first-run-zip', port: 8897 });
//   …
//   await removePlainSite(site);
import fs from 'node:fs';
import path from 'node:path';
import { runDir } from '../../bin/dev/paths';
import { portInUse, stopServer } from '../../bin/dev/processes';
import { startPhpServer } from '../../bin/dev/servers';
import { ADMIN, siteDir, type Site } from '../../bin/dev/site';
import { ROUTER_PHP } from '../../bin/dev/site-files';
import { installSqliteDropin } from '../../bin/dev/sqlite-dropin';
import { CURRENT_WORDPRESS, ensureWordPressCore, readWordPressVersion } from '../../bin/dev/wordpress-core';
import { wpOk, WP_CLI_PHAR } from './wp-cli';

/** Re-exported for the tests that import it from here; test/support/wp-cli.ts finds it. */
export { WP_CLI_PHAR };

export interface PlainSite {
	name: string;
	/** The WordPress folder (ABSPATH without the trailing slash). */
	dir: string;
	port: number;
	/** e.g. http://127.0.0.1:8897 (no trailing slash). */
	url: string;
	wpVersion: string;
	admin: { user: string; password: string };
	/** Run-file key of its PHP server (bin/dev/processes.ts). */
	phpKey: string;
}

/** wp-config.php as wp-config-sample.php lays it out (the "stop editing" line, then ABSPATH and wp-settings.php). */
/** A plain wp-config.php for a SQLite site at `url`, offline-safe, with the usual "stop editing" line (setup writes above it). */
export function plainWpConfig(url: string, salt: string): string {
	const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
	return `<?php
// SQLite through the drop-in in wp-content/db.php; the DB_* values below are unused.
define( 'DB_DIR', __DIR__ . '/wp-content/database/' );
define( 'DB_FILE', '.ht.sqlite' );
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', '' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$table_prefix = 'wp_';

${salts.map((name) => `define( '${name}', '${name}-${salt}' );`).join('\n')}

define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
// Offline machine: never wait on wordpress.org, only talk to our own servers.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', false );

/* Add any custom values between this line and the "stop editing" line. */



/* That's all, stop editing! Happy publishing. */

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

/** Sets up WordPress vars and included files. */
require_once ABSPATH . 'wp-settings.php';
`;
}

/** Runs the real WP-CLI on a folder; rejects with its output on a non-zero exit. */
export async function runWpCli(dir: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
	return wpOk({ dir }, args);
}

/**
 * Makes the site from scratch (whatever an earlier run left in its folder is deleted first), starts its PHP server
 * and installs WordPress (admin / password). No plugin but the SQLite integration the drop-in needs.
 */
export async function makePlainSite(options: { name: string; port: number }): Promise<PlainSite> {
	const dir = siteDir(options.name);
	const url = `http://127.0.0.1:${options.port}`;
	const phpKey = `php-${options.name}`;
	await stopServer(phpKey); // a leftover of a crashed run
	if (await portInUse(options.port)) throw new Error(`Port ${options.port} is in use by another program: the plain site ${options.name} needs it.`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.cpSync(ensureWordPressCore(CURRENT_WORDPRESS), dir, { recursive: true, verbatimSymlinks: true });
	installSqliteDropin(path.join(dir, 'wp-content'));
	fs.mkdirSync(path.join(dir, 'wp-content', 'uploads'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'wp-config.php'), plainWpConfig(url, Math.random().toString(36).slice(2)));
	fs.writeFileSync(path.join(dir, 'router.php'), ROUTER_PHP);
	const wpVersion = readWordPressVersion(dir)?.version;
	if (!wpVersion) throw new Error(`${dir}/wp-includes/version.php names no WordPress version`);

	// startPhpServer reads only these fields of a Site.
	const server: Pick<Site, 'keys' | 'port' | 'dir' | 'url'> = { keys: { php: phpKey, sidecar: `sidecar-${options.name}` }, port: options.port, dir, url };
	await startPhpServer(server as Site, { track: false });
	// Installed while its server runs, so WordPress' own check turns on pretty permalinks as on a real host.
	await runWpCli(dir, [
		'core',
		'install',
		`--url=${url}`,
		`--title=Plain site (${options.name})`,
		`--admin_user=${ADMIN.user}`,
		`--admin_password=${ADMIN.password}`,
		`--admin_email=${ADMIN.email}`,
		'--skip-email',
	]);
	return { name: options.name, dir, port: options.port, url, wpVersion, admin: { user: ADMIN.user, password: ADMIN.password }, phpKey };
}

/** Stops the site's PHP server and deletes its folder and run file (its log stays in .data/logs/). */
export async function removePlainSite(site: Pick<PlainSite, 'dir' | 'phpKey'>): Promise<void> {
	await stopServer(site.phpKey);
	fs.rmSync(path.join(runDir, `${site.phpKey}.json`), { force: true });
	fs.rmSync(site.dir, { recursive: true, force: true });
}

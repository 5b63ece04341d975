// A multisite network of its own, made the way a host makes one: the current WordPress (SQLite), installed and
// converted with the real WP-CLI (`core install`, `core multisite-convert`, `site create`), served by PHP's
// built-in server with a router that does what the network's nginx/Apache rules do, with its own s3rver and
// sidecar on the multisite tests' ports (9350-9373). The shared test sites are never touched.
//
// A subdomain network (`subdomains: true`) lives at http://localhost:<port>, its site 2 at
// http://site2.localhost:<port>. WordPress keeps a port other than 80 and 443 in a site's domain (ms-settings.php
// strips only those two from HTTP_HOST), so the network's domain is `localhost:<port>` and site 2's
// `site2.localhost:<port>`; wp-admin's network setup refuses ports, WP-CLI's `multisite-convert` does not. Chromium
// resolves *.localhost to loopback itself (RFC 6761); Node and PHP here do not (nsswitch `files dns`, no DNS), and
// the tests must not need /etc/hosts: the sidecar reaches every site through http://127.0.0.1:<port> with the
// site's name in the Host header (as it does any internal WPMC_WORDPRESS_URL), the tests through requestSite().
//   const network = await makeNetwork({ name: 'ms-runs', port: 9350, activation: 'network' });
//   await network.wp(['media-cloud', 'migrate'], { site: 2 });
//   await network.startSidecar();  …  await network.remove();
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pluginDir, repoRoot } from '../../bin/dev/paths';
import { portInUse, startServer, stopServer } from '../../bin/dev/processes';
import { startS3Server } from '../../bin/dev/servers';
import { defaultSettings, siteDir } from '../../bin/dev/site';
import { CURRENT_WORDPRESS, ensureWordPressCore, type WordPressSuite } from '../../bin/dev/wordpress-core';
import { PHP_INI_FLAGS } from '../../bin/dev/wp-eval';
import { plainWpConfig } from '../support/plain-site';
import { WP_CLI_MISSING, WP_CLI_PHAR } from '../support/wp-cli';
import type { S3Info } from '../support/stack';
import { dropDatabase, type NetworkDatabase, prepareDatabase } from './network-database';

/**
 * Router for `php -S` on a subdirectory network: `/<site>/wp-…` and `/<site>/….php` are the main files, as
 * the network's web server rules rewrite them (`rewrite ^(/[^/]+)?(/wp-.*) $2`); anything else goes to index.php.
 */
const NETWORK_ROUTER_PHP = `<?php
$path = urldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ?? '/' );
if ( str_contains( $path, '/.ht' ) ) {
	http_response_code( 403 );
	return true;
}
if ( is_file( __DIR__ . $path ) ) {
	return false;
}
$target = $path;
if ( preg_match( '#^/[^/]+(/wp-.*|/[^/]+\\.php)$#', $path, $match ) && file_exists( __DIR__ . $match[1] ) ) {
	$target = $match[1];
}
$file = __DIR__ . $target;
if ( is_dir( $file ) ) {
	if ( ! str_ends_with( $path, '/' ) ) {
		$query = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_QUERY );
		header( 'Location: ' . $path . '/' . ( $query ? '?' . $query : '' ), true, 301 );
		return true;
	}
	$target = rtrim( $target, '/' ) . '/index.php';
	$file   = __DIR__ . $target;
}
if ( ! is_file( $file ) ) {
	$target = '/index.php';
	$file   = __DIR__ . $target;
}
if ( ! str_ends_with( $file, '.php' ) ) {
	$types = array( 'css' => 'text/css', 'js' => 'text/javascript', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'woff2' => 'font/woff2', 'json' => 'application/json' );
	header( 'Content-Type: ' . ( $types[ pathinfo( $file, PATHINFO_EXTENSION ) ] ?? 'application/octet-stream' ) );
	readfile( $file );
	return true;
}
$_SERVER['SCRIPT_NAME']     = $target;
$_SERVER['PHP_SELF']        = $target;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir( dirname( $file ) );
require $file;
`;

export interface WpResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface SidecarOptions {
	/** Run-file key suffix and data folder name (default "sidecar"). */
	name?: string;
	port?: number;
	/** WPMC_SERVER_ID of this sidecar. */
	serverId?: string;
	uploadsDir?: string;
	wordpressUrl?: string;
	/** WPMC_WORDPRESS_HOST; on a subdomain network the main site's name (localhost:<port>) unless given ('' for none). */
	wordpressHost?: string;
	heartbeatSeconds?: number;
}

export interface Network {
	name: string;
	dir: string;
	port: number;
	/** The main site, e.g. http://127.0.0.1:9350, or http://localhost:9368 on a subdomain network (no trailing slash). */
	url: string;
	/** Where its web server listens: http://127.0.0.1:<port>, the sidecar's WPMC_WORDPRESS_URL by default. */
	address: string;
	subdomains: boolean;
	/** A site's URL by blog id (site 2: <url>/site2, or http://site2.localhost:<port> on a subdomain network). */
	siteUrl(blogId: number): string;
	uploadsDir: string;
	secret: string;
	sidecarPort: number;
	s3: S3Info;
	/** The real WP-CLI on the network, as `wp --url=<site> …`; never throws on a non-zero exit. */
	wp(args: string[], options?: { site?: number; env?: Record<string, string> }): Promise<WpResult>;
	/** Like wp(), but rejects with the output unless it exits 0. */
	wpOk(args: string[], options?: { site?: number; env?: Record<string, string> }): Promise<string>;
	/** `wp eval` of PHP that echoes JSON, decoded. */
	evalJson<T = unknown>(php: string, site?: number): Promise<T>;
	startSidecar(options?: SidecarOptions): Promise<string>;
	stopSidecar(name?: string): Promise<void>;
	/** Starts a PHP server of its own on another port for the same WordPress, with extra environment (a second web server). */
	startWebServer(port: number, env: Record<string, string>, name: string): Promise<string>;
	remove(): Promise<void>;
}

export async function makeNetwork(options: {
	name: string;
	port: number;
	sidecarPort: number;
	s3Port: number;
	/** The WordPress it runs: the current one (7.1, default) or the oldest tested (6.8). */
	wordpress?: WordPressSuite;
	/** Network-activated, active only on site 2, or a single site (no network at all). */
	activation: 'network' | 'site2' | 'single';
	/** A subdomain network (`multisite-convert --subdomains`) instead of a subdirectory one. */
	subdomains?: boolean;
	/** SQLite (default) or a database of its own on the test stack's MariaDB. */
	database?: NetworkDatabase;
	/** PHP lines added to wp-config.php (before the multisite constants). */
	config?: string;
	/** Called after install, before the plugin is activated (e.g. to import media). */
	beforeActivation?: (network: Network) => Promise<void>;
}): Promise<Network> {
	if (!WP_CLI_PHAR) throw new Error(WP_CLI_MISSING);
	const wpCli = WP_CLI_PHAR;
	const dir = siteDir(options.name);
	const subdomains = options.subdomains ?? false;
	const address = `http://127.0.0.1:${options.port}`;
	const url = subdomains ? `http://localhost:${options.port}` : address;
	const keys = { php: `php-${options.name}`, s3: options.name };
	const secret = crypto.randomBytes(32).toString('hex');
	const bucket = options.name;
	const servers = new Set<string>([keys.php]);

	await stopServer(keys.php);
	for (const port of [options.port, options.sidecarPort, options.s3Port]) {
		if (await portInUse(port))
			throw new Error(`Port ${port} is in use: the network ${options.name} needs it (a leftover of a crashed run? see .data/run/).`);
	}
	fs.rmSync(dir, { recursive: true, force: true });
	fs.cpSync(ensureWordPressCore(options.wordpress ?? CURRENT_WORDPRESS), dir, { recursive: true, verbatimSymlinks: true });
	const uploadsDir = path.join(dir, 'wp-content', 'uploads');
	fs.mkdirSync(uploadsDir, { recursive: true });
	fs.symlinkSync(pluginDir, path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud'), 'dir');
	const extra = [
		"define( 'WP_ENVIRONMENT_TYPE', 'local' );",
		// A second web server of the same site (startWebServer) talks to its own sidecar.
		`define( 'WP_MEDIA_CLOUD_SIDECAR_URL', getenv( 'WPMC_TEST_SIDECAR_URL' ) ?: 'http://127.0.0.1:${options.sidecarPort}' );`,
		`define( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '${secret}' );`,
		// WordPress would make a subdomain network's cookie domain `.localhost:<port>`, which no browser accepts (a
		// cookie's domain has no port): host-only cookies, so logging in on one site works as a real network's does.
		subdomains ? "define( 'COOKIE_DOMAIN', '' );" : '',
		options.config ?? '',
	].join('\n');
	fs.writeFileSync(
		path.join(dir, 'wp-config.php'),
		prepareDatabase(options.database ?? 'sqlite', options.name, path.join(dir, 'wp-content'), plainWpConfig(url, options.name)).replace(
			'/* Add any custom values between this line and the "stop editing" line. */',
			(line) => `${line}\n${extra}`,
		),
	);
	fs.writeFileSync(path.join(dir, 'router.php'), NETWORK_ROUTER_PHP);

	const siteUrl = (blogId: number) => {
		if (blogId === 1) return url;
		return subdomains ? `http://site${blogId}.localhost:${options.port}` : `${url}/site${blogId}`;
	};
	const wp = async (args: string[], run: { site?: number; env?: Record<string, string> } = {}): Promise<WpResult> => {
		try {
			const { stdout, stderr } = await promisify(execFile)(
				'php',
				['-d', 'memory_limit=512M', wpCli, '--allow-root', `--path=${dir}`, `--url=${siteUrl(run.site ?? 1)}/`, ...args],
				{
					maxBuffer: 16 * 1024 * 1024,
					env: { ...process.env, ...run.env },
					timeout: 300_000,
				},
			);
			return { code: 0, stdout, stderr };
		} catch (error) {
			const failed = error as { code?: number; stdout?: string; stderr?: string };
			return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
		}
	};
	const wpOk = async (args: string[], run?: { site?: number; env?: Record<string, string> }) => {
		const result = await wp(args, run);
		if (result.code !== 0) throw new Error(`wp ${args.join(' ')} (site ${run?.site ?? 1}) exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
		return result.stdout;
	};
	const startWebServer = async (port: number, env: Record<string, string>, name: string) => {
		const key = `php-${options.name}-${name}`;
		servers.add(key);
		await startServer(
			{
				key,
				command: 'php',
				args: [...PHP_INI_FLAGS, '-S', `127.0.0.1:${port}`, '-t', dir, path.join(dir, 'router.php')],
				cwd: dir,
				env: { PHP_CLI_SERVER_WORKERS: '4', ...env },
				port,
				readyUrl: `http://127.0.0.1:${port}/wp-login.php`,
			},
			{ track: false },
		);
		return `http://127.0.0.1:${port}`;
	};

	const network: Network = {
		name: options.name,
		dir,
		port: options.port,
		url,
		address,
		subdomains,
		siteUrl,
		uploadsDir,
		secret,
		sidecarPort: options.sidecarPort,
		s3: { endpoint: `http://127.0.0.1:${options.s3Port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		wp,
		wpOk,
		evalJson: async <T>(php: string, site = 1) => JSON.parse((await wpOk(['eval', php], { site })).trim()) as T,
		startSidecar: async (sidecar: SidecarOptions = {}) => {
			const name = sidecar.name ?? 'sidecar';
			const key = `${options.name}-${name}`;
			const port = sidecar.port ?? options.sidecarPort;
			servers.add(key);
			const dataDir = path.join(repoRoot, '.data', 'sidecar', key);
			fs.mkdirSync(dataDir, { recursive: true });
			await startServer(
				{
					key,
					command: process.execPath,
					args: ['--import', 'tsx', path.join(repoRoot, 'sidecar', 'src', 'main.ts')],
					cwd: repoRoot,
					env: {
						WPMC_SECRET: secret,
						WPMC_UPLOADS_DIR: sidecar.uploadsDir ?? uploadsDir,
						WPMC_WORDPRESS_URL: sidecar.wordpressUrl ?? address,
						// The heartbeat names no site: on a network reached at 127.0.0.1 it must name the main one.
						WPMC_WORDPRESS_HOST: sidecar.wordpressHost ?? (subdomains ? new URL(url).host : ''),
						WPMC_HOST: '127.0.0.1',
						WPMC_PORT: String(port),
						WPMC_DATA_DIR: dataDir,
						WPMC_HEARTBEAT_SECONDS: String(sidecar.heartbeatSeconds ?? 0),
						...(sidecar.serverId ? { WPMC_SERVER_ID: sidecar.serverId } : {}),
					},
					port,
					readyUrl: `http://127.0.0.1:${port}/v1/status`,
				},
				{ timeoutMs: 60_000, track: false },
			);
			return `http://127.0.0.1:${port}`;
		},
		stopSidecar: (name = 'sidecar') => stopServer(`${options.name}-${name}`),
		startWebServer,
		remove: async () => {
			for (const key of servers) await stopServer(key);
			await stopServer(`s3-${keys.s3}`);
			for (const key of servers) fs.rmSync(path.join(repoRoot, '.data', 'sidecar', key), { recursive: true, force: true });
			fs.rmSync(dir, { recursive: true, force: true });
			dropDatabase(options.database ?? 'sqlite', options.name);
		},
	};

	await startS3Server({ name: keys.s3, port: options.s3Port, buckets: [bucket], wipe: true }, { track: false });
	await startServer(
		{
			key: keys.php,
			command: 'php',
			args: [...PHP_INI_FLAGS, '-S', `127.0.0.1:${options.port}`, '-t', dir, path.join(dir, 'router.php')],
			cwd: dir,
			// With a single worker, a request WordPress → sidecar → WordPress deadlocks.
			env: { PHP_CLI_SERVER_WORKERS: '4' },
			port: options.port,
			readyUrl: `${address}/wp-login.php`,
		},
		{ track: false },
	);
	await wpOk([
		'core',
		'install',
		`--url=${url}`,
		'--title=Network',
		'--admin_user=admin',
		'--admin_password=password',
		'--admin_email=admin@example.test',
		'--skip-email',
	]);
	if (options.activation !== 'single') {
		// A subdomain network warns "Wildcard DNS may not be configured correctly": WordPress asked a random
		// subdomain over HTTP, which PHP cannot resolve here (the reason the tests name sites in the Host header).
		await wpOk(['core', 'multisite-convert', '--title=Network', ...(subdomains ? ['--subdomains'] : [])]);
		await wpOk(['site', 'create', '--slug=site2', '--title=Site 2']);
	}
	await options.beforeActivation?.(network);
	if (options.activation === 'network') await wpOk(['plugin', 'activate', 'wp-media-cloud', '--network']);
	else await wpOk(['plugin', 'activate', 'wp-media-cloud'], { site: options.activation === 'single' ? 1 : 2 });
	const settings = JSON.stringify(defaultSettings(options.s3Port, bucket));
	for (const site of { network: [1, 2], site2: [2], single: [1] }[options.activation]) {
		await wpOk(['option', 'update', 'wp_media_cloud_settings', settings, '--format=json'], { site });
	}
	return network;
}

/** A PNG of one colour, made with GD (same name on two sites, different bytes). */
export function makePng(file: string, rgb: [number, number, number], width = 640, height = 480): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const php = `$i = imagecreatetruecolor(${width}, ${height}); imagefill($i, 0, 0, imagecolorallocate($i, ${rgb.join(', ')})); imagepng($i, ${JSON.stringify(file)});`;
	execFileSync('php', ['-r', php]);
}

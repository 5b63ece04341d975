import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storageTimeoutProblem } from './storage/timeouts';

/** Runtime settings of the sidecar, read once from the environment at start. */
export interface SidecarConfig {
	/** Shared HMAC secret; the same value as WordPress' WP_MEDIA_CLOUD_SIDECAR_SECRET. */
	secret: string;
	/** Absolute, resolved path of wp-content/uploads. Nothing outside it is ever read. */
	uploadsDir: string;
	/** The WordPress site the sidecar reports to (heartbeats, migration callbacks). */
	wordpressUrl: string;
	/** WPMC_WORDPRESS_HOST: the name WordPress knows the site by, sent as Host to an internal WPMC_WORDPRESS_URL. */
	wordpressHost: string | null;
	host: string;
	port: number;
	/** Where the SQLite job database lives: never inside a folder the web server serves. */
	dataDir: string;
	/** Seconds between heartbeats to WordPress (which then offloads pending uploads). 0 turns them off. */
	heartbeatSeconds: number;
	/** WPMC_SERVER_ID: the web server this sidecar runs on (default its host name), sent with each heartbeat. */
	serverId: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; every problem is named with the variable to fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): SidecarConfig {
	const problems: string[] = [];
	const required = (name: string): string => {
		const value = env[name]?.trim();
		if (!value) problems.push(`${name} is not set.`);
		return value ?? '';
	};

	const secret = required('WPMC_SECRET');
	if (secret && secret.length < 32) {
		// WordPress counts a shorter WP_MEDIA_CLOUD_SIDECAR_SECRET as not configured (Signature::MIN_SECRET_LENGTH).
		problems.push(
			`WPMC_SECRET is ${secret.length} characters; it must be at least 32. Set it to the value of WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php, or run \`wp media-cloud sidecar setup\`, which makes a 64-character secret for both.`,
		);
	}
	const uploadsDir = required('WPMC_UPLOADS_DIR');
	if (uploadsDir && !path.isAbsolute(uploadsDir)) {
		problems.push('WPMC_UPLOADS_DIR must be an absolute path to wp-content/uploads.');
	}
	const wordpressUrl = required('WPMC_WORDPRESS_URL').replace(/\/+$/, '');
	if (wordpressUrl && !/^https?:\/\//.test(wordpressUrl)) {
		problems.push('WPMC_WORDPRESS_URL must start with http:// or https://.');
	}
	const wordpressHost = env.WPMC_WORDPRESS_HOST?.trim() || null;
	if (wordpressHost && !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(wordpressHost)) {
		problems.push(
			'WPMC_WORDPRESS_HOST must be a host name, with its port when not 80 or 443 (e.g. example.com): the name WordPress knows the main site by, not a URL.',
		);
	}
	const port = Number(env.WPMC_PORT ?? 8787);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		problems.push('WPMC_PORT must be a port number (1-65535).');
	}
	const heartbeatSeconds = Number(env.WPMC_HEARTBEAT_SECONDS ?? 60);
	if (!Number.isFinite(heartbeatSeconds) || heartbeatSeconds < 0) {
		problems.push('WPMC_HEARTBEAT_SECONDS must be a number of seconds (0 turns heartbeats off).');
	}
	const storageTimeout = storageTimeoutProblem(env);
	if (storageTimeout) problems.push(storageTimeout);
	const wordpressRoot = env.WPMC_WORDPRESS_ROOT?.trim();
	if (wordpressRoot && !path.isAbsolute(wordpressRoot)) {
		problems.push('WPMC_WORDPRESS_ROOT must be an absolute path (the folder the web server serves WordPress from).');
	}
	// A relative WPMC_DATA_DIR is taken from the working directory, and checked like any other.
	const dataDirSetting = env.WPMC_DATA_DIR?.trim();

	if (problems.length > 0) {
		throw new ConfigError(`The sidecar cannot start:\n- ${problems.join('\n- ')}`);
	}
	const uploads = path.resolve(uploadsDir);
	const dataDir = checkedDataDir(dataDirSetting, uploads, wordpressRoot || undefined, env.STATE_DIRECTORY);
	return {
		secret,
		uploadsDir: uploads,
		wordpressUrl,
		wordpressHost,
		host: env.WPMC_HOST?.trim() || '127.0.0.1',
		port,
		dataDir,
		heartbeatSeconds,
		serverId: env.WPMC_SERVER_ID?.trim() || os.hostname(),
	};
}

/**
 * The folder the web server serves WordPress from: WPMC_WORDPRESS_ROOT when given, else the nearest folder
 * above the uploads folder that holds wp-load.php or wp-config.php, else (standard layout, files not there yet)
 * the parent of wp-content. Null when the layout says nothing (uploads not under a WordPress folder).
 */
export function wordpressRootOf(uploadsDir: string, explicitRoot?: string): string | null {
	if (explicitRoot) return realPathOf(explicitRoot);
	const uploads = realPathOf(uploadsDir);
	for (let dir = path.dirname(uploads); dir !== path.dirname(dir); dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, 'wp-load.php')) || fs.existsSync(path.join(dir, 'wp-config.php'))) return dir;
	}
	const content = path.dirname(uploads);
	return path.basename(content) === 'wp-content' ? path.dirname(content) : null;
}

/**
 * Where the job database goes when WPMC_DATA_DIR is not set: systemd's StateDirectory (STATE_DIRECTORY), else
 * beside the WordPress root, as `wp media-cloud sidecar setup` picks it (`/var/www/html` → `/var/www/html-media-cloud`).
 */
export function defaultDataDir(wordpressRoot: string | null, stateDirectory?: string): string | null {
	const state = stateDirectory?.split(':')[0]?.trim();
	if (state) return state;
	return wordpressRoot ? path.join(path.dirname(wordpressRoot), `${path.basename(wordpressRoot)}-media-cloud`) : null;
}

/**
 * The data folder, refused when it is inside the WordPress root or the uploads folder: the web server would hand
 * the job database (paths of every file, run history) to anyone who asks for it.
 */
function checkedDataDir(setting: string | undefined, uploadsDir: string, explicitRoot: string | undefined, stateDirectory: string | undefined): string {
	const root = wordpressRootOf(uploadsDir, explicitRoot);
	const chosen = setting ? path.resolve(setting) : defaultDataDir(root, stateDirectory);
	if (!chosen) {
		throw new ConfigError(
			'The sidecar cannot start:\n' +
				`- WPMC_DATA_DIR is not set, and no WordPress folder was found above WPMC_UPLOADS_DIR (${uploadsDir}) to put the job database beside.\n` +
				'  Set WPMC_DATA_DIR to a folder outside every folder the web server serves, e.g. /var/lib/wp-media-cloud (`wp media-cloud sidecar setup` picks one and writes it to the environment file).',
		);
	}
	const resolved = realPathOf(chosen);
	const served: Array<[string, string]> = [[realPathOf(uploadsDir), 'the uploads folder (WPMC_UPLOADS_DIR)']];
	if (root) served.unshift([root, explicitRoot ? 'the WordPress root (WPMC_WORDPRESS_ROOT)' : 'the WordPress root']);
	for (const [folder, name] of served) {
		if (isInside(resolved, folder)) {
			const suggestion = defaultDataDir(root) ?? '/var/lib/wp-media-cloud';
			throw new ConfigError(
				'The sidecar cannot start:\n' +
					`- The data folder ${resolved}${setting ? ' (WPMC_DATA_DIR)' : ''} is inside ${name}, ${folder}, which the web server serves: anyone could download the job database.\n` +
					`  Set WPMC_DATA_DIR to a folder outside it, e.g. ${suggestion} (or run \`wp media-cloud sidecar setup\`, which picks one), and move jobs.sqlite there if it exists.`,
			);
		}
	}
	return resolved;
}

function isInside(child: string, parent: string): boolean {
	const relative = path.relative(parent, child);
	return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path of a folder that may not exist yet: symlinks resolved as far as the path exists. */
function realPathOf(target: string): string {
	const absolute = path.resolve(target);
	const rest: string[] = [];
	for (let dir = absolute; ; dir = path.dirname(dir)) {
		try {
			return path.join(fs.realpathSync(dir), ...rest.reverse());
		} catch {
			if (dir === path.dirname(dir)) return absolute;
			rest.push(path.basename(dir));
		}
	}
}

import path from 'node:path';

/** Runtime settings of the sidecar, read once from the environment at start. */
export interface SidecarConfig {
	/** Shared HMAC secret; the same value as WordPress' WP_MEDIA_CLOUD_SIDECAR_SECRET. */
	secret: string;
	/** Absolute, resolved path of wp-content/uploads. Nothing outside it is ever read. */
	uploadsDir: string;
	/** The WordPress site the sidecar reports to (heartbeats, migration callbacks). */
	wordpressUrl: string;
	host: string;
	port: number;
	/** Where the SQLite job database lives. */
	dataDir: string;
	/** Seconds between heartbeats to WordPress (which then offloads pending uploads). 0 turns them off. */
	heartbeatSeconds: number;
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
		problems.push('WPMC_SECRET must be at least 32 characters (use the value of WP_MEDIA_CLOUD_SIDECAR_SECRET).');
	}
	const uploadsDir = required('WPMC_UPLOADS_DIR');
	if (uploadsDir && !path.isAbsolute(uploadsDir)) {
		problems.push('WPMC_UPLOADS_DIR must be an absolute path to wp-content/uploads.');
	}
	const wordpressUrl = required('WPMC_WORDPRESS_URL').replace(/\/+$/, '');
	if (wordpressUrl && !/^https?:\/\//.test(wordpressUrl)) {
		problems.push('WPMC_WORDPRESS_URL must start with http:// or https://.');
	}
	const port = Number(env.WPMC_PORT ?? 8787);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		problems.push('WPMC_PORT must be a port number (1-65535).');
	}
	const heartbeatSeconds = Number(env.WPMC_HEARTBEAT_SECONDS ?? 60);
	if (!Number.isFinite(heartbeatSeconds) || heartbeatSeconds < 0) {
		problems.push('WPMC_HEARTBEAT_SECONDS must be a number of seconds (0 turns heartbeats off).');
	}

	if (problems.length > 0) {
		throw new ConfigError(`The sidecar cannot start:\n- ${problems.join('\n- ')}`);
	}
	return {
		secret,
		uploadsDir: path.resolve(uploadsDir),
		wordpressUrl,
		host: env.WPMC_HOST?.trim() || '127.0.0.1',
		port,
		dataDir: path.resolve(env.WPMC_DATA_DIR?.trim() || 'data'),
		heartbeatSeconds,
	};
}

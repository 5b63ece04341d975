// The three servers of a running stack: s3rver, the sidecar and PHP's built-in web server.
// Each is started through processes.ts (own process group, run file, HTTP ready check).
import fs from 'node:fs';
import path from 'node:path';
import { ensureDir, repoRoot, s3DataDir, sidecarDataDir, sidecarMain } from './paths';
import { assertNotOwnedElsewhere, restartServer, startServer, stopServer, type StartOptions } from './processes';
import { warn } from './shell';
import type { Site } from './site';
import { PHP_INI_FLAGS } from './wp-eval';

export interface S3ServerOptions {
	/** Names the data folder .data/s3/<name> and the run-file key s3-<name>. */
	name: string;
	port: number;
	buckets: string[];
	/** Start from empty buckets (tests). */
	wipe?: boolean;
}

export interface S3ServerInfo {
	key: string;
	endpoint: string;
	port: number;
	dir: string;
	buckets: string[];
}

/** Node resolves `--import tsx` from the working directory: the repo's node_modules. */
function tsxArgs(): string[] {
	if (!fs.existsSync(path.join(repoRoot, 'node_modules', 'tsx'))) {
		throw new Error('node_modules is missing: run `npm ci` first');
	}
	return ['--import', 'tsx'];
}

export async function startS3Server(options: S3ServerOptions, start?: StartOptions): Promise<S3ServerInfo> {
	const key = `s3-${options.name}`;
	const dir = path.join(s3DataDir, options.name);
	if (options.wipe) {
		assertNotOwnedElsewhere(key);
		await stopServer(key); // a leftover may still be writing there
		fs.rmSync(dir, { recursive: true, force: true });
	}
	ensureDir(dir);
	const endpoint = `http://127.0.0.1:${options.port}`;
	await startServer(
		{
			key,
			command: process.execPath,
			args: [
				'--openssl-legacy-provider',
				...tsxArgs(),
				path.join(repoRoot, 'bin', 'dev', 's3-server.ts'),
				'--port',
				String(options.port),
				'--dir',
				dir,
				...options.buckets.flatMap((bucket) => ['--bucket', bucket]),
			],
			cwd: repoRoot,
			port: options.port,
			readyUrl: `${endpoint}/`,
		},
		start,
	);
	return { key, endpoint, port: options.port, dir, buckets: options.buckets };
}

/** PHP's built-in server for a site, with 4 workers (WordPress and the sidecar call each other). */
export async function startPhpServer(site: Site, start?: StartOptions): Promise<void> {
	await startServer(
		{
			key: site.keys.php,
			command: 'php',
			args: [...PHP_INI_FLAGS, '-S', `127.0.0.1:${site.port}`, '-t', site.dir, path.join(site.dir, 'router.php')],
			cwd: site.dir,
			// With a single worker, a request WordPress → sidecar → WordPress deadlocks.
			env: { PHP_CLI_SERVER_WORKERS: '4' },
			port: site.port,
			readyUrl: `${site.url}/wp-login.php`,
		},
		start,
	);
}

/** The sidecar's environment, as documented in docs/architecture.md. */
export function sidecarEnv(site: Site): Record<string, string> {
	return {
		WPMC_SECRET: site.secret,
		WPMC_UPLOADS_DIR: ensureDir(site.uploadsDir),
		WPMC_WORDPRESS_URL: site.url,
		WPMC_HOST: '127.0.0.1',
		WPMC_PORT: String(site.sidecarPort),
		WPMC_DATA_DIR: ensureDir(path.join(sidecarDataDir, site.name)),
	};
}

export function sidecarExists(): boolean {
	return fs.existsSync(sidecarMain);
}

/**
 * Starts the site's sidecar; resolves false (with a warning) while sidecar/src/main.ts does
 * not exist yet. Ready when GET /v1/status answers at all: unsigned, that is a 401.
 */
export async function startSidecar(site: Site, start?: StartOptions & { bundle?: string }): Promise<boolean> {
	if (!sidecarExists()) {
		warn(`${path.relative(repoRoot, sidecarMain)} does not exist yet: sidecar for ${site.name} not started`);
		return false;
	}
	await startServer(
		{
			key: site.keys.sidecar,
			command: process.execPath,
			// WPMC_SIDECAR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the sidecar (NODE_OPTIONS refuses it).
			// `bundle` (the built main.js, as the zip ships it) runs under plain node, without tsx's loader.
			args: [
				...(process.env.WPMC_SIDECAR_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
				...(start?.bundle ? [start.bundle] : [...tsxArgs(), sidecarMain]),
			],
			cwd: repoRoot,
			env: sidecarEnv(site),
			port: site.sidecarPort,
			readyUrl: `${site.sidecarUrl}/v1/status`,
		},
		{ timeoutMs: 60_000, ...start },
	);
	return true;
}

export function stopSidecar(site: Pick<Site, 'keys'>): Promise<void> {
	return stopServer(site.keys.sidecar);
}

/** Starts a stopped sidecar again from its run file (any process can do it, e.g. a test). */
export async function restartSidecar(site: Pick<Site, 'keys'>, start?: StartOptions): Promise<void> {
	await restartServer(site.keys.sidecar, { timeoutMs: 60_000, ...start });
}

// `npm start`: the local development stack. WordPress (SQLite) on :8888 with the plugin linked
// in, the sidecar on :8787 and an S3-compatible server (s3rver) on :9000 with the bucket
// "media". The first run downloads and installs (about a minute); later runs reuse everything.
// Ctrl-C stops every server it started and checks that their ports are free again.
import fs from 'node:fs';
import path from 'node:path';
import { buildAdminUiIfChanged } from './dev/admin-build';
import { repoRoot } from './dev/paths';
import { installCleanupHandlers, isServerRunning, isTracked, portInUse, stopAll, tailLog } from './dev/processes';
import { startPhpServer, startS3Server, startSidecar } from './dev/servers';
import { log, warn } from './dev/shell';
import { createSite } from './dev/site';
import { ensureSqliteDropin } from './dev/sqlite-dropin';
import { ensureSystemPackages } from './dev/system-packages';
import { CURRENT_WORDPRESS, ensureWordPressCore } from './dev/wordpress-core';

const DEV = {
	name: 'dev',
	port: 8888,
	db: 'sqlite',
	sidecarPort: 8787,
	s3Port: 9000,
	bucket: 'media',
	wordpress: CURRENT_WORDPRESS,
} as const;
const PORTS = [DEV.port, DEV.s3Port, DEV.sidecarPort];

async function checkPortsFree(): Promise<void> {
	const busy: number[] = [];
	for (const port of PORTS) if (await portInUse(port)) busy.push(port);
	if (busy.length) warn(`still in use after stopping: port ${busy.join(', ')}`);
	else log(`stopped; ports ${PORTS.join(', ')} are free`);
}

async function main(): Promise<void> {
	const started = Date.now();
	if (!fs.existsSync(path.join(repoRoot, 'node_modules'))) {
		throw new Error('node_modules is missing: run `npm ci` first');
	}
	installCleanupHandlers(checkPortsFree);

	ensureSystemPackages();
	ensureWordPressCore(DEV.wordpress);
	ensureSqliteDropin();
	try {
		buildAdminUiIfChanged();
	} catch (error) {
		warn(`admin UI build failed; starting with the previous build:\n${(error as Error).message}`);
	}

	const site = await createSite(DEV);
	const s3 = await startS3Server({ name: DEV.name, port: DEV.s3Port, buckets: [DEV.bucket] });
	// WordPress first: the sidecar sends WordPress a heartbeat as soon as it starts.
	await startPhpServer(site);
	const sidecar = await startSidecar(site);

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`
  WP Media Cloud development site is running (ready in ${seconds} s)

  Site        ${site.url}/
  Admin       ${site.url}/wp-admin/   login: ${site.admin.user} / ${site.admin.password}
  REST        ${site.restUrl}  (application password in ${path.relative(repoRoot, site.dir)}/site.json)
  Sidecar     ${sidecar ? site.sidecarUrl : '(not started: sidecar/src/main.ts missing)'}
  S3 bucket   ${s3.endpoint}/${DEV.bucket}   key S3RVER / secret S3RVER (path style)
  Logs        .data/logs/

  Press Ctrl-C to stop.
`);

	// Say so when a server dies on its own, with the end of its log.
	const keys = [site.keys.php, s3.key, ...(sidecar ? [site.keys.sidecar] : [])];
	const reported = new Set<string>();
	setInterval(() => {
		for (const key of keys) {
			if (isTracked(key) && !reported.has(key) && !isServerRunning(key)) {
				reported.add(key);
				warn(`${key} has stopped. End of .data/logs/${key}.log:\n${tailLog(key, 15)}`);
			}
		}
	}, 2000);
}

main().catch(async (error: unknown) => {
	console.error(`[dev] ${(error as Error).message ?? error}`);
	await stopAll(); // whatever was already started
	process.exit(1);
});

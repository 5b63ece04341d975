// A sidecar of a test's own, started from source like the stack's but on a free port with its own data folder and
// log (.data/logs/<key>.log), so the test can restart it, read its log or point it at temp folders without touching
// the stack. Nothing needs to run for it: its WordPress URL is a closed port and the heartbeat is off.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runDir, sidecarMain } from '../../bin/dev/paths';
import { startServer, stopServer } from '../../bin/dev/processes';
import { closedPort } from './fault-servers';

export interface OwnSidecar {
	/** e.g. http://127.0.0.1:41234; with `sidecarSecret`, what sidecarPost() takes. */
	sidecarUrl: string;
	sidecarSecret: string;
	dataDir: string;
	/** Stops it and removes its run file and data folder. */
	stop(): Promise<void>;
}

/** Starts the sidecar under `key` (unique per test file) and resolves once it answers /v1/status. */
export async function startOwnSidecar(key: string, env: { WPMC_SECRET: string; WPMC_UPLOADS_DIR: string } & Record<string, string>): Promise<OwnSidecar> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `wpmc-${key}-`));
	const port = await closedPort();
	const sidecarUrl = `http://127.0.0.1:${port}`;
	await startServer(
		{
			key,
			command: process.execPath,
			args: ['--import', 'tsx', sidecarMain],
			cwd: repoRoot,
			env: {
				// Nothing listens there: no heartbeat or callback reaches a test site.
				WPMC_WORDPRESS_URL: `http://127.0.0.1:${await closedPort()}`,
				WPMC_HEARTBEAT_SECONDS: '0',
				WPMC_HOST: '127.0.0.1',
				WPMC_PORT: String(port),
				WPMC_DATA_DIR: dataDir,
				...env,
			},
			port,
			readyUrl: `${sidecarUrl}/v1/status`,
		},
		{ timeoutMs: 60_000 },
	);
	return {
		sidecarUrl,
		sidecarSecret: env.WPMC_SECRET,
		dataDir,
		stop: async () => {
			await stopServer(key);
			fs.rmSync(path.join(runDir, `${key}.json`), { force: true });
			fs.rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

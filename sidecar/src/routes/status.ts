import { Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';

declare const WPMC_SIDECAR_BUNDLE: boolean | undefined;

const startedAt = Date.now();

/**
 * The build id bin/build-sidecar.ts stamps into the bundle's package.json, read once as the process starts: after
 * the plugin is updated, the file on disk carries the new id while this process still reports the one it started
 * with, and WordPress tells the owner to restart it (Health's sidecar_version check). A sidecar run from source
 * (development, `npm start`, the test stack) has no build id: null, and WordPress skips the comparison.
 */
function bundleBuild(): string | null {
	if (typeof WPMC_SIDECAR_BUNDLE === 'undefined') return null;
	try {
		const stamp = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')) as { build?: unknown };
		return typeof stamp.build === 'string' && stamp.build !== '' ? stamp.build : null;
	} catch {
		return null; // A bundle without its package.json (copied by hand): nothing to compare.
	}
}

const build = bundleBuild();

/** GET /v1/status — liveness for WordPress' connectivity check, with the build this process runs (or null). */
export function statusRouter(version: string): Router {
	const router = Router();
	router.get('/v1/status', (_req, res) => {
		res.json({ version, build, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) });
	});
	return router;
}

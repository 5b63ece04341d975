// A throwaway stack for benchmarks: its own s3rver, sidecar and WordPress on MariaDB (production-like,
// and its query counts are the ones that matter), on ports of its own so the dev site and tests can run.
import fs from 'node:fs';
import path from 'node:path';
import { buildSidecar } from '../../bin/build-sidecar';
import { cacheDir, mariadbDir, sitesDir } from '../../bin/dev/paths';
import { installCleanupHandlers, stopAll } from '../../bin/dev/processes';
import { startPhpServer, startS3Server, startSidecar } from '../../bin/dev/servers';
import { createSite, type Site } from '../../bin/dev/site';
import { ensureSqliteDropin } from '../../bin/dev/sqlite-dropin';
import { ensureSystemPackages } from '../../bin/dev/system-packages';
import { CURRENT_WORDPRESS, ensureWordPressCore } from '../../bin/dev/wordpress-core';
import { wpEval as wpEvalIn } from '../../bin/dev/wp-eval';

export interface BenchStack {
	site: Site;
	wpEval<T = unknown>(php: string): Promise<T>;
	stop(): Promise<void>;
}

export async function startBenchStack(name: string, port: number): Promise<BenchStack> {
	installCleanupHandlers();
	ensureSystemPackages({ mariadb: true });
	ensureWordPressCore(CURRENT_WORDPRESS);
	ensureSqliteDropin();
	// Every run starts from a new site: measurements must not depend on what an earlier run left.
	fs.rmSync(path.join(sitesDir, name), { recursive: true, force: true });
	fs.rmSync(path.join(mariadbDir, name), { recursive: true, force: true });
	const bucket = `${name}-media`;
	await startS3Server({ name, port: port + 300, buckets: [bucket], wipe: true });
	const site = await createSite({
		name,
		port,
		db: 'mariadb',
		wordpress: CURRENT_WORDPRESS,
		sidecarPort: port - 100,
		s3Port: port + 300,
		bucket,
		mariadbPort: port - 5500,
		resetSettings: true,
	});
	await startPhpServer(site);
	// Benchmarks measure the sidecar as the plugin zip ships it: the esbuild bundle under plain node.
	const bundleDir = path.join(cacheDir, 'bench-sidecar');
	await buildSidecar(bundleDir);
	await startSidecar(site, { bundle: path.join(bundleDir, 'main.js') });
	return {
		site,
		wpEval: <T>(php: string) => wpEvalIn<T>({ dir: site.dir, url: site.url }, php),
		stop: stopAll,
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percent(after: number, before: number): string {
	const change = ((after - before) / before) * 100;
	return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

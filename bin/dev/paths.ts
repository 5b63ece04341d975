// Where everything lives. All generated state goes under <repo>/.data (git-ignored),
// so deleting that one folder resets the whole development environment.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root, as a real path (symlinks resolved): the plugin symlink inside each
 * site must point at the real checkout, wherever it was cloned.
 * `__dirname` exists when this file runs as CommonJS (tsx, @swc/jest); if the project ever
 * switches to ES modules, fall back to walking up from the working directory, which npm
 * scripts always set to the package root.
 */
function findRepoRoot(): string {
	let dir = typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
	for (let d = dir; ; d = path.dirname(d)) {
		const pkg = path.join(d, 'package.json');
		if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'wp-media-cloud') {
			dir = d;
			break;
		}
		if (path.dirname(d) === d) throw new Error('Cannot find the wp-media-cloud repository root');
	}
	return fs.realpathSync(dir);
}

export const repoRoot = findRepoRoot();
export const pluginDir = path.join(repoRoot, 'plugin');
export const pluginMainFile = path.join(pluginDir, 'wp-media-cloud.php');
export const sidecarMain = path.join(repoRoot, 'sidecar', 'src', 'main.ts');

export const dataDir = path.join(repoRoot, '.data');
/** Downloads that never change for a given suite/version: WordPress core, the SQLite drop-in. */
export const cacheDir = path.join(dataDir, 'cache');
export const sitesDir = path.join(dataDir, 'sites');
export const logsDir = path.join(dataDir, 'logs');
/** One JSON file per managed server: how to (re)start it and which process group it is. */
export const runDir = path.join(dataDir, 'run');
export const s3DataDir = path.join(dataDir, 's3');
export const sidecarDataDir = path.join(dataDir, 'sidecar');
export const mariadbDir = path.join(dataDir, 'mariadb');

export function ensureDir(dir: string): string {
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

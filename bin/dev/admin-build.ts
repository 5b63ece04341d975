// Rebuild the admin UI (admin-ui/src → plugin/build) only when its sources changed since the
// last build: a webpack build takes far longer than the rest of a warm `npm start`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureDir, repoRoot } from './paths';
import { log, run } from './shell';

const sourceDir = path.join(repoRoot, 'admin-ui', 'src');
const outputDir = path.join(repoRoot, 'plugin', 'build');
const stampFile = path.join(cacheDir, 'admin-ui-build.stamp');

/** A fingerprint of the sources: every file's path, size and modification time. */
function fingerprint(dir: string): string {
	const hash = crypto.createHash('sha256');
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile()) {
				const stat = fs.statSync(full);
				hash.update(`${path.relative(dir, full)}\0${stat.size}\0${stat.mtimeMs}\n`);
			}
		}
	};
	walk(dir);
	return hash.digest('hex');
}

/** Returns 'built', 'up-to-date' or 'no-sources' (admin-ui/src does not exist yet). */
export function buildAdminUiIfChanged(): 'built' | 'up-to-date' | 'no-sources' {
	if (!fs.existsSync(sourceDir)) return 'no-sources';
	const current = fingerprint(sourceDir);
	const previous = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
	if (current === previous && fs.existsSync(outputDir)) return 'up-to-date';
	log('admin-ui/src changed: npm run build:admin');
	// What ships, whoever asks: under jest NODE_ENV is 'test', and wp-scripts then builds a development bundle (a zip
	// built in a test shipped one, and the translation template check found no minified sentence in it).
	run('npm', ['run', 'build:admin'], { cwd: repoRoot, inherit: true, env: { ...process.env, NODE_ENV: 'production' } });
	fs.writeFileSync(path.join(ensureDir(cacheDir), path.basename(stampFile)), current);
	return 'built';
}

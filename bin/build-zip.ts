// Builds dist/wp-media-cloud.zip: installable through wp-admin › Plugins › Add New › Upload Plugin.
// It holds the PHP plugin, the built admin assets, readme.txt and the bundled sidecar (sidecar/main.js).
//   npm run build:zip
import archiver from 'archiver';
import fs from 'node:fs';
import path from 'node:path';
import { buildAdminUiIfChanged } from './dev/admin-build';
import { repoRoot } from './dev/paths';
import { buildSidecar } from './build-sidecar';

const SLUG = 'wp-media-cloud';
const distDir = path.join(repoRoot, 'dist');
export const zipPath = path.join(distDir, `${SLUG}.zip`);

/** What goes into the zip from plugin/, relative to it. Development-only files stay out. */
function pluginFiles(): string[] {
	const pluginDir = path.join(repoRoot, 'plugin');
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.name.startsWith('.')) continue;
			if (entry.isDirectory()) walk(full);
			else files.push(path.relative(pluginDir, full));
		}
	};
	walk(pluginDir);
	return files.sort();
}

export async function buildZip(): Promise<string> {
	buildAdminUiIfChanged();
	if (!fs.existsSync(path.join(repoRoot, 'plugin', 'build'))) {
		throw new Error('plugin/build is missing: the admin UI did not build (npm run build:admin).');
	}
	const sidecarDir = path.join(distDir, 'sidecar');
	await buildSidecar(sidecarDir);

	fs.mkdirSync(distDir, { recursive: true });
	fs.rmSync(zipPath, { force: true });
	const archive = archiver('zip', { zlib: { level: 9 } });
	const output = fs.createWriteStream(zipPath);
	const done = new Promise<void>((resolve, reject) => {
		output.on('close', resolve);
		archive.on('error', reject);
	});
	archive.pipe(output);
	for (const file of pluginFiles()) archive.file(path.join(repoRoot, 'plugin', file), { name: `${SLUG}/${file}` });
	archive.directory(sidecarDir, `${SLUG}/sidecar`);
	await archive.finalize();
	await done;
	return zipPath;
}

if (require.main === module) {
	buildZip().then(
		(file) => console.log(`built ${path.relative(repoRoot, file)} (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB)`),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}

// Builds dist/wp-media-cloud.zip: installable through wp-admin › Plugins › Add New › Upload Plugin.
// It holds the PHP plugin, the built admin assets, readme.txt and the bundled sidecar (sidecar/main.js).
//   npm run build:zip
import { zipSync, type Zippable } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { buildAdminUiIfChanged } from './dev/admin-build';
import { repoRoot } from './dev/paths';
import { buildSidecar } from './build-sidecar';

const SLUG = 'wp-media-cloud';
const distDir = path.join(repoRoot, 'dist');
export const zipPath = path.join(distDir, `${SLUG}.zip`);

/** Every file under a folder, relative to it; dot files (editor and OS leftovers) stay out. */
function filesUnder(root: string): string[] {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.name.startsWith('.')) continue;
			if (entry.isDirectory()) walk(full);
			else files.push(path.relative(root, full));
		}
	};
	walk(root);
	return files.sort();
}

export async function buildZip(): Promise<string> {
	buildAdminUiIfChanged();
	if (!fs.existsSync(path.join(repoRoot, 'plugin', 'build'))) {
		throw new Error('plugin/build is missing: the admin UI did not build (npm run build:admin).');
	}
	const sidecarDir = path.join(distDir, 'sidecar');
	await buildSidecar(sidecarDir);

	const entries: Zippable = {};
	const add = (root: string, prefix: string) => {
		for (const file of filesUnder(root)) {
			entries[`${prefix}/${file.split(path.sep).join('/')}`] = fs.readFileSync(path.join(root, file));
		}
	};
	add(path.join(repoRoot, 'plugin'), SLUG);
	add(sidecarDir, `${SLUG}/sidecar`);
	fs.mkdirSync(distDir, { recursive: true });
	fs.writeFileSync(zipPath, zipSync(entries, { level: 9 }));
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

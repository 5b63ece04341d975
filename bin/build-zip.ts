// Builds dist/wp-media-cloud.zip: installable through wp-admin › Plugins › Add New › Upload Plugin.
// It holds the PHP plugin, the built admin assets, readme.txt and the bundled sidecar (sidecar/main.js) with its
// SQLite module for each Node line and architecture (sidecar/native/, see bin/build-sidecar.ts).
//   npm run build:zip
import { zipSync, type Zippable } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { buildAdminUiIfChanged } from './dev/admin-build';
import { repoRoot } from './dev/paths';
import { assertNativeBuilds, buildSidecar } from './build-sidecar';
import { writeContract } from './build-contract';

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

/** What the zip's sidecar/ may hold; anything else (a Makefile, config.gypi, object files, tests) is a build leftover. */
const SIDECAR_FILES = [
	/^main\.js$/,
	/^main\.js\.LEGAL\.txt$/,
	/^package\.json$/,
	/^native\/builds\.json$/,
	/^native\/LICENSE\.better-sqlite3\.txt$/,
	/^native\/node-v\d+-linux-(x64|arm64)\/better_sqlite3\.node$/,
];
/** Build leftovers anywhere in the zip. */
const LEFTOVERS = /(^|\/)(Makefile|config\.gypi|binding\.gyp|[^/]*\.(o|a|mk|gyp|gypi|d|log)|obj|obj\.target|\.deps|test|tests|node_modules)(\/|$)/;

export function assertZipContents(names: string[]): void {
	const leftovers = names.filter((name) => LEFTOVERS.test(name));
	const sidecarPrefix = `${SLUG}/sidecar/`;
	const unexpected = names.filter(
		(name) => name.startsWith(sidecarPrefix) && !SIDECAR_FILES.some((pattern) => pattern.test(name.slice(sidecarPrefix.length))),
	);
	if (leftovers.length > 0 || unexpected.length > 0) {
		throw new Error(`The zip would carry build leftovers: ${[...new Set([...leftovers, ...unexpected])].join(', ')}`);
	}
}

export async function buildZip(options: { log?: (line: string) => void } = {}): Promise<string> {
	// The zip carries plugin/ as it is: the contract PHP reads must be the one this sidecar writes.
	if (writeContract()) options.log?.('wrote plugin/contract.json');
	buildAdminUiIfChanged();
	if (!fs.existsSync(path.join(repoRoot, 'plugin', 'build'))) {
		throw new Error('plugin/build is missing: the admin UI did not build (npm run build:admin).');
	}
	const sidecarDir = path.join(distDir, 'sidecar');
	await buildSidecar(sidecarDir, options);
	// Checked again on what goes into the zip: one Node line or architecture missing fails the build.
	assertNativeBuilds(sidecarDir);

	const entries: Zippable = {};
	const add = (root: string, prefix: string) => {
		for (const file of filesUnder(root)) {
			entries[`${prefix}/${file.split(path.sep).join('/')}`] = fs.readFileSync(path.join(root, file));
		}
	};
	add(path.join(repoRoot, 'plugin'), SLUG);
	add(sidecarDir, `${SLUG}/sidecar`);
	assertZipContents(Object.keys(entries));
	fs.mkdirSync(distDir, { recursive: true });
	fs.writeFileSync(zipPath, zipSync(entries, { level: 9 }));
	return zipPath;
}

if (require.main === module) {
	buildZip({ log: (line) => console.log(line) }).then(
		(file) => console.log(`built ${path.relative(repoRoot, file)} (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB)`),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}

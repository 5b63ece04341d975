// Bundles the sidecar into one JavaScript file for production (`node main.js`), so the plugin zip does not
// need the project's node_modules. better-sqlite3 stays outside the bundle: it is a native addon, shipped
// beside it with its compiled binary (see copyNativeModules).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './dev/paths';

/** Native packages and the small packages they load at run time. */
const NATIVE_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

export async function buildSidecar(outDir: string): Promise<void> {
	fs.rmSync(outDir, { recursive: true, force: true });
	await build({
		entryPoints: [path.join(repoRoot, 'sidecar', 'src', 'main.ts')],
		outfile: path.join(outDir, 'main.js'),
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		external: ['better-sqlite3'],
		legalComments: 'linked',
		logLevel: 'warning',
	});
	copyNativeModules(outDir);
	const rootPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(outDir, 'package.json'),
		JSON.stringify(
			{
				name: 'wp-media-cloud-sidecar',
				version: rootPackage.version,
				private: true,
				description: 'The WP Media Cloud sidecar: run `node main.js` (see README).',
				engines: rootPackage.engines,
				// Listed so `npm install --omit=dev` here rebuilds the native addon on another platform.
				dependencies: { 'better-sqlite3': rootPackage.dependencies['better-sqlite3'] },
			},
			null,
			2,
		),
	);
}

function copyNativeModules(outDir: string): void {
	for (const name of NATIVE_MODULES) {
		const source = path.join(repoRoot, 'node_modules', name);
		if (!fs.existsSync(source)) continue;
		fs.cpSync(source, path.join(outDir, 'node_modules', name), {
			recursive: true,
			// The addon's build folder holds object files and the SQLite static library: only the .node file runs.
			filter: (file) => !/[/\\](obj|obj\.target|deps|src|test_extension\.node|sqlite3\.a)$/.test(file) && !file.includes(`${path.sep}deps${path.sep}`),
		});
	}
}

if (require.main === module) {
	const outDir = path.join(repoRoot, 'dist', 'sidecar');
	buildSidecar(outDir).then(
		() => console.log(`sidecar built in ${path.relative(repoRoot, outDir)}`),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

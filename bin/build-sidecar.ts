// Bundles the sidecar into one JavaScript file for production (`node main.js`), so the plugin zip does not
// need the project's node_modules: better-sqlite3's JavaScript is bundled too, and its compiled module comes in
// one build per Node line and architecture (bin/native/), in native/node-v<ABI>-linux-<arch>/better_sqlite3.node.
// The sidecar picks the one for the Node.js it runs on (sidecar/src/jobs/database.ts, nativeBinding()).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './dev/paths';
import { buildNativeModules } from './native/better-sqlite3';
import { NATIVE_TARGETS } from './native/targets';

export async function buildSidecar(outDir: string, options: { log?: (line: string) => void } = {}): Promise<void> {
	// Built first: a missing cross compiler fails the build before anything is written.
	const natives = await buildNativeModules({ log: options.log });
	fs.rmSync(outDir, { recursive: true, force: true });
	await build({
		entryPoints: [path.join(repoRoot, 'sidecar', 'src', 'main.ts')],
		outfile: path.join(outDir, 'main.js'),
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		// Tells the sidecar it runs from the bundle: it loads its SQLite module from native/.
		define: { WPMC_SIDECAR_BUNDLE: 'true' },
		legalComments: 'linked',
		logLevel: 'warning',
	});

	const nativeDir = path.join(outDir, 'native');
	for (const native of natives) {
		fs.mkdirSync(path.join(nativeDir, native.folder), { recursive: true });
		fs.copyFileSync(native.file, path.join(nativeDir, native.folder, 'better_sqlite3.node'));
	}
	const betterSqlite3 = path.join(repoRoot, 'node_modules', 'better-sqlite3');
	fs.writeFileSync(
		path.join(nativeDir, 'builds.json'),
		`${JSON.stringify(
			{
				module: `better-sqlite3 ${natives[0].betterSqlite3} (SQLite ${sqliteVersion(betterSqlite3)})`,
				builds: natives.map(({ folder, node, nodeMajor, abi, platform, arch, glibc }) => ({ folder, nodeMajor, node, abi, platform, arch, glibc })),
			},
			null,
			2,
		)}\n`,
	);
	// better-sqlite3 is MIT licensed (its notice travels with it); SQLite is in the public domain.
	fs.copyFileSync(path.join(betterSqlite3, 'LICENSE'), path.join(nativeDir, 'LICENSE.better-sqlite3.txt'));
	assertNativeBuilds(outDir);

	const rootPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(outDir, 'package.json'),
		JSON.stringify(
			{
				name: 'wp-media-cloud-sidecar',
				version: rootPackage.version,
				private: true,
				description: 'The WP Media Cloud sidecar: run `node main.js` (see README).',
				// The build id (sidecarBuildId): the running sidecar reports it in GET /v1/status, WordPress reads it here.
				build: sidecarBuildId(outDir),
				engines: rootPackage.engines,
				// Listed so `npm install --omit=dev` here builds the native module for a Node.js or platform native/ lacks.
				dependencies: { 'better-sqlite3': rootPackage.dependencies['better-sqlite3'] },
				allowScripts: { 'better-sqlite3': true },
			},
			null,
			2,
		),
	);
}

/**
 * A short content hash of the bundle (main.js and the list of native builds): two builds of the same code get the
 * same id, any change another. The sidecar reads it from this package.json once, as it starts (routes/status.ts), so
 * a process that keeps running after the plugin was updated still reports the old one, and WordPress, which reads
 * the file on disk, sees that it needs a restart (plugin/inc/class-sidecar-build.php).
 */
export function sidecarBuildId(sidecarDir: string): string {
	const hash = createHash('sha256');
	for (const file of ['main.js', path.join('native', 'builds.json')]) hash.update(fs.readFileSync(path.join(sidecarDir, file)));
	return hash.digest('hex').slice(0, 12);
}

/** Every Node line and architecture has its module in the built sidecar, or the build stops. */
export function assertNativeBuilds(sidecarDir: string): void {
	const missing = NATIVE_TARGETS.filter((target) => !fs.existsSync(path.join(sidecarDir, 'native', target.folder, 'better_sqlite3.node')));
	if (missing.length > 0) {
		throw new Error(
			`The sidecar in ${sidecarDir} lacks the SQLite module for ${missing.map((target) => `${target.folder} (Node ${target.line.major})`).join(', ')}.`,
		);
	}
}

function sqliteVersion(betterSqlite3: string): string {
	const header = fs.readFileSync(path.join(betterSqlite3, 'deps', 'sqlite3', 'sqlite3.h'), 'utf8');
	return /#define SQLITE_VERSION\s+"([^"]+)"/.exec(header)?.[1] ?? 'unknown';
}

if (require.main === module) {
	const outDir = path.join(repoRoot, 'dist', 'sidecar');
	buildSidecar(outDir, { log: (line) => console.log(line) }).then(
		() => console.log(`sidecar built in ${path.relative(repoRoot, outDir)}`),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}

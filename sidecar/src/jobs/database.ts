import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_MIGRATIONS } from './schema';

export type JobDatabase = Database.Database;

/** Replaced by `true` in the bundle the plugin zip ships (bin/build-sidecar.ts); undeclared when run from source. */
declare const WPMC_SIDECAR_BUNDLE: boolean | undefined;

/** This Node.js cannot load any SQLite module the sidecar carries: the message says what to install. */
export class UnsupportedRuntimeError extends Error {}

/** One entry of native/builds.json, written by bin/build-sidecar.ts. */
interface NativeBuildEntry {
	folder: string;
	nodeMajor: number;
	abi: number;
	platform: string;
	arch: string;
	glibc: string;
}

export interface NativeBinding {
	/** The compiled better-sqlite3 module, or undefined from source (better-sqlite3 finds its own build). */
	file?: string;
	addon?: object;
}

let chosen: NativeBinding | undefined;

/**
 * The better-sqlite3 module for this Node.js and platform. From source (npm start, tests) that is the one npm
 * built in node_modules. The bundle in the plugin zip carries one build per Node module ABI and architecture in
 * native/node-v<ABI>-<platform>-<arch>/ (process.versions.modules, process.platform, process.arch) and loads the
 * one that matches; a module built here with `npm install --omit=dev` in the sidecar folder is the fallback.
 * Anything else throws UnsupportedRuntimeError with the Node.js found and what to install.
 */
export function nativeBinding(): NativeBinding {
	if (chosen) return chosen;
	if (typeof WPMC_SIDECAR_BUNDLE === 'undefined') return (chosen = {});
	const sidecarDir = __dirname;
	const folder = `node-v${process.versions.modules}-${process.platform}-${process.arch}`;
	const candidates = [
		path.join(sidecarDir, 'native', folder, 'better_sqlite3.node'),
		path.join(sidecarDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
	].filter((file) => fs.existsSync(file));
	const builds = readBuilds(sidecarDir);
	if (candidates.length === 0) throw new UnsupportedRuntimeError(unsupportedMessage(builds, sidecarDir));
	let firstError: unknown;
	for (const file of candidates) {
		const loaded = { exports: {} as object };
		try {
			process.dlopen(loaded, file);
			return (chosen = { file, addon: loaded.exports });
		} catch (error) {
			firstError ??= error;
		}
	}
	throw new UnsupportedRuntimeError(
		loadFailedMessage(
			candidates[0],
			firstError,
			builds.find((build) => build.folder === folder),
			sidecarDir,
		),
	);
}

function readBuilds(sidecarDir: string): NativeBuildEntry[] {
	try {
		return JSON.parse(fs.readFileSync(path.join(sidecarDir, 'native', 'builds.json'), 'utf8')).builds as NativeBuildEntry[];
	} catch {
		return [];
	}
}

const list = (items: string[], word = 'and') => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`);

function unsupportedMessage(builds: NativeBuildEntry[], sidecarDir: string): string {
	const here = `${process.platform}-${process.arch}`;
	const present = builds.filter((build) => fs.existsSync(path.join(sidecarDir, 'native', build.folder, 'better_sqlite3.node')));
	const forHere = present.filter((build) => `${build.platform}-${build.arch}` === here);
	const majorsOf = (entries: NativeBuildEntry[]) => [...new Set(entries.map((build) => build.nodeMajor))].sort((a, b) => b - a);
	/** "Node.js 24 (or 22 or 20)": the newest first. */
	const install = (majors: number[]) => `Node.js ${majors[0]}${majors.length > 1 ? ` (or ${list(majors.slice(1).map(String), 'or')})` : ''}`;
	const lines = [
		`The WP Media Cloud sidecar cannot start: its SQLite module is not built for Node.js ${process.version} (module ABI ${process.versions.modules}) on ${here}.`,
	];
	if (forHere.length > 0) {
		const majors = majorsOf(forHere);
		lines.push(`It carries builds for Node.js ${list([...majors].reverse().map(String))} on ${here}.`);
		lines.push(`Install ${install(majors)} and start the sidecar with that node: \`node --version\` should print v${majors[0]}.x.`);
	} else if (present.length > 0) {
		const platforms = [...new Set(present.map((build) => `${build.platform}-${build.arch}`))];
		lines.push(`It carries builds for ${list(platforms)} only.`);
		lines.push(`Run the sidecar on a ${list(platforms, 'or')} server (where WordPress runs) with ${install(majorsOf(present))}.`);
	} else {
		lines.push(`Its native/ folder (${path.join(sidecarDir, 'native')}) is missing or incomplete: install the plugin again from its zip.`);
	}
	lines.push(
		`Or build the module for this Node.js: run \`npm install --omit=dev\` in ${sidecarDir} (needs python3, make and a C++ compiler), then start again.`,
	);
	return lines.join('\n');
}

const olderThan = (version: string, wanted: string) => {
	const [a, b] = [version, wanted].map((v) => v.split('.').map(Number));
	return a[0] < b[0] || (a[0] === b[0] && (a[1] ?? 0) < (b[1] ?? 0));
};

function loadFailedMessage(file: string, error: unknown, build: NativeBuildEntry | undefined, sidecarDir: string): string {
	const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
	const lines = [
		`The WP Media Cloud sidecar cannot start: Node.js ${process.version} on ${process.platform}-${process.arch} could not load its SQLite module ${file}: ${reason}`,
	];
	const report = process.platform === 'linux' ? (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined) : undefined;
	const glibc = report?.header?.glibcVersionRuntime;
	if (build && process.platform === 'linux' && (!glibc || olderThan(glibc, build.glibc))) {
		lines.push(
			`The module needs Linux with glibc ${build.glibc} or newer (Debian 12, Ubuntu 22.04, RHEL 9 or later); this system has ${glibc ? `glibc ${glibc}` : 'no glibc (musl, e.g. Alpine)'}.`,
		);
	} else {
		lines.push('The file may be damaged: install the plugin again from its zip.');
	}
	lines.push(
		`Or build the module for this system: run \`npm install --omit=dev\` in ${sidecarDir} (needs python3, make and a C++ compiler), then start again.`,
	);
	return lines.join('\n');
}

/**
 * Opens (creating if needed) the job database in the sidecar's data folder and brings its schema up to date.
 * WAL lets the progress readers run while a worker writes; `synchronous = NORMAL` in WAL mode still survives a
 * process crash (kill -9), only an OS crash can lose the last transactions, which the engine redoes anyway.
 */
export function openJobDatabase(dataDir: string, fileName = 'jobs.sqlite'): JobDatabase {
	fs.mkdirSync(dataDir, { recursive: true });
	// The types only know a path; better-sqlite3 also takes the loaded module (its README: nativeBinding).
	const db = new Database(path.join(dataDir, fileName), { nativeBinding: nativeBinding().addon as string | undefined });
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	db.pragma('foreign_keys = ON');
	migrateSchema(db);
	return db;
}

export function migrateSchema(db: JobDatabase): number {
	let version = db.pragma('user_version', { simple: true }) as number;
	for (const migration of SCHEMA_MIGRATIONS) {
		if (migration.version <= version) continue;
		db.transaction(() => {
			db.exec(migration.sql);
			db.pragma(`user_version = ${migration.version}`);
		}).immediate();
		version = migration.version;
	}
	return version;
}

// Builds better-sqlite3's native module for every Node line and architecture of the plugin zip
// (bin/native/targets.ts), offline: node-gyp with --nodedir pointing at each release's headers from the npm
// registry (node-dist.ts), and the aarch64 cross compiler from apt for arm64 on an x64 machine.
//
// What takes the time is SQLite itself (the 9 MB amalgamation, ~1 min per compile); it does not depend on the
// Node ABI, so it is compiled once per architecture and every module of that architecture links the same static
// library (make -o keeps make from compiling it again). Both architectures build side by side.
// Everything is cached under .data/native/, keyed by what went into it: a second build copies six files.
//   npm run build:native
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../dev/paths';
import { isRoot, log as devLog, run } from '../dev/shell';
import { missingPackages } from '../dev/system-packages';
import { ensureNodeDist, hasNodeDist, type NodeDist } from './node-dist';
import { ARCHES, NATIVE_TARGETS, ensureDir, nativeCacheDir, type Arch, type NativeTarget } from './targets';

const runFile = promisify(execFile);

/** Bump when the way modules are built changes, so cached builds are made again. */
const RECIPE = 1;

const moduleDir = path.join(repoRoot, 'node_modules', 'better-sqlite3');
const sqliteCacheDir = path.join(nativeCacheDir, 'sqlite');
const buildsCacheDir = path.join(nativeCacheDir, 'builds');
const workDir = path.join(nativeCacheDir, 'work');

export interface NativeBuild {
	/** node-v<abi>-linux-<arch> */
	folder: string;
	/** The compiled module (in the cache; copy it, do not move it). */
	file: string;
	node: string;
	nodeMajor: number;
	abi: number;
	platform: 'linux';
	arch: Arch;
	betterSqlite3: string;
	/** Highest GLIBC_ symbol version the module needs: the oldest Linux it loads on. */
	glibc: string;
	/** Whether it came from the cache. */
	cached: boolean;
	/** After building: 'yes' when loaded by its own Node release (arm64 under qemu) and it opened a database. */
	checked: string;
}

interface Toolchain {
	env: Record<string, string>;
	cc: string;
	strip: string;
	/** qemu-user binary and sysroot to run this architecture's node here, or undefined when it runs natively. */
	emulator?: { qemu: string; sysroot: string };
	id: string;
}

const TRIPLETS: Record<Arch, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };
const QEMU: Record<Arch, string> = { x64: 'qemu-x86_64-static', arm64: 'qemu-aarch64-static' };
const APT_CROSS: Record<Arch, string> = { x64: 'gcc-x86-64-linux-gnu g++-x86-64-linux-gnu', arm64: 'gcc-aarch64-linux-gnu g++-aarch64-linux-gnu' };

/**
 * The Debian packages the builds need: the compiler, the cross compiler of every other architecture and
 * qemu-user-static to run their `node` here. Installed with apt when missing (root), as bin/dev does for PHP.
 */
function ensureBuildPackages(): void {
	if (!commandWorks('dpkg-query', ['--version'])) return; // not Debian: the compilers' own errors say what is missing
	const wanted = ['g++', 'make', ...ARCHES.filter((arch) => arch !== process.arch).flatMap((arch) => [...APT_CROSS[arch].split(' '), 'qemu-user-static'])];
	const missing = [...new Set(missingPackages(wanted))];
	if (missing.length === 0) return;
	if (!isRoot()) {
		throw new Error(
			`The native SQLite builds need: ${missing.join(' ')}\nRun:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
		);
	}
	devLog(`installing system packages: ${missing.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-q'], { env, inherit: true });
	run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, inherit: true });
}

function commandWorks(command: string, args: string[]): boolean {
	try {
		execFileSync(command, args, { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function toolchainFor(arch: Arch): Toolchain {
	const native = process.arch === arch;
	const prefix = native ? '' : `${TRIPLETS[arch]}-`;
	const cc = `${prefix}gcc`;
	let id: string;
	try {
		id = `${execFileSync(cc, ['-dumpmachine'], { encoding: 'utf8' }).trim()} gcc ${execFileSync(cc, ['-dumpfullversion'], { encoding: 'utf8' }).trim()}`;
	} catch {
		throw new Error(
			native
				? `${cc} is missing: the native SQLite module needs a C/C++ compiler (apt-get install g++ make python3).`
				: `${cc} is missing: building the ${arch} SQLite module needs the cross compiler (apt-get install ${APT_CROSS[arch]}).`,
		);
	}
	const env: Record<string, string> = native ? {} : { CC: `${prefix}gcc`, CXX: `${prefix}g++`, AR: `${prefix}ar`, LINK: `${prefix}g++` };
	return {
		env,
		cc,
		strip: `${prefix}strip`,
		emulator: native ? undefined : { qemu: QEMU[arch], sysroot: `/usr/${TRIPLETS[arch]}` },
		id,
	};
}

const sha = (...parts: Array<string | Buffer>) => {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part).update('\0');
	return hash.digest('hex').slice(0, 16);
};

function betterSqlite3Version(): string {
	return JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
}

/** The sources node-gyp reads, copied into a fresh folder (node_modules stays untouched). */
function copySources(dest: string): void {
	for (const entry of ['binding.gyp', 'package.json', 'src', 'deps']) fs.cpSync(path.join(moduleDir, entry), path.join(dest, entry), { recursive: true });
}

function filesHash(root: string): string {
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else hash.update(path.relative(root, full)).update('\0').update(fs.readFileSync(full)).update('\0');
		}
	};
	walk(root);
	return hash.digest('hex').slice(0, 16);
}

/**
 * The environment for node-gyp and make, without npm's npm_config_* variables: `npm run` exports the npmrc's
 * settings (a global `nodedir=/usr`, say), and node-gyp lets them override its own --nodedir and --arch.
 */
function buildEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
}

/** Runs a build command with its output in a log file; a failure shows the log's end. */
function runLogged(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; log: string }): Promise<void> {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(options.log, 'a');
		fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
		const child = spawn(command, args, { cwd: options.cwd, env: { ...buildEnv(), ...options.env }, stdio: ['ignore', out, out] });
		child.on('error', (error) => {
			fs.closeSync(out);
			reject(error);
		});
		child.on('close', (code) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs
				.readFileSync(options.log, 'utf8')
				.split('\n')
				.filter((line) => !/warning:|note:|^\s*[|^~]|^\s*\d+ \|/.test(line))
				.slice(-25)
				.join('\n');
			reject(new Error(`${command} ${args.slice(0, 3).join(' ')} failed (exit ${code}); full log ${options.log}:\n${tail}`));
		});
	});
}

const nodeGyp = () => require.resolve('node-gyp/bin/node-gyp.js', { paths: [repoRoot] });
const jobs = String(Math.max(1, os.availableParallelism()));

async function configure(src: string, dist: NodeDist, toolchain: Toolchain, log: string): Promise<void> {
	await runLogged(process.execPath, [nodeGyp(), 'configure', '--release', `--nodedir=${dist.dir}`, `--arch=${dist.arch}`], {
		cwd: src,
		env: toolchain.env,
		log,
	});
}

/** SQLite compiled for one architecture: build/Release/obj.target/deps/sqlite3.a of a node-gyp tree. */
async function ensureSqliteLibrary(arch: Arch, dist: NodeDist, toolchain: Toolchain, log: (line: string) => void): Promise<{ file: string; key: string }> {
	const deps = path.join(moduleDir, 'deps');
	const key = sha(String(RECIPE), arch, toolchain.id, filesHash(deps));
	const file = path.join(sqliteCacheDir, `${arch}-${key}`, 'sqlite3.a');
	if (fs.existsSync(file)) return { file, key };

	const started = Date.now();
	// A failed build keeps its work folder: the error names its log.
	const work = fs.mkdtempSync(path.join(ensureDir(workDir), `sqlite-${arch}-`));
	copySources(work);
	const buildLog = path.join(work, 'build.log');
	await configure(work, dist, toolchain, buildLog);
	await runLogged('make', ['-C', 'build', `-j${jobs}`, 'sqlite3'], { cwd: work, env: toolchain.env, log: buildLog });
	ensureDir(path.dirname(file));
	fs.copyFileSync(path.join(work, 'build', 'Release', 'obj.target', 'deps', 'sqlite3.a'), `${file}.tmp`);
	fs.renameSync(`${file}.tmp`, file);
	fs.rmSync(work, { recursive: true, force: true });
	log(`[native] SQLite for ${arch} compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return { file, key };
}

/** Highest GLIBC_x.y among the versioned symbols a shared object needs (readelf reads every architecture). */
function glibcNeeded(file: string): string {
	const versions = [
		...execFileSync('readelf', ['--version-info', '--wide', file], { encoding: 'utf8' }).matchAll(/Name: GLIBC_(\d+)\.(\d+)(?:\.(\d+))?/g),
	].map((m) => [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]);
	versions.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
	const top = versions.pop();
	return top ? top.filter((part, index) => index < 2 || part > 0).join('.') : 'none';
}

/** Loads a module with its own Node release (under qemu for another architecture) and opens a database with it. */
async function checkBuild(file: string, dist: NodeDist, toolchain: Toolchain): Promise<string> {
	const script = `const Database = require(${JSON.stringify(path.join(moduleDir, 'lib'))});
		const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(file)} });
		db.exec('create table t (x); insert into t values (42)');
		process.stdout.write(process.versions.modules + ' ' + process.arch + ' ' + db.prepare('select x from t').pluck().get());`;
	let command = dist.node;
	let args = ['-e', script];
	const env: Record<string, string> = {};
	if (toolchain.emulator) {
		const { qemu, sysroot } = toolchain.emulator;
		try {
			execFileSync('which', [qemu], { stdio: 'ignore' });
		} catch {
			return `not run (${qemu} missing: apt-get install qemu-user-static)`;
		}
		command = qemu;
		args = [dist.node, ...args];
		env.QEMU_LD_PREFIX = sysroot;
	}
	const { stdout } = await runFile(command, args, { env: { ...process.env, ...env }, timeout: 120_000 });
	const expected = `${dist.line.abi} ${dist.arch} 42`;
	if (stdout !== expected) throw new Error(`${file} under Node ${dist.line.version} ${dist.arch} answered "${stdout}", expected "${expected}"`);
	return 'yes';
}

interface BuildRecord extends Omit<NativeBuild, 'file' | 'cached' | 'checked'> {
	key: string;
}

async function ensureModule(
	target: NativeTarget,
	dist: NodeDist,
	sqlite: { file: string; key: string },
	toolchain: Toolchain,
	log: (line: string) => void,
): Promise<NativeBuild> {
	const version = betterSqlite3Version();
	const key = sha(
		String(RECIPE),
		version,
		filesHash(path.join(moduleDir, 'src')),
		fs.readFileSync(path.join(moduleDir, 'binding.gyp')),
		target.line.version,
		target.arch,
		toolchain.id,
		sqlite.key,
	);
	const dir = path.join(buildsCacheDir, `better-sqlite3-${version}`, target.folder);
	const file = path.join(dir, 'better_sqlite3.node');
	const recordFile = path.join(dir, 'build.json');
	if (fs.existsSync(file) && fs.existsSync(recordFile)) {
		const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as BuildRecord;
		if (record.key === key) return { ...withoutKey(record), file, cached: true, checked: 'cached' };
	}

	const started = Date.now();
	// A failed build keeps its work folder: the error names its log.
	const work = fs.mkdtempSync(path.join(ensureDir(workDir), `${target.folder}-`));
	copySources(work);
	const buildLog = path.join(work, 'build.log');
	await configure(work, dist, toolchain, buildLog);
	// The architecture's SQLite library goes where the tree's own would be; -o tells make it is up to date.
	const library = path.join('Release', 'obj.target', 'deps', 'sqlite3.a');
	fs.mkdirSync(path.join(work, 'build', path.dirname(library)), { recursive: true });
	fs.copyFileSync(sqlite.file, path.join(work, 'build', library));
	await runLogged('make', ['-C', 'build', `-j${jobs}`, '-o', library, 'better_sqlite3'], { cwd: work, env: toolchain.env, log: buildLog });
	const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
	await runFile(toolchain.strip, ['--strip-unneeded', built]);

	const checked = await checkBuild(built, dist, toolchain);
	const record: BuildRecord = {
		folder: target.folder,
		node: target.line.version,
		nodeMajor: target.line.major,
		abi: target.line.abi,
		platform: 'linux',
		arch: target.arch,
		betterSqlite3: version,
		glibc: glibcNeeded(built),
		key,
	};
	fs.rmSync(dir, { recursive: true, force: true });
	ensureDir(dir);
	fs.copyFileSync(built, file);
	fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
	fs.rmSync(work, { recursive: true, force: true });
	log(
		`[native] ${target.folder} (Node ${target.line.version}) built in ${((Date.now() - started) / 1000).toFixed(1)} s, loaded and opened a database: ${checked}`,
	);
	return { ...withoutKey(record), file, cached: false, checked };
}

function withoutKey(record: BuildRecord): Omit<BuildRecord, 'key'> {
	const { key: _key, ...rest } = record;
	return rest;
}

/**
 * One better-sqlite3 module per Node line and architecture (NATIVE_TARGETS), from the cache when nothing that
 * went into it changed. Rejects if any one cannot be built: the zip must carry all of them.
 */
export async function buildNativeModules(options: { log?: (line: string) => void } = {}): Promise<NativeBuild[]> {
	const log = options.log ?? (() => undefined);
	if (!fs.existsSync(path.join(moduleDir, 'binding.gyp'))) throw new Error(`better-sqlite3 is not installed in ${moduleDir} (npm ci)`);
	ensureBuildPackages();
	const started = Date.now();
	const perArch = await Promise.all(
		ARCHES.map(async (arch) => {
			const targets = NATIVE_TARGETS.filter((target) => target.arch === arch);
			const toolchain = toolchainFor(arch);
			const fetching = targets.filter((target) => !hasNodeDist(target.line, arch)).map((target) => target.line.version);
			const fetchStarted = Date.now();
			const dists = await Promise.all(targets.map((target) => ensureNodeDist(target.line, arch)));
			if (fetching.length > 0)
				log(`[native] Node ${fetching.join(', ')} for ${arch} (headers and binary) fetched in ${((Date.now() - fetchStarted) / 1000).toFixed(1)} s`);
			// SQLite does not depend on the Node ABI: compiled once, with the first line's tree.
			const sqlite = await ensureSqliteLibrary(arch, dists[0], toolchain, log);
			const builds: NativeBuild[] = [];
			for (const [index, target] of targets.entries()) builds.push(await ensureModule(target, dists[index], sqlite, toolchain, log));
			return builds;
		}),
	);
	const builds = NATIVE_TARGETS.map((target) => perArch.flat().find((build) => build.folder === target.folder)!);
	const missing = NATIVE_TARGETS.filter((target) => !builds.find((build) => build?.folder === target.folder && fs.existsSync(build.file)));
	if (missing.length > 0) throw new Error(`native SQLite modules missing: ${missing.map((target) => target.folder).join(', ')}`);
	const fresh = builds.filter((build) => !build.cached).length;
	log(`[native] ${builds.length} SQLite modules ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${fresh} built, ${builds.length - fresh} cached)`);
	return builds;
}

if (require.main === module) {
	buildNativeModules({ log: (line) => console.log(line) }).then(
		(builds) => {
			for (const build of builds)
				console.log(
					`${build.folder}  Node ${build.node}  glibc >= ${build.glibc}  ${(fs.statSync(build.file).size / 1024).toFixed(0)} KB  ${path.relative(repoRoot, build.file)}`,
				);
		},
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}

// The installable plugin zip: WordPress' own plugin installer (what Plugins › Add New › Upload Plugin runs)
// accepts it, and the sidecar bundled inside starts with plain Node and answers signed requests, on every Node
// line and architecture it carries a SQLite module for (Node 20, 22, 24 on linux-x64 and linux-arm64; arm64 runs
// under qemu-user-static), and an unsupported Node is told what to install.
import { DeleteObjectsCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertZipContents, buildZip } from '../../bin/build-zip';
import { ensureNodeDist, type NodeDist } from '../../bin/native/node-dist';
import { NATIVE_TARGETS, nodeLine, type Arch } from '../../bin/native/targets';
import { sign } from '../../sidecar/src/auth/signature';
import { closedPort } from '../support/fault-servers';
import { s3rverStorage, sidecarPost, signedHeaders } from '../support/sidecar-request';
import { createS3Client, getSite, wpEval } from '../support/stack';

const run = promisify(execFile);
const site = getSite('sqlite');
const s3 = createS3Client(site);
const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-'));
/** The zip unpacked as it is (fflate, not WordPress): what a server that installs it gets. */
const unpackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-unpacked-'));
const unpackedSidecar = path.join(unpackDir, 'wp-media-cloud', 'sidecar');
let zip: string;
let zipNames: string[];
let sidecar: ChildProcess | undefined;
const started: ChildProcess[] = [];
const uploadedKeys: string[] = [];

beforeAll(async () => {
	// Cold, the six native modules take about two minutes to build (cached in .data/native/ afterwards).
	zip = await buildZip();
	const files = unzipSync(fs.readFileSync(zip));
	zipNames = Object.keys(files).filter((name) => !name.endsWith('/'));
	for (const name of zipNames) {
		const target = path.join(unpackDir, name);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, files[name]);
	}
}, 600_000);

afterAll(async () => {
	sidecar?.kill();
	for (const child of started) child.kill();
	fs.rmSync(installDir, { recursive: true, force: true });
	fs.rmSync(unpackDir, { recursive: true, force: true });
	if (uploadedKeys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: site.s3.bucket, Delete: { Objects: uploadedKeys.map((Key) => ({ Key })) } }));
}, 30_000);

test('WordPress installs the zip with its Upload Plugin installer and reads the plugin header', async () => {
	const result = await wpEval<{ installed: boolean | string; header: Record<string, string>; files: string[] }>(
		site,
		`require_once ABSPATH . 'wp-admin/includes/admin.php';
		require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		// Install into a scratch plugins folder: the test site already runs the plugin from the repository.
		// (Core names the folder after the zip's top folder only for WP_PLUGIN_DIR, so name it here.)
		add_filter( 'upgrader_package_options', function ( $options ) { $options['destination'] = ${JSON.stringify(installDir + '/wp-media-cloud')}; $options['clear_destination'] = true; return $options; } );
		$upgrader = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
		$installed = $upgrader->install( ${JSON.stringify(zip)} );
		$main = ${JSON.stringify(installDir)} . '/wp-media-cloud/wp-media-cloud.php';
		return array(
			'installed' => is_wp_error( $installed ) ? $installed->get_error_message() : $installed,
			'header'    => file_exists( $main ) ? get_plugin_data( $main, false, false ) : array(),
			'files'     => array_map( fn ( $f ) => substr( $f, strlen( ${JSON.stringify(installDir)} ) + 1 ), list_files( ${JSON.stringify(installDir)}, 3 ) ),
		);`,
	);
	expect(result.installed).toBe(true);
	expect(result.header.Name).toBe('WP Media Cloud');
	const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
	expect(result.header.Version).toBe(version);
	expect(result.files).toEqual(expect.arrayContaining(['wp-media-cloud/readme.txt', 'wp-media-cloud/build/index.js', 'wp-media-cloud/build/index.asset.php', 'wp-media-cloud/sidecar/main.js']));

	const readme = fs.readFileSync(path.join(installDir, 'wp-media-cloud', 'readme.txt'), 'utf8');
	expect(readme).toMatch(/^=== WP Media Cloud ===/);
	expect(readme).toContain(`Stable tag: ${version}`);
	expect(readme).toMatch(/== Installation ==/);
});

test('the bundled sidecar runs with plain Node from the installed plugin and answers signed requests', async () => {
	const pluginDir = path.join(installDir, 'wp-media-cloud');
	const secret = 'a'.repeat(64);
	const port = 8799;
	fs.mkdirSync(path.join(installDir, 'uploads'), { recursive: true });
	sidecar = spawn(process.execPath, [path.join(pluginDir, 'sidecar', 'main.js')], {
		cwd: os.tmpdir(),
		// The data folder outside the uploads folder: the sidecar refuses one the web server serves.
		env: { ...process.env, WPMC_SECRET: secret, WPMC_UPLOADS_DIR: path.join(installDir, 'uploads'), WPMC_WORDPRESS_URL: 'http://127.0.0.1:9', WPMC_PORT: String(port), WPMC_HEARTBEAT_SECONDS: '0', WPMC_DATA_DIR: path.join(unpackDir, 'data') },
		stdio: 'ignore',
	});
	let status = 0;
	for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		status = await fetch(`http://127.0.0.1:${port}/v1/status`, { headers: { ...sign(secret, 'GET', '/v1/status', '') } }).then((r) => r.status, () => 0);
	}
	expect(status).toBe(200);
	const unsigned = await fetch(`http://127.0.0.1:${port}/v1/status`);
	expect(unsigned.status).toBe(401);
});

/** The command line that runs a Node release's binary here: directly, or under qemu for another architecture. */
function nodeCommand(dist: NodeDist, args: string[]): { command: string; args: string[]; env: Record<string, string> } {
	if (dist.arch === process.arch) return { command: dist.node, args, env: {} };
	const qemu = dist.arch === 'arm64' ? 'qemu-aarch64-static' : 'qemu-x86_64-static';
	const sysroot = dist.arch === 'arm64' ? '/usr/aarch64-linux-gnu' : '/usr/x86_64-linux-gnu';
	if (!fs.existsSync(`/usr/bin/${qemu}`)) throw new Error(`${qemu} is missing: apt-get install qemu-user-static (.ci/run installs it)`);
	return { command: qemu, args: [dist.node, ...args], env: { QEMU_LD_PREFIX: sysroot } };
}

describe('the zip carries the SQLite module for every Node line and architecture', () => {
	test('one build per Node ABI and architecture, each for its machine, and no build leftovers', () => {
		const sidecarFiles = zipNames.filter((name) => name.startsWith('wp-media-cloud/sidecar/')).map((name) => name.slice('wp-media-cloud/sidecar/'.length));
		expect(sidecarFiles.sort()).toEqual(
			['main.js', 'main.js.LEGAL.txt', 'package.json', 'native/builds.json', 'native/LICENSE.better-sqlite3.txt', ...NATIVE_TARGETS.map((target) => `native/${target.folder}/better_sqlite3.node`)].sort(),
		);
		expect(NATIVE_TARGETS.map((target) => target.folder).sort()).toEqual(
			['node-v115-linux-x64', 'node-v115-linux-arm64', 'node-v127-linux-x64', 'node-v127-linux-arm64', 'node-v137-linux-x64', 'node-v137-linux-arm64'].sort(),
		);
		// ELF e_machine: 62 is x86-64, 183 is AArch64.
		for (const target of NATIVE_TARGETS) {
			const elf = fs.readFileSync(path.join(unpackedSidecar, 'native', target.folder, 'better_sqlite3.node'));
			expect([elf.subarray(0, 4).toString('latin1'), elf.readUInt16LE(18)]).toEqual(['\x7fELF', target.arch === 'x64' ? 62 : 183]);
		}
		expect(zipNames.filter((name) => /(^|\/)(Makefile|config\.gypi|[^/]*\.(o|a|mk|gyp)|obj\.target|test)(\/|$)/.test(name))).toEqual([]);
		// The build's own guard refuses a leftover.
		expect(() => assertZipContents([...zipNames, 'wp-media-cloud/sidecar/native/node-v137-linux-x64/Makefile'])).toThrow(/build leftovers/);
	});

	test('the self-check opens a job database on Node 20, 22 and 24, on x64 and on arm64 (under qemu)', async () => {
		for (const target of NATIVE_TARGETS) {
			const dist = await ensureNodeDist(target.line, target.arch);
			const command = nodeCommand(dist, [path.join(unpackedSidecar, 'main.js'), '--self-check']);
			const { stdout } = await run(command.command, command.args, { env: { ...process.env, ...command.env }, timeout: 60_000 });
			expect(stdout).toContain(`self-check ok: Node.js v${target.line.version} (module ABI ${target.line.abi}) on linux-${target.arch}`);
			expect(stdout).toContain(`native/${target.folder}/better_sqlite3.node`);
		}
	}, 180_000);
});

describe('a real offload through the zip\'s sidecar', () => {
	const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-uploads-'));
	afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

	// arm64 runs under qemu-aarch64-static: about 4 s each, x64 well under one.
	const cases: Array<[number, Arch]> = NATIVE_TARGETS.map((target) => [target.line.major, target.arch]);
	test.each(cases)('Node %i on %s', async (major, arch) => {
		const dist = await ensureNodeDist(nodeLine(major), arch);
		const secret = randomBytes(32).toString('hex');
		const port = await closedPort();
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-data-'));
		const command = nodeCommand(dist, [path.join(unpackedSidecar, 'main.js')]);
		let output = '';
		const child = spawn(command.command, command.args, {
			cwd: os.tmpdir(),
			env: {
				...process.env,
				...command.env,
				WPMC_SECRET: secret,
				WPMC_UPLOADS_DIR: uploadsDir,
				// Nothing listens there: no heartbeat reaches the test site.
				WPMC_WORDPRESS_URL: `http://127.0.0.1:${await closedPort()}`,
				WPMC_PORT: String(port),
				WPMC_HEARTBEAT_SECONDS: '0',
				WPMC_DATA_DIR: dataDir,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		started.push(child);
		child.stdout!.on('data', (chunk) => (output += chunk));
		child.stderr!.on('data', (chunk) => (output += chunk));
		try {
			const sidecarUrl = `http://127.0.0.1:${port}`;
			let status = 0;
			for (let attempt = 0; attempt < 300 && status !== 200 && child.exitCode === null; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				status = await fetch(`${sidecarUrl}/v1/status`, { headers: signedHeaders(secret, 'GET', '/v1/status', '') }).then((r) => r.status, () => 0);
			}
			expect({ status, output }).toEqual({ status: 200, output: expect.stringContaining('"msg":"listening on http://127.0.0.1:') });

			const relative = `2026/11/zip-node${major}-${arch}-${randomBytes(3).toString('hex')}.bin`;
			const body = randomBytes(300 * 1024);
			fs.mkdirSync(path.dirname(path.join(uploadsDir, relative)), { recursive: true });
			fs.writeFileSync(path.join(uploadsDir, relative), body);
			const key = `wp-content/uploads/zip-test/${relative}`;
			uploadedKeys.push(key);
			const answer = await sidecarPost({ sidecarUrl, sidecarSecret: secret }, '/v1/offloads', {
				storage: s3rverStorage(site),
				cache_control: 'public, max-age=60',
				verify: true,
				files: [{ path: relative, key, content_type: 'application/octet-stream' }],
			});
			expect(answer.status).toBe(201);
			expect(answer.body.objects).toEqual([expect.objectContaining({ key, verified: true })]);
			const object = await s3.send(new GetObjectCommand({ Bucket: site.s3.bucket, Key: key }));
			expect(Buffer.from(await object.Body!.transformToByteArray()).equals(body)).toBe(true);
			// The job database was made by this Node's module.
			expect(fs.existsSync(path.join(dataDir, 'jobs.sqlite'))).toBe(true);
		} finally {
			child.kill();
			await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}, 120_000);
});

test('a Node.js without a build is told which Node.js to install, without a stack trace', async () => {
	// This Node's ABI removed from a copy of the unpacked sidecar: as if it were a Node line the zip lacks.
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-unsupported-'));
	try {
		fs.cpSync(unpackedSidecar, copy, { recursive: true });
		fs.rmSync(path.join(copy, 'native', `node-v${process.versions.modules}-linux-${process.arch}`), { recursive: true });
		const result = await run(process.execPath, [path.join(copy, 'main.js')], {
			env: { ...process.env, WPMC_SECRET: 'a'.repeat(64), WPMC_UPLOADS_DIR: copy, WPMC_WORDPRESS_URL: 'http://127.0.0.1:9', WPMC_DATA_DIR: path.join(copy, 'data') },
		}).then(
			() => ({ code: 0, stderr: '' }),
			(error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`its SQLite module is not built for Node.js ${process.version} (module ABI ${process.versions.modules}) on linux-${process.arch}`);
		expect(result.stderr).toMatch(/Install Node\.js 24 \(or 22( or 20)?\) and start the sidecar with that node/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(fs.existsSync(path.join(copy, 'data'))).toBe(false);
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
});

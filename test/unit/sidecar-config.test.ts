// The sidecar never keeps its job database where the web server would serve it: WPMC_DATA_DIR inside the
// WordPress root (told from the uploads folder, or WPMC_WORDPRESS_ROOT) or inside the uploads folder stops it at
// start with the folder and the fix; without WPMC_DATA_DIR it uses a folder beside the WordPress root, wherever
// it is started from (it used to be ./data, the web root when started from there).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, sidecarMain } from '../../bin/dev/paths';
import { portInUse } from '../../bin/dev/processes';
import { ConfigError, readConfig } from '../../sidecar/src/config';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-config-')));
const root = path.join(tmp, 'wordpress');
const uploads = path.join(root, 'wp-content', 'uploads');
fs.mkdirSync(uploads, { recursive: true });
fs.writeFileSync(path.join(root, 'wp-load.php'), '<?php\n');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const base = { WPMC_SECRET: 'a'.repeat(64), WPMC_UPLOADS_DIR: uploads, WPMC_WORDPRESS_URL: 'http://127.0.0.1:9' };

function refusal(env: Record<string, string>): string {
	try {
		readConfig(env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('readConfig accepted the data folder');
}

test('a data folder inside the WordPress root (the folder above uploads holding wp-load.php) is refused, naming both folders and the fix', () => {
	const message = refusal({ ...base, WPMC_DATA_DIR: path.join(root, 'data') });
	expect(message).toContain(`The data folder ${path.join(root, 'data')} (WPMC_DATA_DIR) is inside the WordPress root, ${root}`);
	expect(message).toContain(`Set WPMC_DATA_DIR to a folder outside it, e.g. ${root}-media-cloud`);
	expect(message).toContain('wp media-cloud sidecar setup');
	// Inside uploads and inside wp-content are inside the root too.
	expect(refusal({ ...base, WPMC_DATA_DIR: path.join(uploads, 'jobs') })).toContain('is inside the WordPress root');
	// A relative WPMC_DATA_DIR is resolved from the working directory and checked the same way.
	const cwd = process.cwd();
	process.chdir(root);
	try {
		expect(refusal({ ...base, WPMC_DATA_DIR: 'data' })).toContain(
			`The data folder ${path.join(root, 'data')} (WPMC_DATA_DIR) is inside the WordPress root`,
		);
	} finally {
		process.chdir(cwd);
	}
});

test('the root is also told from a standard layout before WordPress is there (wp-content/uploads), or given as WPMC_WORDPRESS_ROOT', () => {
	const bare = path.join(tmp, 'bare');
	const bareUploads = path.join(bare, 'wp-content', 'uploads');
	fs.mkdirSync(bareUploads, { recursive: true });
	expect(refusal({ ...base, WPMC_UPLOADS_DIR: bareUploads, WPMC_DATA_DIR: path.join(bare, 'data') })).toContain(`is inside the WordPress root, ${bare}`);

	// A Bedrock-like layout: uploads in web/app/uploads, served from web/; nothing above uploads names WordPress.
	const web = path.join(tmp, 'bedrock', 'web');
	const appUploads = path.join(web, 'app', 'uploads');
	fs.mkdirSync(appUploads, { recursive: true });
	expect(readConfig({ ...base, WPMC_UPLOADS_DIR: appUploads, WPMC_DATA_DIR: path.join(web, 'data') }).dataDir).toBe(path.join(web, 'data'));
	expect(refusal({ ...base, WPMC_UPLOADS_DIR: appUploads, WPMC_WORDPRESS_ROOT: web, WPMC_DATA_DIR: path.join(web, 'data') })).toContain(
		`is inside the WordPress root (WPMC_WORDPRESS_ROOT), ${web}`,
	);
	// The uploads folder is served whatever the layout.
	expect(refusal({ ...base, WPMC_UPLOADS_DIR: appUploads, WPMC_DATA_DIR: path.join(appUploads, 'data') })).toContain(
		`is inside the uploads folder (WPMC_UPLOADS_DIR), ${appUploads}`,
	);
});

test('a symlink does not smuggle the data folder into the web root', () => {
	const link = path.join(tmp, 'innocent-looking');
	fs.symlinkSync(root, link);
	expect(refusal({ ...base, WPMC_DATA_DIR: path.join(link, 'data') })).toContain(
		`The data folder ${path.join(root, 'data')} (WPMC_DATA_DIR) is inside the WordPress root`,
	);
});

test("without WPMC_DATA_DIR: beside the WordPress root, or systemd's StateDirectory; with no WordPress layout it asks for WPMC_DATA_DIR", () => {
	expect(readConfig(base).dataDir).toBe(`${root}-media-cloud`);
	expect(readConfig({ ...base, STATE_DIRECTORY: path.join(tmp, 'state') }).dataDir).toBe(path.join(tmp, 'state'));
	expect(readConfig({ ...base, WPMC_DATA_DIR: path.join(tmp, 'outside') }).dataDir).toBe(path.join(tmp, 'outside'));
	const loose = path.join(tmp, 'loose-uploads');
	fs.mkdirSync(loose);
	expect(refusal({ ...base, WPMC_UPLOADS_DIR: loose })).toContain('WPMC_DATA_DIR is not set, and no WordPress folder was found above WPMC_UPLOADS_DIR');
});

/** Runs the real sidecar from the web root; resolves with its exit code (null while it runs) and output. */
async function runSidecar(env: Record<string, string>, port: number): Promise<{ code: number | null; output: string; answered: boolean }> {
	// The case: started from the web root (tsx named by its path, as Node resolves --import from the cwd).
	const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, sidecarMain], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', ...env, WPMC_PORT: String(port), WPMC_HEARTBEAT_SECONDS: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	let code: number | null = null;
	const exited = new Promise<void>((resolve) => child.on('exit', (exitCode) => ((code = exitCode), resolve())));
	let answered = false;
	for (let i = 0; i < 150 && code === null && !answered; i++) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		answered = await portInUse(port);
	}
	if (code === null) {
		child.kill('SIGTERM');
		await exited;
		return { code: null, output, answered };
	}
	return { code, output, answered };
}

test('the real sidecar started in the web root exits 1 with the message, and writes nothing there; without WPMC_DATA_DIR it runs with its database beside the root', async () => {
	const refused = await runSidecar({ ...base, WPMC_DATA_DIR: path.join(root, 'data') }, 8794);
	expect(refused.code).toBe(1);
	expect(refused.output).toContain(`is inside the WordPress root, ${root}`);
	expect(fs.existsSync(path.join(root, 'data'))).toBe(false);

	const started = await runSidecar(base, 8794);
	expect(started.answered).toBe(true);
	expect(fs.existsSync(path.join(`${root}-media-cloud`, 'jobs.sqlite'))).toBe(true);
	expect(fs.readdirSync(root).sort()).toEqual(['wp-content', 'wp-load.php']);
}, 60_000);

// A secret too short to be safe stops the sidecar at start, with the command that makes a good one.
test('the sidecar does not start with a WPMC_SECRET shorter than 32 characters, and says what to do', () => {
	const started = spawnSync(process.execPath, ['--import', 'tsx', sidecarMain], {
		cwd: repoRoot,
		env: {
			PATH: process.env.PATH ?? '',
			WPMC_SECRET: 'x'.repeat(31),
			WPMC_UPLOADS_DIR: uploads,
			WPMC_WORDPRESS_URL: base.WPMC_WORDPRESS_URL,
			WPMC_PORT: '9',
			WPMC_DATA_DIR: '/tmp/wpmc-never-used',
		},
		encoding: 'utf8',
		timeout: 60_000,
	});
	expect(started.status).toBe(1);
	expect(started.stderr).toContain('WPMC_SECRET is 31 characters; it must be at least 32');
	expect(started.stderr).toContain('wp media-cloud sidecar setup');
}, 90_000);

// `wp media-cloud sidecar setup|start|status|logs|stop` with the real WP-CLI on a throwaway site (temp-site.ts):
// setup writes the constants into wp-config.php and a private environment file into a data folder beside the
// WordPress root, refuses what would be unsafe, and says what to install when Node.js is missing or too old; the
// background sidecar starts, answers signed requests, logs, and stops. (No systemd runs here: the service path is
// not exercised.)
import fs from 'node:fs';
import path from 'node:path';
import { portInUse } from '../../bin/dev/processes';
import { withWpCli } from '../support/wp-cli';
import { makeTempSite, type TempSite } from './temp-site';

const suite = withWpCli(describe, 'the sidecar command tests');

const PORT = 8795;
let site: TempSite;
let configBefore: string;
const dataDir = () => `${site.dir}-media-cloud`;
const envFile = () => path.join(dataDir(), 'sidecar.env');
const readEnv = () =>
	Object.fromEntries(
		fs
			.readFileSync(envFile(), 'utf8')
			.split('\n')
			.filter((line) => /^[A-Z_]+=/.test(line))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

suite('wp media-cloud sidecar (real WP-CLI, temporary site)', () => {
	beforeAll(async () => {
		site = await makeTempSite({ plugin: 'link' });
		configBefore = fs.readFileSync(site.configFile, 'utf8');
	}, 120_000);

	afterAll(async () => {
		if (site) {
			await site.wp(['media-cloud', 'sidecar', 'stop']);
			site.remove();
		}
	}, 60_000);

	test('Node.js missing from PATH, or too old: setup stops before changing anything and says what to install', async () => {
		const noNode = fs.mkdtempSync(path.join(site.tmp, 'no-node-'));
		const missing = await site.wp(['media-cloud', 'sidecar', 'setup'], { env: { PATH: noNode } });
		expect(missing.exit).toBe(1);
		expect(output(missing)).toContain(`Node.js was not found on PATH (${noNode})`);
		expect(output(missing)).toContain('Install Node.js 22 or 24');
		expect(output(missing)).toContain('--node=<path to node>');

		const old = path.join(noNode, 'node');
		fs.writeFileSync(old, '#!/bin/sh\necho 18.19.1\n', { mode: 0o755 });
		const tooOld = await site.wp(['media-cloud', 'sidecar', 'setup', `--node=${old}`]);
		expect(tooOld.exit).toBe(1);
		expect(output(tooOld)).toContain(`${old} is Node.js 18.19.1, too old: the sidecar needs Node.js 20 or newer (20, 22 and 24 are supported)`);
		expect(output(tooOld)).toContain('Install Node.js 22 or 24');

		expect(fs.readFileSync(site.configFile, 'utf8')).toBe(configBefore);
		expect(fs.existsSync(dataDir())).toBe(false);
	});

	test('a --data-dir inside a folder the web server serves is refused, naming it', async () => {
		for (const [dir, name] of [
			[path.join(site.dir, 'wp-content', 'uploads', 'jobs'), 'the uploads folder'],
			[path.join(site.dir, 'private'), 'the WordPress folder'],
		]) {
			const result = await site.wp(['media-cloud', 'sidecar', 'setup', `--data-dir=${dir}`]);
			expect(result.exit).toBe(1);
			expect(output(result)).toContain(`--data-dir=${dir} is inside ${name}`);
			expect(output(result)).toContain('anyone could download the job database');
			expect(fs.existsSync(dir)).toBe(false);
		}
		expect(fs.readFileSync(site.configFile, 'utf8')).toBe(configBefore);
	});

	test('wp-config.php not writable by the user running it: nothing changes, and it prints the lines to add', async () => {
		// Root may write any file, so run it as nobody (who can read the site and use its database).
		fs.chmodSync(site.tmp, 0o755);
		const database = path.join(site.dir, 'wp-content', 'database');
		const opened = [database, ...fs.readdirSync(database).map((file) => path.join(database, file))];
		for (const file of opened) fs.chmodSync(file, 0o777);
		const home = fs.mkdtempSync(path.join(site.tmp, 'home-'));
		fs.chmodSync(home, 0o777);
		try {
			const result = await site.wp(['media-cloud', 'sidecar', 'setup', `--port=${PORT}`], { uid: 65534, env: { HOME: home } });
			expect(result.exit).toBe(1);
			expect(output(result)).toContain(`${site.configFile} cannot be written by nobody, so nothing was changed.`);
			expect(output(result)).toContain('Add these lines to wp-config.php, above the line "/* That\'s all, stop editing! */"');
			expect(output(result)).toMatch(
				/define\( 'WP_MEDIA_CLOUD_SIDECAR_URL', 'http:\/\/127\.0\.0\.1:8795' \);\ndefine\( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '[0-9a-f]{64}' \);/,
			);
			expect(fs.readFileSync(site.configFile, 'utf8')).toBe(configBefore);
			expect(fs.readdirSync(home)).toEqual([]);
		} finally {
			fs.chmodSync(site.tmp, 0o700);
			fs.rmSync(home, { recursive: true, force: true });
		}
	});

	test('setup: both constants above "stop editing", a 64-hex secret, a data folder beside the WordPress root, a private environment file', async () => {
		const result = await site.wp(['media-cloud', 'sidecar', 'setup', `--port=${PORT}`]);
		expect(output(result)).toContain('Success: Set up.');
		expect(result.exit).toBe(0);

		const config = fs.readFileSync(site.configFile, 'utf8');
		const secret = /define\( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '([^']*)' \);/.exec(config)?.[1] ?? '';
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(config).toContain(`define( 'WP_MEDIA_CLOUD_SIDECAR_URL', 'http://127.0.0.1:${PORT}' );`);
		expect(config.indexOf('WP_MEDIA_CLOUD_SIDECAR_SECRET')).toBeLessThan(config.indexOf("/* That's all, stop editing!"));
		expect(config.indexOf('/* Add any custom values between this line and the "stop editing" line. */')).toBeLessThan(
			config.indexOf('WP_MEDIA_CLOUD_SIDECAR_URL'),
		);
		// Everything else in the file is as it was.
		expect(config.replace(/\/\* BEGIN WP Media Cloud sidecar[\s\S]*?\/\* END WP Media Cloud sidecar \*\/\n\n/, '')).toBe(configBefore);
		// WordPress loads with them.
		const loaded = await site.wp(['eval', 'echo WP_MEDIA_CLOUD_SIDECAR_URL . " " . WP_MEDIA_CLOUD_SIDECAR_SECRET;']);
		expect(loaded.stdout.trim()).toBe(`http://127.0.0.1:${PORT} ${secret}`);

		expect(fs.existsSync(dataDir())).toBe(true);
		expect(mode(dataDir())).toBe('700');
		expect(mode(envFile())).toBe('600');
		expect(readEnv()).toEqual({
			WPMC_SECRET: secret,
			WPMC_UPLOADS_DIR: path.join(site.dir, 'wp-content', 'uploads'),
			WPMC_WORDPRESS_URL: site.url,
			WPMC_WORDPRESS_ROOT: site.dir,
			WPMC_HOST: '127.0.0.1',
			WPMC_PORT: String(PORT),
			WPMC_DATA_DIR: dataDir(),
		});
		expect(output(result)).toContain(`Data folder: ${dataDir()} (outside the web root ${site.dir}).`);
		if (!fs.existsSync('/run/systemd/system')) {
			expect(output(result)).toContain('No systemd on this machine. Start the sidecar with `wp media-cloud sidecar start`');
		}
	});

	test('setup again changes nothing: the secret, wp-config.php and the environment file stay as they are', async () => {
		const config = fs.readFileSync(site.configFile, 'utf8');
		const env = fs.readFileSync(envFile(), 'utf8');
		const result = await site.wp(['media-cloud', 'sidecar', 'setup']);
		expect(result.exit).toBe(0);
		expect(output(result)).toContain('WP_MEDIA_CLOUD_SIDECAR_URL and WP_MEDIA_CLOUD_SIDECAR_SECRET are defined; left as they are.');
		expect(output(result)).toContain('(unchanged, readable by root only)');
		expect(fs.readFileSync(site.configFile, 'utf8')).toBe(config);
		expect(fs.readFileSync(envFile(), 'utf8')).toBe(env);
	});

	test('start runs it in the background and waits until it answers; status, logs; start again is a no-op; stop ends it', async () => {
		const before = await site.wp(['media-cloud', 'sidecar', 'status']);
		expect(before.exit).toBe(1);
		expect(output(before)).toContain(`The sidecar does not answer at http://127.0.0.1:${PORT}`);
		expect(output(before)).toContain('Start it with `wp media-cloud sidecar start`.');

		const start = await site.wp(['media-cloud', 'sidecar', 'start']);
		expect(output(start)).toMatch(new RegExp(`Success: The sidecar runs \\(pid \\d+\\) and answers at http://127\\.0\\.0\\.1:${PORT}\\.`));
		expect(start.exit).toBe(0);
		const pid = Number(fs.readFileSync(path.join(dataDir(), 'sidecar.pid'), 'utf8'));
		expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('sidecar/src/main.ts');
		// It outlives the WP-CLI process, in its own session.
		expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[3]).toBe(String(pid));

		const status = await site.wp(['media-cloud', 'sidecar', 'status', '--format=json']);
		expect(status.exit).toBe(0);
		expect(JSON.parse(status.stdout)).toMatchObject({
			answers: true,
			url: `http://127.0.0.1:${PORT}`,
			pid,
			data_dir: dataDir(),
			log_file: path.join(dataDir(), 'sidecar.log'),
			unit: null,
		});
		const table = await site.wp(['media-cloud', 'sidecar', 'status']);
		expect(output(table)).toContain(`Success: The sidecar answers at http://127.0.0.1:${PORT} (version `);

		// Its job database is in the data folder, none in the web root.
		expect(fs.existsSync(path.join(dataDir(), 'jobs.sqlite'))).toBe(true);
		expect(fs.existsSync(path.join(site.dir, 'data'))).toBe(false);

		const logs = await site.wp(['media-cloud', 'sidecar', 'logs', '--lines=20']);
		expect(logs.exit).toBe(0);
		expect(logs.stdout).toMatch(new RegExp(`^\\S+ \\S+ INFO  listening on http://127\\.0\\.0\\.1:${PORT}`, 'm'));

		const again = await site.wp(['media-cloud', 'sidecar', 'start']);
		expect(again.exit).toBe(0);
		expect(output(again)).toContain(`The sidecar already runs (pid ${pid})`);

		const stop = await site.wp(['media-cloud', 'sidecar', 'stop']);
		expect(stop.exit).toBe(0);
		expect(output(stop)).toContain(`Stopped the sidecar (pid ${pid}).`);
		expect(await portInUse(PORT)).toBe(false);
		expect(fs.existsSync(path.join(dataDir(), 'sidecar.pid'))).toBe(false);
		const after = await site.wp(['media-cloud', 'sidecar', 'status', '--format=json']);
		expect(after.exit).toBe(1);
		expect(JSON.parse(after.stdout)).toMatchObject({ answers: false, pid: null });
		expect((await site.wp(['media-cloud', 'sidecar', 'stop'])).stdout).toContain('The sidecar is not running.');
	}, 90_000);

	test('start refuses an environment file whose secret is not the one in wp-config.php', async () => {
		const env = fs.readFileSync(envFile(), 'utf8');
		try {
			fs.writeFileSync(envFile(), env.replace(/^WPMC_SECRET=.*$/m, `WPMC_SECRET=${'b'.repeat(64)}`));
			const result = await site.wp(['media-cloud', 'sidecar', 'start']);
			expect(result.exit).toBe(1);
			expect(output(result)).toContain(
				'The environment file holds another secret than WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php: run `wp media-cloud sidecar setup` again',
			);
			expect(await portInUse(PORT)).toBe(false);
		} finally {
			fs.writeFileSync(envFile(), env);
		}
	});

	test('run as root, setup gives the data folder to the owner of the uploads folder, and start runs the sidecar as that user', async () => {
		const uploads = path.join(site.dir, 'wp-content', 'uploads');
		fs.chmodSync(site.tmp, 0o755);
		fs.chownSync(uploads, 65534, 65534);
		try {
			const setup = await site.wp(['media-cloud', 'sidecar', 'setup']);
			expect(setup.exit).toBe(0);
			expect(output(setup)).toContain('readable by nobody only');
			for (const file of [dataDir(), envFile()]) expect(fs.statSync(file).uid).toBe(65534);
			const start = await site.wp(['media-cloud', 'sidecar', 'start']);
			expect(output(start)).toMatch(/Success: The sidecar runs \(pid \d+, as nobody\)/);
			const pid = Number(fs.readFileSync(path.join(dataDir(), 'sidecar.pid'), 'utf8'));
			expect(fs.statSync(`/proc/${pid}`).uid).toBe(65534);
			expect(fs.statSync(path.join(dataDir(), 'jobs.sqlite')).uid).toBe(65534);
			expect(fs.statSync(path.join(dataDir(), 'sidecar.log')).uid).toBe(65534);
		} finally {
			expect((await site.wp(['media-cloud', 'sidecar', 'stop'])).exit).toBe(0);
			fs.chownSync(uploads, 0, 0);
			fs.chmodSync(site.tmp, 0o700);
		}
	}, 90_000);
});

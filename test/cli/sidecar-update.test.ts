// Updating the plugin while its sidecar runs: the zip installed on a plain site of its own (.data/sites/sidecar-update
// on :8898), the sidecar set up and started with the real WP-CLI (:8798, a background process: no systemd here). Then
// the update as it happens: WordPress' upgrader (`wp plugin install <newer zip> --force`, what Plugins › Upload
// Plugin › Replace current runs) puts a sidecar with another build id on disk, and the process keeps running the old
// one. Health (REST and WP-CLI) and `sidecar status` name the cause with this site's exact restart command; a route of
// a newer plugin is refused with the worded restart fix; running the command Health gave makes Health good again.
//
// The "newer" zip is the real zip with its sidecar/package.json build id rewritten, as the next build writes it
// (bin/build-sidecar.ts sidecarBuildId): the running process reads the id once as it starts.
import { unzipSync, zipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { portInUse } from '../../bin/dev/processes';
import { makePlainSite, removePlainSite, type PlainSite } from '../support/plain-site';
import { pluginZip } from '../support/plugin-zip';
import { withWpCli, wp, wpOk, WP_CLI_PHAR } from '../support/wp-cli';

const SITE_PORT = 8898;
/** Not 8787 (npm start), 8790/8791 (test sites), 8795 (sidecar-command), 8796 (first run), 8797 (leaving), 8799 (zip). */
const SIDECAR_PORT = 8798;
const SIDECAR_JSON = 'wp-media-cloud/sidecar/package.json';

const suite = withWpCli(describe, 'the plugin update test');

interface HealthRow {
	test: string;
	status: string;
	description: string;
	cause?: string;
	fix?: string;
	details?: Record<string, string>;
}

suite('updating the plugin while its sidecar runs', () => {
	let site: PlainSite | undefined;
	let auth = '';
	let zipBuild = '';
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-update-'));
	const dataDir = path.join(work, 'data');
	const newerZip = path.join(work, 'wp-media-cloud-newer.zip');
	/** A folder with a `wp` that runs the real WP-CLI: what a person's shell has on PATH. */
	const binDir = path.join(work, 'bin');
	let started = false;

	const on = () => ({ dir: site!.dir });
	const sidecarVersionRow = async (): Promise<HealthRow> => {
		const response = await fetch(`${site!.url}/wp-json/media-cloud/v1/health`, {
			method: 'POST',
			headers: { Authorization: auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ checks: ['sidecar_version'] }),
		});
		expect(response.status).toBe(200);
		const rows = ((await response.json()) as { results: HealthRow[] }).results;
		return rows.find((row) => row.test === 'sidecar_version') ?? { test: 'sidecar_version', status: '(no such check)', description: '' };
	};
	const sidecarStatus = async () => JSON.parse((await wpOk(on(), 'media-cloud sidecar status --format=json')).stdout);

	beforeAll(async () => {
		const timings: string[] = [];
		let mark = Date.now();
		const lap = (what: string) => {
			timings.push(`${what} ${((Date.now() - mark) / 1000).toFixed(1)} s`);
			mark = Date.now();
		};
		const zip = await pluginZip();
		lap(zip.built ? 'zip built' : 'zip reused');
		const files = unzipSync(fs.readFileSync(zip.file));
		zipBuild = JSON.parse(Buffer.from(files[SIDECAR_JSON]).toString('utf8')).build;
		// The next release's zip: the same files, its sidecar stamped with another build id.
		const stamp = JSON.parse(Buffer.from(files[SIDECAR_JSON]).toString('utf8'));
		stamp.build = createHash('sha256').update(`the next build after ${zipBuild}`).digest('hex').slice(0, 12);
		fs.writeFileSync(newerZip, zipSync({ ...files, [SIDECAR_JSON]: Buffer.from(JSON.stringify(stamp, null, 2)) }));

		if (await portInUse(SIDECAR_PORT)) throw new Error(`Port ${SIDECAR_PORT} is in use by another program: this test's sidecar needs it.`);
		site = await makePlainSite({ name: 'sidecar-update', port: SITE_PORT });
		lap('plain site');
		await wpOk(on(), ['plugin', 'install', zip.file, '--activate']);
		// Application passwords over http need a local environment (WordPress refuses them otherwise).
		await wpOk(on(), 'config set WP_ENVIRONMENT_TYPE local --type=constant');
		const password = (await wpOk(on(), 'user application-password create admin sidecar-update --porcelain')).stdout.trim();
		auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
		await wpOk(on(), ['media-cloud', 'sidecar', 'setup', `--port=${SIDECAR_PORT}`, `--data-dir=${dataDir}`, '--skip-systemd']);
		await wpOk(on(), 'media-cloud sidecar start');
		started = true;
		lap('installed, set up and started');
		fs.mkdirSync(binDir);
		fs.writeFileSync(path.join(binDir, 'wp'), `#!/bin/sh\nexec php ${JSON.stringify(WP_CLI_PHAR)} --allow-root "$@"\n`, { mode: 0o755 });
		process.stderr.write(`[sidecar-update] build ${zipBuild}: ${timings.join(', ')}\n`);
	}, 600_000);

	afterAll(async () => {
		if (site && started) await wp(on(), 'media-cloud sidecar stop');
		if (site) await removePlainSite(site);
		fs.rmSync(work, { recursive: true, force: true });
	}, 120_000);

	test('the sidecar started from the zip runs the build the plugin ships', async () => {
		expect(zipBuild).toMatch(/^[0-9a-f]{12}$/);
		expect(await sidecarStatus()).toMatchObject({ answers: true, build: zipBuild, build_on_disk: zipBuild, outdated: false });
		expect(await sidecarVersionRow()).toMatchObject({ status: 'good', description: `The sidecar runs the build the plugin ships (${zipBuild}).` });
	});

	test('after an update, Health names the cause and the exact restart command; running it makes Health good again', async () => {
		const before = await sidecarStatus();
		await wpOk(on(), ['plugin', 'install', newerZip, '--force']);
		const newBuild = JSON.parse(fs.readFileSync(path.join(site!.dir, 'wp-content', 'plugins', SIDECAR_JSON), 'utf8')).build;
		expect(newBuild).not.toBe(zipBuild);

		// The same process still answers, with the build it started with.
		const after = await sidecarStatus();
		expect(after).toMatchObject({ answers: true, pid: before.pid, build: zipBuild, build_on_disk: newBuild, outdated: true });
		const command = `wp media-cloud sidecar restart --path=${site!.dir}`;
		const fix = `Restart the sidecar so it runs the version the plugin ships: run \`${command}\` on this server.`;

		const row = await sidecarVersionRow();
		expect(row).toMatchObject({ status: 'critical', cause: 'sidecar_outdated', fix, details: { running: zipBuild, on_disk: newBuild, command } });
		expect(row.description).toBe(
			`The sidecar that runs is build ${zipBuild}, but the plugin on disk ships build ${newBuild}: the plugin was updated and the sidecar process was not restarted. It refuses what the new plugin sends that it does not know.`,
		);

		const json = await wp(on(), 'media-cloud health --checks=sidecar_version --format=json');
		expect(json.exit).toBe(1); // critical
		expect(JSON.parse(json.stdout).results).toEqual([
			expect.objectContaining({ test: 'sidecar_version', status: 'critical', cause: 'sidecar_outdated', fix }),
		]);
		const table = await wp(on(), 'media-cloud health --checks=sidecar_version');
		expect(table.exit).toBe(1);
		expect(table.stdout).toContain(command);
		const status = await wp(on(), 'media-cloud sidecar status');
		expect(status.exit).toBe(0);
		expect(status.stderr).toContain(`Warning: The sidecar that runs is build ${zipBuild}, but the plugin on disk ships build ${newBuild}`);
		expect(status.stderr).toContain(fix);

		// A route a newer plugin adds, and a body whose shape it changed: refused with the restart fix, worded by WordPress.
		const refusals = await wpOk(on(), [
			'eval',
			`$answers = array();
			foreach ( array( array( 'POST', '/v1/route-of-a-newer-plugin', array( 'x' => 1 ) ), array( 'POST', '/v1/offloads', array( 'uploads' => array() ) ) ) as $call ) {
				$error = \\WP_Media_Cloud\\Sidecar_Client::request( $call[0], $call[1], $call[2], 10 );
				$answers[] = is_wp_error( $error ) ? array( $error->get_error_code(), $error->get_error_message(), $error->get_error_data()['remedy'] ) : $error;
			}
			echo wp_json_encode( $answers );`,
		]);
		const [route, body] = JSON.parse(refusals.stdout) as string[][];
		expect(route).toEqual([
			'E_NOT_FOUND',
			'The running sidecar does not know the request POST /v1/route-of-a-newer-plugin: it runs another version than the plugin on disk.',
			fix,
		]);
		expect(body[0]).toBe('E_BAD_REQUEST');
		expect(body[1]).toMatch(/^The running sidecar refused the request \(storage: .*\): it probably runs another version than the plugin on disk\.$/);
		expect(body[2]).toBe(fix);

		// The Dashboard's step 1 says the same, with the command to copy.
		const setup = await fetch(`${site!.url}/wp-json/media-cloud/v1/setup`, { headers: { Authorization: auth } }).then((response) => response.json());
		expect(setup.steps[0]).toMatchObject({ id: 'sidecar', state: 'failing', fix, commands: ['restart'] });
		expect(setup.commands.restart).toBe(command);

		// Where setup installed a systemd service (none runs here: only the option setup writes says so), the fix is
		// systemd's own command.
		const unitState = "array( 'unit' => 'wp-media-cloud-127-0-0-1-8898.service' ) + get_option( 'wp_media_cloud_sidecar' )";
		await wpOk(on(), ['eval', `update_option( 'wp_media_cloud_sidecar', ${unitState} );`]);
		try {
			expect((await sidecarVersionRow()).fix).toBe(
				'Restart the sidecar so it runs the version the plugin ships: run `systemctl restart wp-media-cloud-127-0-0-1-8898.service` on this server.',
			);
		} finally {
			await wpOk(on(), ['eval', "update_option( 'wp_media_cloud_sidecar', array( 'unit' => '' ) + get_option( 'wp_media_cloud_sidecar' ) );"]);
		}

		// What the owner does: paste the command Health gave into a shell on the server.
		const shellEnv: Record<string, string | undefined> = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
		for (const name of Object.keys(shellEnv)) if (name === 'NODE_ENV' || name.startsWith('JEST')) delete shellEnv[name];
		const restarted = await promisify(execFile)('/bin/sh', ['-c', row.details!.command], { env: shellEnv, cwd: os.homedir() });
		expect(`${restarted.stdout}${restarted.stderr}`).toMatch(/Success: The sidecar runs \(pid \d+\) and answers at http:\/\/127\.0\.0\.1:8798\./);

		expect(await sidecarStatus()).toMatchObject({ answers: true, build: newBuild, build_on_disk: newBuild, outdated: false });
		expect(await sidecarVersionRow()).toMatchObject({ status: 'good', description: `The sidecar runs the build the plugin ships (${newBuild}).` });
		expect((await wp(on(), 'media-cloud health --checks=sidecar_version')).exit).toBe(0);
	});
});

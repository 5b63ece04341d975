// The installable plugin zip: WordPress' own plugin installer (what Plugins › Add New › Upload Plugin runs)
// accepts it, and the sidecar bundled inside starts with plain Node and answers signed requests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildZip } from '../../bin/build-zip';
import { sign } from '../../sidecar/src/auth/signature';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-zip-'));
let zip: string;
let sidecar: ChildProcess | undefined;

beforeAll(async () => {
	zip = await buildZip();
}, 300_000);

afterAll(() => {
	sidecar?.kill();
	fs.rmSync(installDir, { recursive: true, force: true });
});

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
	sidecar = spawn(process.execPath, [path.join(pluginDir, 'sidecar', 'main.js')], {
		cwd: os.tmpdir(),
		env: { ...process.env, WPMC_SECRET: secret, WPMC_UPLOADS_DIR: installDir, WPMC_WORDPRESS_URL: 'http://127.0.0.1:9', WPMC_PORT: String(port), WPMC_HEARTBEAT_SECONDS: '0', WPMC_DATA_DIR: path.join(installDir, 'data') },
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

// A throwaway WordPress site (SQLite) in a temporary folder, installed and driven with the real WP-CLI, for
// commands that write wp-config.php, start processes or uninstall the plugin: the shared test sites are never
// touched. The site folder is <tmp>/wordpress, so whatever goes "beside the WordPress root" stays in <tmp>.
//   const site = await makeTempSite({ plugin: 'link' });  …  await site.wp(['media-cloud', 'sidecar', 'status']);
//   site.remove();
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pluginDir } from '../../bin/dev/paths';
import { installSqliteDropin } from '../../bin/dev/sqlite-dropin';
import { CURRENT_WORDPRESS, ensureWordPressCore } from '../../bin/dev/wordpress-core';
import { WP_CLI } from '../offload/ownership-support';
import { plainWpConfig } from '../support/plain-site';

export { WP_CLI };

export interface WpResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** PHP, found once on this process's PATH: a test may run WP-CLI with another PATH (one without node). */
const onPath = (name: string) =>
	(process.env.PATH ?? '')
		.split(path.delimiter)
		.map((dir) => path.join(dir, name))
		.find((file) => fs.existsSync(file)) ?? name;
const PHP = onPath('php');
const SETPRIV = onPath('setpriv');

export interface WpOptions {
	/** Added to (or replacing) this process's environment. */
	env?: Record<string, string>;
	/** Run as this user id (and its group), through setpriv: e.g. 65534, nobody. */
	uid?: number;
}

export interface TempSite {
	/** The temporary folder holding the site (and whatever is made beside it). */
	tmp: string;
	/** The WordPress folder (ABSPATH): <tmp>/wordpress. */
	dir: string;
	url: string;
	configFile: string;
	/** Runs the real WP-CLI on the site; never throws on a non-zero exit. */
	wp(args: string[], options?: WpOptions): Promise<WpResult>;
	remove(): void;
}

/**
 * Makes and installs the site with the plugin active. `link` points the plugin folder at the checkout's plugin/
 * (so the sidecar is found as in a development checkout); `copy` copies it (for uninstall, which may delete it).
 */
export async function makeTempSite(options: { plugin: 'link' | 'copy'; port?: number }): Promise<TempSite> {
	if (!WP_CLI) throw new Error('WP-CLI not found: set WPMC_WP_CLI or put wp-cli.phar in ../shared/tools/');
	const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-temp-site-')));
	const dir = path.join(tmp, 'wordpress');
	fs.cpSync(ensureWordPressCore(CURRENT_WORDPRESS), dir, { recursive: true, verbatimSymlinks: true });
	installSqliteDropin(path.join(dir, 'wp-content'));
	fs.mkdirSync(path.join(dir, 'wp-content', 'uploads'), { recursive: true });
	const pluginTarget = path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud');
	if (options.plugin === 'link') fs.symlinkSync(pluginDir, pluginTarget, 'dir');
	else fs.cpSync(pluginDir, pluginTarget, { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) });
	// Nothing serves the site: the sidecar's heartbeats to it fail, which it only logs.
	const url = `http://127.0.0.1:${options.port ?? 8979}`;
	const configFile = path.join(dir, 'wp-config.php');
	fs.writeFileSync(configFile, plainWpConfig(url, 'temp-site'));

	const wp = async (args: string[], run: WpOptions = {}): Promise<WpResult> => {
		const command = [PHP, '-d', 'memory_limit=512M', WP_CLI!, '--allow-root', `--path=${dir}`, `--url=${url}`, ...args];
		if (run.uid !== undefined) command.unshift(SETPRIV, `--reuid=${run.uid}`, `--regid=${run.uid}`, '--clear-groups', '--');
		try {
			const { stdout, stderr } = await promisify(execFile)(command[0], command.slice(1), {
				maxBuffer: 16 * 1024 * 1024,
				env: { ...process.env, ...run.env },
				timeout: 120_000,
			});
			return { code: 0, stdout, stderr };
		} catch (error) {
			const failed = error as { code?: number; stdout?: string; stderr?: string };
			return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
		}
	};
	const site: TempSite = { tmp, dir, url, configFile, wp, remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
	for (const args of [
		[
			'core',
			'install',
			`--url=${url}`,
			'--title=Temp',
			'--admin_user=admin',
			'--admin_password=password',
			'--admin_email=admin@example.test',
			'--skip-email',
		],
		['plugin', 'activate', 'wp-media-cloud'],
	]) {
		const result = await wp(args);
		if (result.code !== 0) throw new Error(`wp ${args.join(' ')} failed on the temporary site:\n${result.stdout}\n${result.stderr}`);
	}
	return site;
}

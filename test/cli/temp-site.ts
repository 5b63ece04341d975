// A throwaway WordPress site (SQLite) in a temporary folder, installed and driven with the real WP-CLI, for
// commands that write wp-config.php, start processes or uninstall the plugin: the shared test sites are never
// touched. The site folder is <tmp>/wordpress, so whatever goes "beside the WordPress root" stays in <tmp>.
//   const site = await makeTempSite({ plugin: 'link' });  …  await site.wp(['media-cloud', 'sidecar', 'status']);
//   site.remove();
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginDir } from '../../bin/dev/paths';
import { installSqliteDropin } from '../../bin/dev/sqlite-dropin';
import { CURRENT_WORDPRESS, ensureWordPressCore } from '../../bin/dev/wordpress-core';
import { plainWpConfig } from '../support/plain-site';
import { wp as runWp, WP_CLI_MISSING, WP_CLI_PHAR, type WpOptions, type WpResult } from '../support/wp-cli';

export type { WpOptions, WpResult };

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
	if (!WP_CLI_PHAR) throw new Error(WP_CLI_MISSING);
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

	const wp = (args: string[], run: WpOptions = {}) => runWp({ dir, url }, args, run);
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
		if (result.exit !== 0) throw new Error(`wp ${args.join(' ')} failed on the temporary site:\n${result.stdout}\n${result.stderr}`);
	}
	return site;
}

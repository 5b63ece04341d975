// The SQLite database drop-in (WordPress's sqlite-database-integration), so the default site
// needs no database daemon. No Packagist or wordpress.org here: the plugin ships inside the npm
// tarball of @wp-playground/cli, which we `npm pack` (download only, no install) once.
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureDir } from './paths';
import { log, run } from './shell';

const PACKAGE = '@wp-playground/cli@^3';
export const dropinDir = path.join(cacheDir, 'sqlite-database-integration');
const PLUGIN_SLUG = 'sqlite-database-integration';

/** Returns the cached, extracted plugin folder (the one holding load.php and db.copy). */
export function ensureSqliteDropin(): string {
	if (fs.existsSync(path.join(dropinDir, 'db.copy'))) return dropinDir;
	const work = path.join(cacheDir, 'sqlite-dropin-download');
	fs.rmSync(work, { recursive: true, force: true });
	ensureDir(work);
	log(`fetching the SQLite drop-in (npm pack ${PACKAGE})`);
	const tarball = run('npm', ['pack', PACKAGE, '--silent'], { cwd: work }).trim().split('\n').pop()!;
	run('tar', ['-xzf', tarball, 'package/sqlite-database-integration.zip'], { cwd: work });
	run('unzip', ['-q', 'package/sqlite-database-integration.zip', '-d', 'unzipped'], { cwd: work });
	// The zip holds one top folder (currently "plugin-sqlite-database-integration").
	const [top] = fs.readdirSync(path.join(work, 'unzipped'));
	const partial = `${dropinDir}.partial`;
	fs.rmSync(partial, { recursive: true, force: true });
	fs.renameSync(path.join(work, 'unzipped', top), partial);
	if (!fs.existsSync(path.join(partial, 'db.copy'))) throw new Error(`${PACKAGE} no longer ships the drop-in's db.copy`);
	fs.renameSync(partial, dropinDir);
	fs.rmSync(work, { recursive: true, force: true });
	return dropinDir;
}

/** Installs the plugin into a site's wp-content and writes wp-content/db.php from db.copy. */
export function installSqliteDropin(wpContentDir: string): void {
	const pluginTarget = path.join(wpContentDir, 'plugins', PLUGIN_SLUG);
	if (!fs.existsSync(path.join(pluginTarget, 'load.php'))) {
		fs.cpSync(ensureSqliteDropin(), pluginTarget, { recursive: true });
	}
	const dbCopy = fs.readFileSync(path.join(pluginTarget, 'db.copy'), 'utf8');
	fs.writeFileSync(
		path.join(wpContentDir, 'db.php'),
		dbCopy.replaceAll('{SQLITE_IMPLEMENTATION_FOLDER_PATH}', pluginTarget).replaceAll('{SQLITE_PLUGIN}', `${PLUGIN_SLUG}/load.php`),
	);
}

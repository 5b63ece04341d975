// Debian packages the environment needs. Checked with dpkg-query first so a machine that
// already has them never runs apt (keeps warm starts fast and works without network).
import { spawnSync } from 'node:child_process';
import { isRoot, log, run } from './shell';

/** PHP 8.2 with every extension WordPress and the plugin use (Imagick for thumbnails). */
export const PHP_PACKAGES = [
	'php-cli',
	'php-sqlite3',
	'php-mysql',
	'php-gd',
	'php-imagick',
	'php-curl',
	'php-xml',
	'php-mbstring',
	'php-zip',
	'php-intl',
	'unzip',
];
export const MARIADB_PACKAGES = ['mariadb-server'];
export const BROWSER_PACKAGES = ['chromium'];

export interface SystemPackageOptions {
	/** MariaDB sites (tests); the dev site runs on SQLite and does not need it. */
	mariadb?: boolean;
	/** Browser tests only. */
	chromium?: boolean;
}

function isInstalled(name: string): boolean {
	const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
	return result.status === 0 && result.stdout.trim() === 'install ok installed';
}

export function missingPackages(names: string[]): string[] {
	return names.filter((name) => !isInstalled(name));
}

export function requiredPackages(options: SystemPackageOptions = {}): string[] {
	return [...PHP_PACKAGES, ...(options.mariadb ? MARIADB_PACKAGES : []), ...(options.chromium ? BROWSER_PACKAGES : [])];
}

/** Installs whatever is missing with apt-get (root only); a no-op when all are present. */
export function ensureSystemPackages(options: SystemPackageOptions = {}): void {
	const missing = missingPackages(requiredPackages(options));
	if (missing.length === 0) return;
	if (!isRoot()) {
		throw new Error(
			`Missing system packages: ${missing.join(' ')}\n` +
				`Installing them needs root. Run:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
		);
	}
	log(`installing system packages: ${missing.join(' ')}`);
	// Non-interactive so debconf never waits for an answer (mariadb-server asks otherwise).
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-q'], { env, inherit: true });
	run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, inherit: true });
}

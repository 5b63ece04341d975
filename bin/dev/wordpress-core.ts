// WordPress core, unmodified, without Packagist, WP-CLI or wordpress.org downloads.
//
// Debian packages current WordPress in its newer suites. We *download* (never install) the
// `wordpress` package and the packages it symlinks its bundled libraries to, using a private apt
// configuration so the system's own sources and package state are left untouched. Each suite's
// core is cached in .data/cache/wordpress-core-<suite> and copied into the sites that run it.
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureDir } from './paths';
import { log, run, warn } from './shell';

/**
 * The Debian suites a site can run. Pin the suite, not the version: a suite rolls forward
 * with security updates (and sid with new WordPress releases).
 *   sid     the current WordPress (7.1.x): the dev site, and the SQLite test site
 *   trixie  WordPress 6.8.x, the oldest version tested: the MariaDB test site
 */
export type WordPressSuite = 'sid' | 'trixie';
export const CURRENT_WORDPRESS: WordPressSuite = 'sid';
export const OLDEST_WORDPRESS: WordPressSuite = 'trixie';

export const coreDirFor = (suite: WordPressSuite) => path.join(cacheDir, `wordpress-core-${suite}`);
const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

/**
 * The Debian mirror this machine already uses, read from its apt sources, so we reach
 * exactly what the system reaches (and name no host here). WPMC_DEBIAN_MIRROR overrides it.
 */
export function systemDebianMirror(): string {
	if (process.env.WPMC_DEBIAN_MIRROR) return process.env.WPMC_DEBIAN_MIRROR;
	const candidates: string[] = [];
	const files = ['/etc/apt/sources.list'];
	const partsDir = '/etc/apt/sources.list.d';
	if (fs.existsSync(partsDir)) {
		for (const name of fs.readdirSync(partsDir)) {
			if (name.endsWith('.list') || name.endsWith('.sources')) files.push(path.join(partsDir, name));
		}
	}
	for (const file of files) {
		if (!fs.existsSync(file)) continue;
		const text = fs.readFileSync(file, 'utf8');
		// One-line format: deb [options] URI suite components
		for (const m of text.matchAll(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/gm)) {
			if (!m[2].includes('-')) candidates.push(m[1]);
		}
		// deb822 format: stanzas with URIs: and Suites:
		for (const stanza of text.split(/\n\s*\n/)) {
			const uris = /^URIs:\s*(.+)$/m.exec(stanza)?.[1].split(/\s+/) ?? [];
			const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1].split(/\s+/) ?? [];
			if (/^Types:.*\bdeb\b/m.test(stanza) && suites.some((s) => !s.includes('-'))) candidates.push(...uris);
		}
	}
	const mirror = candidates.find((uri) => /^https?:/.test(uri) && !uri.includes('security'));
	if (!mirror) {
		throw new Error('No Debian mirror found in /etc/apt/sources*; set WPMC_DEBIAN_MIRROR to one (e.g. http://<mirror>/debian)');
	}
	return mirror.replace(/\/+$/, '');
}

/** apt-get/apt-cache arguments that use only files under `dir`. */
function privateAptOptions(dir: string, suite: WordPressSuite): string[] {
	ensureDir(path.join(dir, 'lists', 'partial'));
	ensureDir(path.join(dir, 'cache', 'archives', 'partial'));
	fs.writeFileSync(path.join(dir, 'sources.list'), `deb [signed-by=${KEYRING}] ${systemDebianMirror()} ${suite} main\n`);
	return [
		'-o',
		`Dir::Etc::SourceList=${path.join(dir, 'sources.list')}`,
		'-o',
		'Dir::Etc::SourceParts=/dev/null',
		'-o',
		`Dir::State::Lists=${path.join(dir, 'lists')}`,
		'-o',
		`Dir::Cache=${path.join(dir, 'cache')}`,
		// An empty dpkg status: installed system packages must not influence what is picked.
		'-o',
		'Dir::State::status=/dev/null',
		// Downloads land in our folder, which the _apt sandbox user cannot write to.
		'-o',
		'APT::Sandbox::User=root',
		'-q',
	];
}

/** Package names from a Depends/Recommends field ("a (>= 1) | b, c" → a, b, c). */
function fieldPackages(control: string, field: string): string[] {
	const value = new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(control)?.[1] ?? '';
	return value
		.split(/[,|]/)
		.map((p) => p.trim().split(/\s/)[0])
		.filter(Boolean);
}

/**
 * Debian replaces bundled libraries with symlinks into other packages; those we downloaded
 * live under `root`. Repoint absolute links into `root` when the target is there, and drop
 * links that resolve nowhere (e.g. the CA bundle on a machine without ca-certificates:
 * WordPress then falls back to PHP's defaults).
 */
function fixSymlinks(root: string, dir: string, dropped: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) fixSymlinks(root, full, dropped);
		if (!entry.isSymbolicLink()) continue;
		const target = fs.readlinkSync(full);
		if (path.isAbsolute(target) && fs.existsSync(path.join(root, target))) {
			fs.unlinkSync(full);
			fs.symlinkSync(path.join(root, target), full);
		} else if (!fs.existsSync(full)) {
			fs.unlinkSync(full);
			dropped.push(path.relative(root, full));
		}
	}
	return dropped;
}

/** The `$wp_version` (e.g. "7.1.4") and `$wp_db_version` of a core or site folder; null without one. */
export function readWordPressVersion(dir: string): { version: string; dbVersion: number } | null {
	let text: string;
	try {
		text = fs.readFileSync(path.join(dir, 'wp-includes', 'version.php'), 'utf8');
	} catch {
		return null;
	}
	const version = /\$wp_version\s*=\s*'([^']+)'/.exec(text)?.[1];
	const dbVersion = /\$wp_db_version\s*=\s*(\d+)/.exec(text)?.[1];
	return version && dbVersion ? { version, dbVersion: Number(dbVersion) } : null;
}

/**
 * Returns the suite's cached core folder, downloading it the first time (about 10 s).
 * The default theme (twentytwentyfive) is in the core either way: trixie's `wordpress` ships it,
 * sid's only Recommends `wordpress-theme-twentytwentyfive`, which is downloaded with it.
 */
export function ensureWordPressCore(suite: WordPressSuite): string {
	const coreDir = coreDirFor(suite);
	if (readWordPressVersion(coreDir)) return coreDir;
	// The single cache of earlier versions of this script (always trixie): superseded by the per-suite ones.
	fs.rmSync(path.join(cacheDir, 'wordpress-core'), { recursive: true, force: true });
	const work = path.join(cacheDir, `wordpress-download-${suite}`);
	fs.rmSync(work, { recursive: true, force: true });
	const apt = privateAptOptions(ensureDir(work), suite);
	log(`downloading WordPress core from Debian ${suite}`);
	run('apt-get', [...apt, 'update']);
	const control = run('apt-cache', [...apt, 'show', '--no-all-versions', `wordpress/${suite}`]);
	// The libraries it links to, plus the default theme (a separate package in newer suites).
	const wanted = new Set([
		'wordpress',
		...fieldPackages(control, 'Depends').filter((p) => /^(libjs-|libphp-|php-getid3$)/.test(p)),
		...fieldPackages(control, 'Recommends').filter((p) => p.startsWith('wordpress-theme-')),
	]);
	const debs = ensureDir(path.join(work, 'debs'));
	run('apt-get', [...apt, 'download', ...[...wanted].map((p) => `${p}/${suite}`)], { cwd: debs });
	const root = ensureDir(path.join(work, 'root'));
	for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
		run('dpkg-deb', ['-x', path.join(debs, deb), root]);
	}
	const source = path.join(root, 'usr', 'share', 'wordpress');
	fs.rmSync(path.join(source, '.htaccess'), { force: true });
	// A library link that resolves nowhere means a package is missing from `wanted` (a new Depends).
	const missing = fixSymlinks(root, source).filter((file) => !file.includes('/certificates/'));
	if (missing.length) warn(`WordPress from Debian ${suite}: no target for ${missing.join(', ')}`);
	// Copy to a temporary name and rename, so an interrupted run never leaves a half core.
	const partial = `${coreDir}.partial`;
	fs.rmSync(partial, { recursive: true, force: true });
	run('cp', ['-rL', source, partial]);
	fs.rmSync(path.join(partial, 'wp-config.php'), { force: true }); // Debian's, reads /etc/wordpress
	const defaultTheme = /define\(\s*'WP_DEFAULT_THEME',\s*'([^']+)'/.exec(
		fs.readFileSync(path.join(partial, 'wp-includes', 'default-constants.php'), 'utf8'),
	)?.[1];
	if (defaultTheme && !fs.existsSync(path.join(partial, 'wp-content', 'themes', defaultTheme, 'style.css'))) {
		throw new Error(`WordPress from Debian ${suite} lacks its default theme ${defaultTheme}: which package ships it now?`);
	}
	fs.renameSync(partial, coreDir);
	fs.rmSync(work, { recursive: true, force: true });
	log(`WordPress ${readWordPressVersion(coreDir)?.version} (Debian ${suite}) cached in ${path.relative(process.cwd(), coreDir) || coreDir}`);
	return coreDir;
}

// WordPress core, unmodified, without Packagist, WP-CLI or wordpress.org downloads.
//
// Debian packages current WordPress in its newer suites. We *download* (never install) the
// `wordpress` package and the packages it symlinks its bundled libraries to, using a private apt
// configuration so the system's own sources and package state are left untouched. The result
// is cached in .data/cache/wordpress-core and copied into each site.
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureDir } from './paths';
import { log, run } from './shell';

/** Pin the suite, not the version: the suite rolls forward with security updates. */
export const WORDPRESS_SUITE = 'trixie';
export const coreDir = path.join(cacheDir, 'wordpress-core');
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
function privateAptOptions(dir: string): string[] {
  ensureDir(path.join(dir, 'lists', 'partial'));
  ensureDir(path.join(dir, 'cache', 'archives', 'partial'));
  fs.writeFileSync(
    path.join(dir, 'sources.list'),
    `deb [signed-by=${KEYRING}] ${systemDebianMirror()} ${WORDPRESS_SUITE} main\n`,
  );
  return [
    '-o', `Dir::Etc::SourceList=${path.join(dir, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${path.join(dir, 'lists')}`,
    '-o', `Dir::Cache=${path.join(dir, 'cache')}`,
    // An empty dpkg status: installed system packages must not influence what is picked.
    '-o', 'Dir::State::status=/dev/null',
    // Downloads land in our folder, which the _apt sandbox user cannot write to.
    '-o', 'APT::Sandbox::User=root',
    '-q',
  ];
}

/** Package names from a Depends/Recommends field ("a (>= 1) | b, c" → a, b, c). */
function fieldPackages(control: string, field: string): string[] {
  const value = new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(control)?.[1] ?? '';
  return value.split(/[,|]/).map((p) => p.trim().split(/\s/)[0]).filter(Boolean);
}

/**
 * Debian replaces bundled libraries with symlinks into other packages; those we downloaded
 * live under `root`. Repoint absolute links into `root` when the target is there, and drop
 * links that resolve nowhere (e.g. the CA bundle on a machine without ca-certificates:
 * WordPress then falls back to PHP's defaults).
 */
function fixSymlinks(root: string, dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) fixSymlinks(root, full);
    if (!entry.isSymbolicLink()) continue;
    const target = fs.readlinkSync(full);
    if (path.isAbsolute(target) && fs.existsSync(path.join(root, target))) {
      fs.unlinkSync(full);
      fs.symlinkSync(path.join(root, target), full);
    } else if (!fs.existsSync(full)) {
      fs.unlinkSync(full);
    }
  }
}

/** Returns the cached core folder, downloading it the first time (about 10 s). */
export function ensureWordPressCore(): string {
  if (fs.existsSync(path.join(coreDir, 'wp-includes', 'version.php'))) return coreDir;
  const work = path.join(cacheDir, 'wordpress-download');
  fs.rmSync(work, { recursive: true, force: true });
  const apt = privateAptOptions(ensureDir(work));
  log(`downloading WordPress core from Debian ${WORDPRESS_SUITE}`);
  run('apt-get', [...apt, 'update']);
  const control = run('apt-cache', [...apt, 'show', '--no-all-versions', `wordpress/${WORDPRESS_SUITE}`]);
  // The libraries it links to, plus the default theme (a separate package in newer suites).
  const wanted = [
    'wordpress',
    ...fieldPackages(control, 'Depends').filter((p) => /^(libjs-|libphp-|php-getid3$)/.test(p)),
    ...fieldPackages(control, 'Recommends').filter((p) => p.startsWith('wordpress-theme-')),
  ];
  const debs = ensureDir(path.join(work, 'debs'));
  run('apt-get', [...apt, 'download', ...wanted.map((p) => `${p}/${WORDPRESS_SUITE}`)], { cwd: debs });
  const root = ensureDir(path.join(work, 'root'));
  for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
    run('dpkg-deb', ['-x', path.join(debs, deb), root]);
  }
  const source = path.join(root, 'usr', 'share', 'wordpress');
  fs.rmSync(path.join(source, '.htaccess'), { force: true });
  fixSymlinks(root, source);
  // Copy to a temporary name and rename, so an interrupted run never leaves a half core.
  const partial = `${coreDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  run('cp', ['-rL', source, partial]);
  fs.rmSync(path.join(partial, 'wp-config.php'), { force: true }); // Debian's, reads /etc/wordpress
  fs.renameSync(partial, coreDir);
  fs.rmSync(work, { recursive: true, force: true });
  const version = /\$wp_version = '([^']+)'/.exec(
    fs.readFileSync(path.join(coreDir, 'wp-includes', 'version.php'), 'utf8'),
  )?.[1];
  log(`WordPress ${version} cached in ${path.relative(process.cwd(), coreDir) || coreDir}`);
  return coreDir;
}

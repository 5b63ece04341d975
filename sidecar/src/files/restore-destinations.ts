import { lstat, mkdir, realpath, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SidecarError } from '../errors';
import type { Message } from '../messages';
import { sayFiles } from './files-messages';

/**
 * Where a restored file goes, checked before anything of its attachment is written: the real path of the
 * deepest folder that exists (inside the real uploads folder), the folders still to be made below it, and
 * whether the file is already on disk.
 */
export interface Destination {
	relativePath: string;
	name: string;
	/** Real path of the deepest existing folder on the way; the file's folder when `missingDirs` is empty. */
	existingDir: string;
	/** Folders to create below `existingDir`, outermost first. */
	missingDirs: string[];
	/** A file (or a symlink to a file inside uploads) is already there: left alone, nothing written. */
	onDisk: boolean;
}

/** Why a path or a name is refused: in English, and as its code for WordPress (files-messages.ts). */
export interface Refusal {
	text: string;
	said: Message;
}

const LEAVES_UPLOADS: Refusal = { text: 'the path leaves the uploads folder', said: sayFiles('files.why.leaves_uploads') };

const outside = (relativePath: string, why: Refusal) =>
	new SidecarError(
		'E_PATH_OUTSIDE_UPLOADS',
		`Refused to write "${relativePath}": ${why.text}.`,
		'Only files inside wp-content/uploads are restored, never through a symlink that leads elsewhere. Remove the symlink (or fix the attachment metadata), then run this again.',
		{ said: { message: sayFiles('files.write_outside', { path: relativePath, why: why.said }), remedy: sayFiles('files.write_outside.fix') } },
	);

/**
 * Names a web server may run, or read as its configuration, are never written, whatever a record lists: a
 * record (postmeta any plugin can write) must not be a way to put code on the server through download back.
 * WordPress never makes such names for media: sanitize_file_name() trims leading dots and puts an underscore
 * after every inner extension it does not allow (`a.php.jpg` becomes `a.php_.jpg`), and the default
 * upload_mimes allows none of these extensions.
 * - Any name starting with a dot: `.htaccess`, `.htpasswd`, `.user.ini` (PHP-FPM's per-folder ini, which can
 *   `auto_prepend_file` any file), `.env`.
 * - `web.config` (IIS) and `php.ini` (per-folder on CGI hosts).
 * - Executable extensions anywhere in the name, not only the last one: Apache's mod_mime applies a handler to
 *   every extension of a name (`shell.php.jpg` runs as PHP under `AddHandler`). PHP under its old and
 *   alternative extensions, Phar archives, CGI and the scripts hosts run as CGI (Perl, Python, shell),
 *   server-side includes, ASP and JSP.
 */
const SERVER_CONFIG_NAMES = new Set(['web.config', 'php.ini']);
const EXECUTABLE_EXTENSIONS = new Set([
	...['php', 'php3', 'php4', 'php5', 'php7', 'php8', 'pht', 'phtml', 'phar', 'phps'],
	...['cgi', 'fcgi', 'pl', 'py', 'sh'],
	...['shtml', 'asp', 'aspx', 'jsp'],
]);

/** Why `name` is refused, or null when it may be written. */
export function refusedNameReason(name: string): Refusal | null {
	const lower = name.trim().toLowerCase();
	if (lower.startsWith('.')) {
		return { text: 'a name starting with a dot configures the web server (.htaccess, .user.ini) or hides a file', said: sayFiles('files.why.dot_name') };
	}
	if (SERVER_CONFIG_NAMES.has(lower)) return { text: `${lower} configures the web server`, said: sayFiles('files.why.server_config', { name: lower }) };
	const executable = lower
		.split('.')
		.slice(1)
		.map((part) => part.trim())
		.find((part) => EXECUTABLE_EXTENSIONS.has(part));
	return executable ? { text: `.${executable} files can be run by the web server`, said: sayFiles('files.why.executable', { extension: executable }) } : null;
}

const refusedName = (relativePath: string, key: string, why: Refusal) =>
	new SidecarError(
		'E_FORBIDDEN_NAME',
		`Refused to write "${relativePath}" from the bucket: ${why.text}. Nothing of this attachment was written.`,
		`Media Cloud never writes files a web server could run or read as configuration. If the file really belongs to the attachment, download the object "${key}" yourself, check it, and put it in place by hand; otherwise remove it from the attachment's metadata.`,
		{ said: { message: sayFiles('files.forbidden_name', { path: relativePath, why: why.said }), remedy: sayFiles('files.forbidden_name.fix', { key }) } },
	);

/**
 * Checks one file's destination and returns it; throws when it would write outside the uploads folder
 * (absolute, `..`, a symlinked folder leading elsewhere, a symlink in the file's own place) or a refused name.
 */
export async function checkDestination(root: string, realRoot: string, relativePath: string, key: string): Promise<Destination> {
	if (relativePath.includes('\0') || path.isAbsolute(relativePath)) throw outside(relativePath, LEAVES_UPLOADS);
	const target = path.resolve(root, relativePath);
	if (!isInside(root, target)) throw outside(relativePath, LEAVES_UPLOADS);
	const name = path.basename(target);
	const refused = refusedNameReason(name);
	if (refused) throw refusedName(relativePath, key, refused);

	// The deepest folder that exists decides: its real path must be inside the real uploads folder. The folders
	// below it do not exist yet and are made by us, one by one (makeFolders).
	const missingDirs: string[] = [];
	let dir = path.dirname(target);
	let existingDir: string;
	for (;;) {
		try {
			existingDir = await realpath(dir);
			break;
		} catch {
			if (dir === root) throw outside(relativePath, { text: 'the uploads folder does not exist', said: sayFiles('files.why.no_uploads_folder') });
			missingDirs.unshift(path.basename(dir));
			dir = path.dirname(dir);
		}
	}
	if (existingDir !== realRoot && !isInside(realRoot, existingDir))
		throw outside(relativePath, {
			text: 'a folder on the way is a symlink that leads outside the uploads folder',
			said: sayFiles('files.why.folder_symlink_outside'),
		});
	if (missingDirs.length > 0) return { relativePath, name, existingDir, missingDirs, onDisk: false };
	return { relativePath, name, existingDir, missingDirs, onDisk: await alreadyOnDisk(path.join(existingDir, name), realRoot, relativePath) };
}

/** True for a file already in place; a symlink counts only when it is one to a file inside uploads (as the read path accepts). */
async function alreadyOnDisk(file: string, realRoot: string, relativePath: string): Promise<boolean> {
	let info;
	try {
		info = await lstat(file);
	} catch {
		return false;
	}
	if (info.isFile()) return true;
	if (info.isSymbolicLink()) {
		const real = await realpath(file).catch(() => null);
		if (real && isInside(realRoot, real) && (await stat(real)).isFile()) return true;
		throw outside(
			relativePath,
			real
				? { text: 'the file is a symlink that leads outside the uploads folder', said: sayFiles('files.why.file_symlink_outside') }
				: { text: 'the file is a symlink to a file that does not exist', said: sayFiles('files.why.dangling_symlink') },
		);
	}
	throw new SidecarError(
		'E_BAD_REQUEST',
		`Refused to write "${relativePath}": something other than a file (a folder?) has that name.`,
		'Move it away or fix the attachment metadata, then run this again.',
		{ said: { message: sayFiles('files.not_a_file', { path: relativePath }), remedy: sayFiles('files.not_a_file.fix') } },
	);
}

/**
 * Makes the folders a destination still lacks, one at a time from its existing real folder, so that none of
 * them can be a symlink someone put there since the check: a folder found in the way must be a real folder.
 * Returns the real folder the file goes in. Folders this restore made are added to `made` (to remove them again
 * if the restore fails).
 */
export async function makeFolders(destination: Destination, realRoot: string, made: string[]): Promise<string> {
	let dir = destination.existingDir;
	for (const part of destination.missingDirs) {
		dir = path.join(dir, part);
		try {
			await mkdir(dir);
			made.push(dir);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const info = await lstat(dir);
			if (!info.isDirectory()) {
				throw outside(
					destination.relativePath,
					info.isSymbolicLink()
						? { text: `"${part}" on the way is a symlink`, said: sayFiles('files.why.part_is_symlink', { part }) }
						: { text: `"${part}" on the way is not a folder`, said: sayFiles('files.why.part_not_folder', { part }) },
				);
			}
		}
	}
	await assertStillInside(dir, realRoot, destination.relativePath);
	return dir;
}

/** The folder's real path is still itself and inside uploads: nothing on the way was swapped for a symlink since the check. */
export async function assertStillInside(dir: string, realRoot: string, relativePath: string): Promise<void> {
	const real = await realpath(dir).catch(() => null);
	if (real !== dir || (real !== realRoot && !isInside(realRoot, real))) {
		throw outside(relativePath, {
			text: 'a folder on the way was replaced (by a symlink?) while the file was restored',
			said: sayFiles('files.why.folder_replaced'),
		});
	}
}

/** Removes the folders a failed restore made, deepest first; a folder something else has put files in stays. */
export async function removeFolders(made: string[]): Promise<void> {
	for (const dir of [...made].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
}

export function isInside(root: string, candidate: string): boolean {
	const relative = path.relative(root, candidate);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

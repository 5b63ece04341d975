import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SidecarError } from './errors';

export interface LocalFile {
	/** Path relative to the uploads folder, as WordPress stores it (`2026/11/photo.jpg`). */
	relativePath: string;
	absolutePath: string;
	size: number;
}

const outside = (relativePath: string) =>
	new SidecarError(
		'E_PATH_OUTSIDE_UPLOADS',
		`Refused to read "${relativePath}": the path leaves the uploads folder.`,
		'Only files inside wp-content/uploads can be offloaded. Check WPMC_UPLOADS_DIR and the attachment metadata.',
	);

/**
 * Resolves a WordPress-relative upload path to a file inside the uploads folder, refusing anything that
 * escapes it: absolute paths, `..` segments and symlinks pointing elsewhere.
 */
export async function resolveUploadFile(uploadsDir: string, relativePath: string): Promise<LocalFile> {
	if (typeof relativePath !== 'string' || relativePath === '' || relativePath.includes('\0') || path.isAbsolute(relativePath)) {
		throw outside(String(relativePath));
	}
	const candidate = path.resolve(uploadsDir, relativePath);
	if (!isInside(uploadsDir, candidate)) throw outside(relativePath);

	let real: string;
	try {
		real = await realpath(candidate);
	} catch {
		throw new SidecarError(
			'E_FILE_MISSING',
			`The file "${relativePath}" does not exist in the uploads folder.`,
			'Restore the file from a backup, or regenerate the image sizes, then offload the attachment again.',
		);
	}
	const realRoot = await realUploadsRoot(uploadsDir);
	if (!isInside(realRoot, real)) throw outside(relativePath);

	const info = await stat(real);
	if (!info.isFile()) throw outside(relativePath);
	return { relativePath, absolutePath: real, size: info.size };
}

/** The uploads folder's real path, resolved once: a migration checks thousands of files against it. */
const realRoots = new Map<string, Promise<string>>();
function realUploadsRoot(uploadsDir: string): Promise<string> {
	let root = realRoots.get(uploadsDir);
	if (!root) {
		root = realpath(uploadsDir);
		root.catch(() => realRoots.delete(uploadsDir));
		realRoots.set(uploadsDir, root);
	}
	return root;
}

function isInside(root: string, candidate: string): boolean {
	const relative = path.relative(root, candidate);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

// dist/wp-media-cloud.zip for tests that install the plugin as a person does: reused when it is newer than every
// source it is made from, else built (as `npm run build:zip`). Cold, the six native modules take about two minutes
// (cached in .data/native/ afterwards); warm, a build is the admin UI (when changed) and esbuild.
import fs from 'node:fs';
import path from 'node:path';
import { buildZip, zipPath } from '../../bin/build-zip';
import { repoRoot } from '../../bin/dev/paths';
import { ensureAdminBuild } from './admin-build';

/** Newest modification time of the files a zip is made from (dot files stay out of the zip, so here too). */
function newestSource(): number {
	let newest = 0;
	const visit = (file: string) => {
		if (!fs.existsSync(file)) return;
		const stat = fs.statSync(file);
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(file)) if (!entry.startsWith('.')) visit(path.join(file, entry));
		} else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const part of [
		'plugin',
		'admin-ui/src',
		'sidecar/src',
		'sidecar/package.json',
		'bin/build-zip.ts',
		'bin/build-sidecar.ts',
		'bin/native',
		'package-lock.json',
	]) {
		visit(path.join(repoRoot, part));
	}
	return newest;
}

/** dist/wp-media-cloud.zip: reused when newer than every source it is made from, else built (as npm run build:zip). */
export async function pluginZip(): Promise<{ file: string; built: boolean }> {
	// A production build of the admin UI first when admin-ui/src changed (jest's NODE_ENV would make a development one).
	ensureAdminBuild();
	if (fs.existsSync(zipPath) && fs.statSync(zipPath).mtimeMs > newestSource()) return { file: zipPath, built: false };
	return { file: await buildZip(), built: true };
}

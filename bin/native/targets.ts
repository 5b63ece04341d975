// The Node.js lines and architectures the plugin zip's sidecar runs on. better-sqlite3 is a native addon
// compiled against one Node module ABI (process.versions.modules), which is fixed for a whole major line: one
// build per line and architecture covers every 20.x, 22.x or 24.x release. The versions below only say which
// release's headers (and, in tests, which `node` binary) are used; bump them freely within a line.
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../dev/paths';

export interface NodeLine {
	major: number;
	/** The release whose headers the build compiles against (npm packages node-linux-<arch>@<version>). */
	version: string;
	/** NODE_MODULE_VERSION of the line: the folder name the sidecar looks for. */
	abi: number;
}

export type Arch = 'x64' | 'arm64';

export const NODE_LINES: readonly NodeLine[] = [
	{ major: 20, version: '20.20.2', abi: 115 },
	{ major: 22, version: '22.23.5', abi: 127 },
	{ major: 24, version: '24.22.3', abi: 137 },
];

export const ARCHES: readonly Arch[] = ['x64', 'arm64'];

export interface NativeTarget {
	line: NodeLine;
	arch: Arch;
	/** `node-v<abi>-linux-<arch>`: the folder under the sidecar's native/ (prebuild naming). */
	folder: string;
}

export function nativeFolder(abi: number, arch: string, platform = 'linux'): string {
	return `node-v${abi}-${platform}-${arch}`;
}

export const NATIVE_TARGETS: readonly NativeTarget[] = NODE_LINES.flatMap((line) =>
	ARCHES.map((arch) => ({ line, arch, folder: nativeFolder(line.abi, arch) })),
);

export function nodeLine(major: number): NodeLine {
	const line = NODE_LINES.find((candidate) => candidate.major === major);
	if (!line) throw new Error(`Node ${major} is not one of the lines the zip supports (${NODE_LINES.map((l) => l.major).join(', ')})`);
	return line;
}

/** Everything downloaded or built for the zip's native modules (git-ignored, survives between builds). */
export const nativeCacheDir = path.join(dataDir, 'native');

export function ensureDir(dir: string): string {
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

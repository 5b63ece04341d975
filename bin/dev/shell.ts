// Small wrappers around child_process for the one-shot commands of the setup steps
// (apt-get, dpkg-deb, npm pack, unzip, php scripts). Long-running servers go through processes.ts.
import { spawnSync, spawn } from 'node:child_process';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Show the command's output live (long steps such as apt-get), instead of capturing it. */
	inherit?: boolean;
}

export function log(message: string): void {
	process.stdout.write(`[dev] ${message}\n`);
}

export function warn(message: string): void {
	process.stderr.write(`[dev] warning: ${message}\n`);
}

function describe(cmd: string, args: string[]): string {
	return [cmd, ...args].join(' ');
}

/** Runs a command to completion; returns its stdout, throws with its output when it fails. */
export function run(cmd: string, args: string[], options: RunOptions = {}): string {
	const result = spawnSync(cmd, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		encoding: 'utf8',
		stdio: options.inherit ? 'inherit' : 'pipe',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.error) throw new Error(`${describe(cmd, args)}: ${result.error.message}`);
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
		throw new Error(`${describe(cmd, args)} exited with ${result.status ?? result.signal}\n${output}`);
	}
	return result.stdout ?? '';
}

/** Async variant that never blocks the event loop (used by wpEval, which tests call a lot). */
export function runAsync(cmd: string, args: string[], options: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', (error) => reject(new Error(`${describe(cmd, args)}: ${error.message}`)));
		child.on('close', (code, signal) => {
			if (code === 0) resolve({ stdout, stderr });
			else reject(new Error(`${describe(cmd, args)} exited with ${code ?? signal}\n${stdout}${stderr}`.trim()));
		});
	});
}

export function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

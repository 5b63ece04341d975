// The one way tests run WP-CLI: the real WP-CLI 2.10 phar, from WP_CLI_PHAR, else ../shared/tools/wp-cli.phar beside
// the project (CI has it). A test sees what a user sees: stdout, stderr and the exit code.
//   const site = getSite('sqlite');
//   const { exit, stdout, stderr } = await wp(site, 'media-cloud health --format=json');
//   withWpCli(describe, 'the migration commands')('wp media-cloud …', () => { … });  // skipped, saying why, without the phar
// WP-CLI is not in Debian and not on npm: without the phar the tests that need it are skipped, never failed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findWpCliPhar, WP_CLI_NOT_FOUND } from '../../bin/dev/wp-cli-phar';

/** The phar, or undefined when neither WP_CLI_PHAR nor ../shared/tools/wp-cli.phar exists. */
export const WP_CLI_PHAR = findWpCliPhar();

export const WP_CLI_MISSING = WP_CLI_NOT_FOUND;

/**
 * `block` (describe or test) when the real WP-CLI is there, else its `.skip`, with the reason on stderr:
 *   withWpCli(test, 'the health command')('…', async () => { … });
 */
export function withWpCli<T extends jest.Describe | jest.It>(block: T, what: string): T {
	if (WP_CLI_PHAR) return block;
	process.stderr.write(`[test] ${WP_CLI_MISSING}: ${what} skipped\n`);
	return block.skip as T;
}

export interface WpResult {
	exit: number;
	stdout: string;
	stderr: string;
}

export interface WpOptions {
	/** Added to (or replacing) this process's environment, e.g. SHELL_PIPE=0 to draw progress bars into a pipe. */
	env?: Record<string, string>;
	/** Run as this user id (and its group), through setpriv: e.g. 65534, nobody. */
	uid?: number;
}

/** Where WP-CLI runs: the WordPress folder, and the URL it pretends the request came from. */
export interface WpTarget {
	dir: string;
	url?: string;
}

/** Found once on this process's PATH: a test may run WP-CLI with another PATH (e.g. one without node). */
const onPath = (name: string) =>
	(process.env.PATH ?? '')
		.split(path.delimiter)
		.map((dir) => path.join(dir, name))
		.find((file) => fs.existsSync(file)) ?? name;
const PHP = onPath('php');
const SETPRIV = onPath('setpriv');

/**
 * Runs `wp <args>` as root (`--allow-root`, as in CI) on the site; never rejects on a non-zero exit. A string is
 * split on spaces; pass an array for arguments holding spaces.
 */
export function wp(target: WpTarget, args: string | string[], options: WpOptions = {}): Promise<WpResult> {
	if (!WP_CLI_PHAR) throw new Error(WP_CLI_MISSING);
	const words = typeof args === 'string' ? args.split(' ').filter(Boolean) : args;
	const command = [
		PHP,
		'-d',
		'memory_limit=512M',
		WP_CLI_PHAR,
		'--allow-root',
		`--path=${target.dir}`,
		...(target.url ? [`--url=${target.url}`] : []),
		...words,
	];
	if (options.uid !== undefined) command.unshift(SETPRIV, `--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups', '--');
	// `wp help` pipes through a pager (less) and wraps at the terminal's width: plain and 80 columns here.
	const env = { ...process.env, PAGER: 'cat', COLUMNS: '80', ...options.env };
	return new Promise((resolve) => {
		// No timeout: a command follows a run for as long as it takes on a loaded machine; jest's test timeout bounds it.
		execFile(command[0], command.slice(1), { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			const code = (error as { code?: unknown } | null)?.code;
			resolve({
				exit: error ? (typeof code === 'number' ? code : -1) : 0,
				stdout,
				stderr: error && typeof code !== 'number' ? `${stderr}${error.message}` : stderr,
			});
		});
	});
}

/** Like wp(), but rejects with the output unless the command exits 0. */
export async function wpOk(target: WpTarget, args: string | string[], options: WpOptions = {}): Promise<WpResult> {
	const result = await wp(target, args, options);
	if (result.exit !== 0) {
		const line = typeof args === 'string' ? args : args.join(' ');
		throw new Error(`wp ${line} exited ${result.exit}:\n${result.stdout}\n${result.stderr}`);
	}
	return result;
}

/** WP-CLI's message lines of one kind ("Success", "Warning", "Error") in an output, without the label. */
export const messages = (output: string, kind: 'Success' | 'Warning' | 'Error') =>
	output
		.split('\n')
		.filter((line) => line.startsWith(`${kind}: `))
		.map((line) => line.slice(kind.length + 2));

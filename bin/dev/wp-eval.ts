// wpEval: run PHP inside a site's loaded WordPress and get the result back as JSON.
// This stands in for WP-CLI (`wp eval`), which cannot be installed here.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAsync } from './shell';

/** The PHP settings every PHP process of a site runs with (server, installer, wpEval). */
export const PHP_INI_FLAGS = ['-d', 'memory_limit=512M', '-d', 'upload_max_filesize=64M', '-d', 'post_max_size=64M'];

export interface WpSiteRef {
	/** Folder holding wp-load.php. */
	dir: string;
	/** Site URL, e.g. http://127.0.0.1:8888 (gives WordPress the HTTP_HOST it expects). */
	url: string;
}

const MARKER = '\n<<<WPMC-EVAL-RESULT>>>\n';

export interface WpEvalOptions {
	/** Code to run before wp-load.php (e.g. `define('WP_INSTALLING', true);`). */
	before?: string;
	/** Extra environment variables, readable in PHP with getenv(). */
	env?: Record<string, string>;
}

/**
 * Runs `php` inside WordPress and resolves with its JSON-decoded return value.
 * The code runs at global scope (`$wpdb` and friends are in reach) and hands back its result
 * with `return …;` — without one, PHP's include yields 1. Anything the code prints is ignored;
 * a PHP fatal error or exception rejects with PHP's output.
 */
export async function wpEval<T = unknown>(site: WpSiteRef, php: string, options: WpEvalOptions = {}): Promise<T> {
	const url = new URL(site.url);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-eval-'));
	const codeFile = path.join(tmp, 'code.php');
	const runner = path.join(tmp, 'runner.php');
	fs.writeFileSync(codeFile, `<?php\n${php}\n`);
	fs.writeFileSync(
		runner,
		`<?php
// WordPress reads these when building URLs and cookies; the CLI does not set them.
$_SERVER['HTTP_HOST'] = ${JSON.stringify(url.host)};
$_SERVER['SERVER_NAME'] = ${JSON.stringify(url.hostname)};
$_SERVER['SERVER_PORT'] = ${JSON.stringify(url.port || '80')};
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
${options.before ?? ''}
require ${JSON.stringify(path.join(site.dir, 'wp-load.php'))};
$__wpmc_result = include ${JSON.stringify(codeFile)};
echo ${JSON.stringify(MARKER)}, json_encode($__wpmc_result, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
`,
	);
	try {
		const { stdout } = await runAsync('php', [...PHP_INI_FLAGS, runner], {
			cwd: site.dir,
			env: { ...process.env, ...options.env },
		});
		const at = stdout.lastIndexOf(MARKER);
		if (at < 0) throw new Error(`wpEval: the PHP code ended the script before returning (exit/die?). Output:\n${stdout}`);
		return JSON.parse(stdout.slice(at + MARKER.length)) as T;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** A PHP string literal for a JS value (JSON-decoded on the PHP side: safe for any content). */
export function phpValue(value: unknown): string {
	const b64 = Buffer.from(JSON.stringify(value)).toString('base64');
	return `json_decode(base64_decode('${b64}'), true)`;
}

/** Random hex string, e.g. for shared secrets. */
export function randomHex(bytes: number): string {
	return crypto.randomBytes(bytes).toString('hex');
}

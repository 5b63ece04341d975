// `wp …` commands run inside the real WordPress through a recording stand-in for WP-CLI's output API
// (WP-CLI cannot be installed here): what a command printed, and its exit code.
import path from 'node:path';
import { wpEval, type TestSite } from './stack';

const STAND_IN = path.join(__dirname, 'wp-cli-stand-in.php');

export interface Printed {
	type: string;
	message?: string;
	items?: Array<Record<string, unknown>>;
	count?: number;
	ticks?: number;
}

export async function wp(site: TestSite, commandLine: string): Promise<{ exit: number; output: Printed[] }> {
	return wpEval(site, `return WP_CLI_Stand_In::run( ${JSON.stringify(commandLine)} );`, {
		before: `define( 'WP_CLI', true ); require ${JSON.stringify(STAND_IN)};`,
	});
}

/** The messages of one kind (line, success, warning, error) a command printed, in order. */
export const messages = (output: Printed[], type: string) => output.filter((entry) => entry.type === type).map((entry) => entry.message ?? '');

/** Loads WordPress as WP-CLI would, to read what the stand-in registered. */
export function wpCliEval<T>(site: TestSite, php: string): Promise<T> {
	return wpEval<T>(site, php, { before: `define( 'WP_CLI', true ); require ${JSON.stringify(STAND_IN)};` });
}

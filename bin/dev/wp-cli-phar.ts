// Where the real WP-CLI is: WP_CLI_PHAR, else ../shared/tools/wp-cli.phar beside the project (CI has it there).
// WP-CLI is not in Debian and not on npm, so whatever needs it (tests, the .pot build, benchmarks) looks here and,
// without it, says so in these words.
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.join(__dirname, '..', '..');

export const WP_CLI_NOT_FOUND = 'WP-CLI not found: set WP_CLI_PHAR or put wp-cli.phar at ../shared/tools';

/** The phar's path, or undefined when neither place has it. */
export function findWpCliPhar(): string | undefined {
	return [process.env.WP_CLI_PHAR, path.join(repoRoot, '..', 'shared', 'tools', 'wp-cli.phar')].find((file): file is string => !!file && fs.existsSync(file));
}

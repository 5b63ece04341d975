// The database of a test network: SQLite in its own folder (the drop-in), or a database of its own on the test
// stack's MariaDB (:3391), next to the shared test-maria site's and never touching it: created fresh for each
// network and dropped with it. Root reaches that MariaDB over its socket without a password (bin/dev/mariadb.ts).
import { mariaDbInfo } from '../../bin/dev/mariadb';
import { run } from '../../bin/dev/shell';
import { installSqliteDropin } from '../../bin/dev/sqlite-dropin';

export type NetworkDatabase = 'sqlite' | 'mariadb';

/** The stack's MariaDB (test/support/stack-file.ts: test-maria, port 3391): the server, its socket and its user. */
const STACK_MARIADB = mariaDbInfo('test-maria', 3391);

const databaseOf = (network: string) => `wp_${network.replace(/[^a-zA-Z0-9]/g, '_')}`;

function asRoot(sql: string): void {
	run('mariadb', ['--no-defaults', `--socket=${STACK_MARIADB.socket}`, '-uroot', '-e', sql]);
}

/**
 * Makes the network's database and answers wp-config.php with its DB_* lines: `config` is plainWpConfig()'s
 * text, whose SQLite lines are replaced for MariaDB.
 */
export function prepareDatabase(kind: NetworkDatabase, network: string, wpContent: string, config: string): string {
	if (kind === 'sqlite') {
		installSqliteDropin(wpContent);
		return config;
	}
	const database = databaseOf(network);
	asRoot(
		`DROP DATABASE IF EXISTS \`${database}\`; CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;` +
			`GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${STACK_MARIADB.user}'@'%';`,
	);
	const lines = [
		`define( 'DB_NAME', '${database}' );`,
		`define( 'DB_USER', '${STACK_MARIADB.user}' );`,
		`define( 'DB_PASSWORD', '${STACK_MARIADB.password}' );`,
		`define( 'DB_HOST', '${STACK_MARIADB.host}:${STACK_MARIADB.port}' );`,
	].join('\n');
	const replaced = config.replace(
		/\/\/ SQLite through the drop-in[^\n]*\n(?:define\( '(?:DB_DIR|DB_FILE|DB_NAME|DB_USER|DB_PASSWORD|DB_HOST)'[^\n]*\n)+/,
		`${lines}\n`,
	);
	if (replaced === config) throw new Error('wp-config.php of the network has no SQLite lines to replace (test/support/plain-site.ts changed?).');
	return replaced;
}

export function dropDatabase(kind: NetworkDatabase, network: string): void {
	if (kind === 'mariadb') asRoot(`DROP DATABASE IF EXISTS \`${databaseOf(network)}\`;`);
}

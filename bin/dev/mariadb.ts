// A private MariaDB server per site (production-like database for tests), entirely under
// .data/mariadb/<name>: its own datadir and socket, bound to 127.0.0.1 on a port we choose,
// started without systemd and without reading the system's /etc/mysql configuration.
import fs from 'node:fs';
import path from 'node:path';
import { ensureDir, mariadbDir } from './paths';
import { isServerRunning, startServer } from './processes';
import { isRoot, log, run } from './shell';

export interface MariaDbInfo {
	host: string;
	port: number;
	socket: string;
	database: string;
	user: string;
	password: string;
	/** Run-file key of the server (processes.ts), e.g. "mariadb-test-maria". */
	key: string;
}

export function mariaDbInfo(name: string, port: number): MariaDbInfo {
	return {
		host: '127.0.0.1',
		port,
		socket: path.join(mariadbDir, name, 'mariadb.sock'),
		database: `wp_${name.replace(/[^a-zA-Z0-9]/g, '_')}`,
		user: 'wordpress',
		password: 'wordpress',
		key: `mariadb-${name}`,
	};
}

/**
 * mariadbd refuses to run as root unless told so explicitly. We do tell it: the `mysql` user
 * could not reach a datadir inside a checkout under a private folder (mktemp -d is 0700).
 */
function osUser(): string {
	return isRoot() ? 'root' : (process.env.USER ?? 'nobody');
}

/** Starts (initialising once) the site's MariaDB server and makes sure its database and user exist. */
export async function ensureMariaDb(name: string, port: number): Promise<MariaDbInfo> {
	const info = mariaDbInfo(name, port);
	const dir = ensureDir(path.join(mariadbDir, name));
	const datadir = path.join(dir, 'data');
	if (!fs.existsSync(path.join(datadir, 'mysql'))) {
		log(`initialising MariaDB datadir for ${name}`);
		fs.rmSync(datadir, { recursive: true, force: true });
		run('mariadb-install-db', [
			'--no-defaults',
			`--user=${osUser()}`,
			`--datadir=${datadir}`,
			'--auth-root-authentication-method=normal',
			'--skip-test-db',
		]);
	}
	if (!isServerRunning(info.key)) {
		await startServer({
			key: info.key,
			command: 'mariadbd',
			args: [
				'--no-defaults',
				`--user=${osUser()}`,
				`--datadir=${datadir}`,
				`--socket=${info.socket}`,
				`--pid-file=${path.join(dir, 'mariadb.pid')}`,
				`--port=${port}`,
				'--bind-address=127.0.0.1',
				'--skip-name-resolve',
				// Small footprint: the test machine has 2 cores and runs WordPress and node beside it.
				'--innodb-buffer-pool-size=64M',
				'--max-connections=100',
			],
			port,
		});
	}
	// Root logs in over the socket without a password (auth method "normal" with an empty one).
	const sql =
		`CREATE DATABASE IF NOT EXISTS \`${info.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;` +
		`CREATE USER IF NOT EXISTS '${info.user}'@'%' IDENTIFIED BY '${info.password}';` +
		`GRANT ALL PRIVILEGES ON \`${info.database}\`.* TO '${info.user}'@'%';`;
	run('mariadb', ['--no-defaults', `--socket=${info.socket}`, '-uroot', '-e', sql]);
	return info;
}

import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_MIGRATIONS } from './schema';

export type JobDatabase = Database.Database;

/**
 * Opens (creating if needed) the job database in the sidecar's data folder and brings its schema up to date.
 * WAL lets the progress readers run while a worker writes; `synchronous = NORMAL` in WAL mode still survives a
 * process crash (kill -9), only an OS crash can lose the last transactions, which the engine redoes anyway.
 */
export function openJobDatabase(dataDir: string, fileName = 'jobs.sqlite'): JobDatabase {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, fileName));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	db.pragma('foreign_keys = ON');
	migrateSchema(db);
	return db;
}

export function migrateSchema(db: JobDatabase): number {
	let version = db.pragma('user_version', { simple: true }) as number;
	for (const migration of SCHEMA_MIGRATIONS) {
		if (migration.version <= version) continue;
		db.transaction(() => {
			db.exec(migration.sql);
			db.pragma(`user_version = ${migration.version}`);
		}).immediate();
		version = migration.version;
	}
	return version;
}

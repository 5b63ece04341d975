import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from './app';
import { ConfigError, readConfig } from './config';
import { startHeartbeat } from './heartbeat';
import { UnsupportedRuntimeError, nativeBinding, openJobDatabase } from './jobs/database';
import { JobEngine } from './jobs/engine';
import { keepAclRefusalsIn } from './storage/acl-refusals';
import { keepOutOfLogs, log, loggerSelfCheck } from './log';
import { WordPressClient } from './wordpress-client';

function main() {
	// Node.js and platform first: a wrong Node needs another install, whatever else is configured.
	nativeBinding();
	if (process.argv.includes('--self-check')) return selfCheck();
	const config = readConfig();
	keepOutOfLogs(config.secret);
	const wordpress = new WordPressClient(config.wordpressUrl, config.secret, config.wordpressHost);
	// The bulk migration and download-back engine; it resumes whatever a previous process left unfinished.
	const db = openJobDatabase(config.dataDir);
	// Before any adapter exists: a bucket that refused ACL headers before the restart never gets them again.
	keepAclRefusalsIn(db);
	const engine = new JobEngine(db, config.uploadsDir, wordpress);
	const app = createApp(config, engine, db);
	const server = app.listen(config.port, config.host, () => {
		log.info(
			{ host: config.host, port: config.port, uploadsDir: config.uploadsDir, dataDir: config.dataDir },
			`listening on http://${config.host}:${config.port}, uploads ${config.uploadsDir}`,
		);
		const stopHeartbeat = startHeartbeat(wordpress, config.heartbeatSeconds, config.serverId);
		engine.start();
		const shutdown = () => {
			stopHeartbeat();
			engine.stop();
			server.close(() => process.exit(0));
			// Keep-alive sockets from WordPress would hold close() open; do not wait for them.
			setTimeout(() => process.exit(0), 2000).unref();
		};
		process.on('SIGTERM', shutdown);
		process.on('SIGINT', shutdown);
	});
	server.on('error', (error) => {
		log.fatal(
			{ err: error },
			`cannot listen on ${config.host}:${config.port}: ${error.message}. Stop what uses that port or set WPMC_PORT to a free one (and WP_MEDIA_CLOUD_SIDECAR_URL to match).`,
		);
		process.exit(1);
	});
}

/**
 * `node main.js --self-check`: loads the SQLite module for this Node.js and creates a job database in a
 * temporary folder, without any configuration; prints what it used. Exit code 0 when it works.
 */
function selfCheck() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-self-check-'));
	try {
		const db = openJobDatabase(dir);
		const sqlite = db.prepare('select sqlite_version()').pluck().get() as string;
		const schema = db.pragma('user_version', { simple: true }) as number;
		db.close();
		const logger = loggerSelfCheck();
		const moduleFile = nativeBinding().file ?? "better-sqlite3's own build (from source)";
		// The answer to a person's command, not a log line: plain text.
		process.stdout.write(
			`self-check ok: Node.js ${process.version} (module ABI ${process.versions.modules}) on ${process.platform}-${process.arch}, SQLite ${sqlite}, job database schema ${schema}, module ${moduleFile}, ${logger}\n`,
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

try {
	main();
} catch (error) {
	if (error instanceof ConfigError || error instanceof UnsupportedRuntimeError) {
		// Plain text: it is read by whoever starts the sidecar (a terminal, `systemctl status`), line by line.
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	}
	throw error;
}

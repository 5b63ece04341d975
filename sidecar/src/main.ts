import { createApp } from './app';
import { ConfigError, readConfig } from './config';
import { startHeartbeat } from './heartbeat';
import { openJobDatabase } from './jobs/database';
import { JobEngine } from './jobs/engine';
import { keepAclRefusalsIn } from './storage/acl-refusals';
import { WordPressClient } from './wordpress-client';

function main() {
	const config = readConfig();
	const wordpress = new WordPressClient(config.wordpressUrl, config.secret);
	// The bulk migration and download-back engine; it resumes whatever a previous process left unfinished.
	const db = openJobDatabase(config.dataDir);
	// Before any adapter exists: a bucket that refused ACL headers before the restart never gets them again.
	keepAclRefusalsIn(db);
	const engine = new JobEngine(db, config.uploadsDir, wordpress);
	const app = createApp(config, engine);
	const server = app.listen(config.port, config.host, () => {
		console.log(`[sidecar] listening on http://${config.host}:${config.port}, uploads ${config.uploadsDir}`);
		const stopHeartbeat = startHeartbeat(wordpress, config.heartbeatSeconds);
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
		console.error(`[sidecar] cannot listen on ${config.host}:${config.port}: ${error.message}`);
		process.exit(1);
	});
}

try {
	main();
} catch (error) {
	if (error instanceof ConfigError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}

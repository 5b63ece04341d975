import { createApp } from './app';
import { ConfigError, readConfig } from './config';
import { startHeartbeat } from './heartbeat';
import { WordPressClient } from './wordpress-client';

function main() {
	const config = readConfig();
	const app = createApp(config);
	const server = app.listen(config.port, config.host, () => {
		console.log(`[sidecar] listening on http://${config.host}:${config.port}, uploads ${config.uploadsDir}`);
		const stopHeartbeat = startHeartbeat(new WordPressClient(config.wordpressUrl, config.secret), config.heartbeatSeconds);
		const shutdown = () => {
			stopHeartbeat();
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

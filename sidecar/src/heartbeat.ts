import { log } from './log';
import type { WordPressClient } from './wordpress-client';

interface HeartbeatAnswer {
	offloaded?: number;
	pending?: number;
	/** The web server WordPress answered from (its WP_MEDIA_CLOUD_SERVER_ID, else its host name). */
	server?: string;
}

/**
 * Tells WordPress the sidecar is up, at start and then periodically. WordPress answers by offloading the
 * uploads that were kept local while the sidecar was down, so none waits for a visitor or WP-cron. Behind a load
 * balancer each web server has its own sidecar, and WordPress retries only the uploads whose file is on the
 * server that receives the heartbeat: the heartbeat names this sidecar's server (WPMC_SERVER_ID), and a sidecar
 * whose heartbeats land on another server says so once (docs/multisite.md, "Several web servers").
 */
export function startHeartbeat(wordpress: WordPressClient, intervalSeconds: number, serverId: string): () => void {
	let running = false;
	const warnedAbout = new Set<string>();
	const beat = async () => {
		if (running) return;
		running = true;
		try {
			const answer = await wordpress.post<HeartbeatAnswer>('/media-cloud/v1/sidecar/heartbeat', { server: serverId });
			if (answer?.offloaded) {
				log.info(`offloaded ${answer.offloaded} pending upload(s); ${answer.pending ?? 0} still pending`);
			}
			if (answer?.server && answer.server !== serverId && !warnedAbout.has(answer.server)) {
				warnedAbout.add(answer.server);
				log.warn(
					{ server: serverId, wordpressServer: answer.server },
					`heartbeat answered by web server "${answer.server}", but this sidecar is on "${serverId}": WordPress there retries only the uploads on its own disk. If that is another machine, point WPMC_WORDPRESS_URL at this machine's own web server; if it is this machine, give both the same id (WPMC_SERVER_ID here, WP_MEDIA_CLOUD_SERVER_ID in wp-config.php).`,
				);
			}
		} catch (error) {
			log.warn(`heartbeat to WordPress failed: ${(error as Error).message}`);
		} finally {
			running = false;
		}
	};
	void beat();
	if (intervalSeconds <= 0) return () => {};
	const timer = setInterval(beat, intervalSeconds * 1000);
	timer.unref();
	return () => clearInterval(timer);
}

import { log } from './log';
import type { WordPressClient } from './wordpress-client';

interface HeartbeatAnswer {
	offloaded?: number;
	pending?: number;
}

/**
 * Tells WordPress the sidecar is up, at start and then periodically. WordPress answers by offloading the
 * uploads that were kept local while the sidecar was down, so none waits for a visitor or WP-cron.
 */
export function startHeartbeat(wordpress: WordPressClient, intervalSeconds: number): () => void {
	let running = false;
	const beat = async () => {
		if (running) return;
		running = true;
		try {
			const answer = await wordpress.post<HeartbeatAnswer>('/media-cloud/v1/sidecar/heartbeat', {});
			if (answer?.offloaded) {
				log.info(`offloaded ${answer.offloaded} pending upload(s); ${answer.pending ?? 0} still pending`);
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

// A proxy in front of s3rver that holds one download halfway: the answer to a GET of `heldPath` is forwarded up
// to `bytes` bytes, then nothing more until the test calls release(). It shows what the sidecar does with an
// object while it arrives (writes it to disk as it comes, or keeps it in memory), and lets a test change the
// disk at that moment. It keeps the Host header, so request signatures stay valid (test/support/forwarding-proxy.ts).
import type http from 'node:http';
import { forward, listenOnLoopback } from '../support/forwarding-proxy';

export interface HoldingProxy {
	url: string;
	/** Resolves once the held answer has sent its first `bytes` bytes and stopped. */
	held: Promise<void>;
	release(): void;
	close(): Promise<void>;
}

export async function startHoldingProxy(target: string, heldPath: string, bytes: number): Promise<HoldingProxy> {
	const upstream = new URL(target);
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	let reachedHold!: () => void;
	const held = new Promise<void>((resolve) => (reachedHold = resolve));
	/** Forwards the answer up to `bytes` bytes, then waits for release(). */
	const holdAnswer = (answer: http.IncomingMessage, res: http.ServerResponse) => {
		res.writeHead(answer.statusCode ?? 502, answer.headers);
		let sent = 0;
		let waiting = true;
		answer.on('data', (chunk: Buffer) => {
			if (waiting && sent + chunk.length >= bytes) {
				waiting = false;
				answer.pause();
				const head = chunk.subarray(0, bytes - sent);
				res.write(head);
				sent += head.length;
				reachedHold();
				void released.then(() => {
					res.write(chunk.subarray(head.length));
					answer.resume();
				});
				return;
			}
			sent += chunk.length;
			res.write(chunk);
		});
		answer.on('end', () => void released.then(() => res.end()));
	};
	const server = await listenOnLoopback((req, res) => {
		const holds = req.method === 'GET' && decodeURIComponent((req.url ?? '').split('?')[0]) === heldPath;
		forward(upstream, req, res, holds ? { answer: holdAnswer } : {});
	});
	return {
		url: server.url,
		held,
		release,
		close: () => {
			release();
			return server.close();
		},
	};
}

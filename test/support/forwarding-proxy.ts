// HTTP proxies on loopback in front of a storage server (s3rver). They keep the Host header, so the storage's
// request signatures stay valid. Each proxy (fault-proxy.ts, s3Proxy in fault-servers.ts,
// test/sidecar/holding-proxy.ts) decides what to do with a request, then forwards it through here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardOptions {
	/** Sends the storage's answer to the client; by default status, headers and body as they come (passAnswer). */
	answer?: (upstream: http.IncomingMessage, res: http.ServerResponse) => void;
	/** When the storage cannot be reached; by default the client's connection is dropped. */
	failed?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

/** Passes the storage's answer on: its status, `headers` (its own unless given) and its body as it streams. */
export function passAnswer(upstream: http.IncomingMessage, res: http.ServerResponse, headers: http.IncomingHttpHeaders = upstream.headers): void {
	res.writeHead(upstream.statusCode ?? 502, headers);
	upstream.pipe(res);
}

/** Sends the request to `target` with its method, path, query and headers (Host included) and its body as it streams. */
export function forward(target: URL, req: http.IncomingMessage, res: http.ServerResponse, options: ForwardOptions = {}): void {
	const request = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upstream) =>
		(options.answer ?? passAnswer)(upstream, res),
	);
	request.on('error', () => (options.failed ? options.failed(req, res) : req.socket.destroy()));
	req.pipe(request);
}

export interface LoopbackServer {
	/** e.g. http://127.0.0.1:41234 */
	url: string;
	/** Drops open connections (a held answer too) and stops listening. */
	close(): Promise<void>;
}

/** Serves `handler` on a free port of 127.0.0.1. */
export async function listenOnLoopback(handler: http.RequestListener): Promise<LoopbackServer> {
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

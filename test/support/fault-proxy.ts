// A fault-injecting HTTP proxy in front of the S3 server (no local S3 server injects faults itself).
// It keeps the Host header, so request signatures stay valid, and logs every request it forwards.
import { forward, listenOnLoopback, passAnswer } from './forwarding-proxy';

export interface Faults {
	/** Share of requests answered 503 SlowDown without reaching the server. */
	slowDown: number;
	/** Share of requests whose connection is destroyed before any answer. */
	reset: number;
	/** Share of requests held for `stallMs` before being forwarded. */
	stall: number;
	stallMs: number;
	/** Decides the fault of one request before the shares above are rolled (e.g. "the first UploadPart of part 2"). */
	rule?: (request: { method: string; path: string; query: string }) => 'slowdown' | 'reset' | undefined;
}

export interface LoggedRequest {
	method: string;
	path: string;
	/** The query string without `?` (`partNumber=2&uploadId=…` for a part of a multipart upload). */
	query: string;
	at: number;
	status: number | 'reset' | 'slowdown';
}

export interface FaultProxy {
	url: string;
	faults: Faults;
	log: LoggedRequest[];
	close(): Promise<void>;
}

const NO_FAULTS: Faults = { slowDown: 0, reset: 0, stall: 0, stallMs: 0 };

export async function startFaultProxy(target: string, faults: Partial<Faults> = {}): Promise<FaultProxy> {
	const upstream = new URL(target);
	const log: LoggedRequest[] = [];
	const state: Faults = { ...NO_FAULTS, ...faults };
	const server = await listenOnLoopback(async (req, res) => {
		const [rawPath, query = ''] = (req.url ?? '').split('?');
		const entry: LoggedRequest = { method: req.method ?? '', path: decodeURIComponent(rawPath), query, at: Date.now(), status: 0 };
		log.push(entry);
		const ruled = state.rule?.({ method: entry.method, path: entry.path, query });
		const roll = Math.random();
		if (ruled === 'reset' || (!ruled && roll < state.reset)) {
			entry.status = 'reset';
			req.socket.destroy();
			return;
		}
		if (ruled === 'slowdown' || (!ruled && roll < state.reset + state.slowDown)) {
			entry.status = 'slowdown';
			req.resume();
			res.writeHead(503, { 'Content-Type': 'application/xml' });
			res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
			return;
		}
		if (!ruled && roll < state.reset + state.slowDown + state.stall) await new Promise((resolve) => setTimeout(resolve, state.stallMs));
		forward(upstream, req, res, {
			answer: (answer) => {
				entry.status = answer.statusCode ?? 0;
				passAnswer(answer, res);
			},
		});
	});
	return { url: server.url, faults: state, log, close: server.close };
}

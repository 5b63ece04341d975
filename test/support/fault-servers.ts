// Small real servers that reproduce the network and provider failures the health check must name:
// a port that never answers, a self-signed TLS endpoint, an HTTP host serving fixed bytes (a wrong CDN), a
// pull-through CDN in front of a bucket, and a proxy in front of s3rver that keeps the Host header (so
// signatures stay valid) while rewriting what no local S3 server does by itself: a skewed Date header, and
// the answers AWS gives for ACL headers on "bucket owner enforced" buckets and for a wrong region (the XML
// bodies follow AWS's documented error responses).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { forward, passAnswer } from './forwarding-proxy';

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

function listen(server: http.Server | https.Server | net.Server, scheme: string): Promise<RunningServer> {
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as AddressInfo).port;
			resolve({
				url: `${scheme}://127.0.0.1:${port}`,
				port,
				close: () =>
					new Promise((done) => {
						(server as http.Server).closeAllConnections?.();
						server.close(() => done());
					}),
			});
		});
	});
}

/** A free port with nothing listening on it (connections are refused). */
export async function closedPort(): Promise<number> {
	const server = await listen(net.createServer(), 'tcp');
	await server.close();
	return server.port;
}

/**
 * A port that never answers: a listening socket whose accept queue is full and never drained, so the kernel
 * drops further SYNs, exactly what a firewall that silently drops outbound traffic looks like to a client.
 * Node always accepts connections, hence the few lines of Python (present wherever Ceph is installed).
 */
export async function blackholePort(): Promise<{ port: number; close(): Promise<void> }> {
	const port = await closedPort();
	const script = `import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', ${port})); s.listen(0)
fill = []
for _ in range(4):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', ${port}))
    except BlockingIOError: pass
    fill.append(c)
print('ready', flush=True)
time.sleep(3600)`;
	const child: ChildProcess = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve, reject) => {
		child.stdout!.once('data', () => resolve());
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`blackhole helper exited with ${code}`)));
	});
	await new Promise((resolve) => setTimeout(resolve, 300)); // let the queue fill
	return { port, close: async () => void child.kill('SIGKILL') };
}

/** An HTTPS server with a self-signed certificate (made with openssl for this run). */
export async function selfSignedServer(): Promise<RunningServer> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-tls-'));
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-subj',
			'/CN=127.0.0.1',
			'-days',
			'1',
			'-keyout',
			path.join(dir, 'key.pem'),
			'-out',
			path.join(dir, 'cert.pem'),
		],
		{ stdio: 'ignore' },
	);
	const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) =>
		res.end('ok'),
	);
	fs.rmSync(dir, { recursive: true, force: true });
	return listen(server, 'https');
}

/** An HTTP host that answers every path with the same status and body (a CDN pointed at the wrong origin). */
export function fixedResponseServer(status: number, body: string): Promise<RunningServer> {
	return listen(
		http.createServer((_req, res) => res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body)),
		'http',
	);
}

/** A pull-through CDN: serves `<origin>/<path>` for `/<path>`, as a CDN pull zone does. */
export function pullThroughCdn(origin: string): Promise<RunningServer> {
	return listen(
		http.createServer(async (req, res) => {
			const upstream = await fetch(`${origin}${req.url}`);
			res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
			res.end(Buffer.from(await upstream.arrayBuffer()));
		}),
		'http',
	);
}

export interface S3ProxyOptions {
	/** Seconds added to the Date header of every answer. */
	dateOffsetSeconds?: number;
	/**
	 * Answer uploads carrying x-amz-acl like an S3 bucket with "bucket owner enforced" object ownership: a PUT of an
	 * object, or the start of a multipart upload (POST ?uploads; its parts carry no ACL).
	 */
	refuseAcl?: boolean;
	/** Milliseconds before that refusal is answered: AWS's answer comes a round trip later, with PUTs sent meanwhile. */
	refuseAclDelayMs?: number;
	/** Answer every request like S3 does for a bucket in another region. */
	bucketRegion?: string;
}

export interface S3Proxy extends RunningServer {
	/** Uploads started (a PUT of an object or a multipart upload's POST ?uploads), and how many carried an ACL header. */
	puts: { total: number; withAcl: number };
	/** Every upload started, in arrival order: its path (`/bucket/key`, decoded) and whether it carried an ACL header. */
	putLog: Array<{ path: string; acl: boolean }>;
}

const xmlError = (code: string, message: string, extra = '') =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>TEST</RequestId></Error>`;

/** A proxy in front of an S3 server (s3rver) that keeps the Host header so signatures stay valid (forwarding-proxy.ts). */
export async function s3Proxy(target: string, options: S3ProxyOptions): Promise<S3Proxy> {
	const upstream = new URL(target);
	const puts = { total: 0, withAcl: 0 };
	const putLog: S3Proxy['putLog'] = [];
	const server = http.createServer((req, res) => {
		const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
		const startsUpload = (req.method === 'PUT' && !query.has('partNumber')) || (req.method === 'POST' && query.has('uploads'));
		if (startsUpload) {
			puts.total++;
			if (req.headers['x-amz-acl']) puts.withAcl++;
			putLog.push({ path: decodeURIComponent((req.url ?? '').split('?')[0]), acl: !!req.headers['x-amz-acl'] });
		}
		if (options.bucketRegion) {
			req.resume();
			res.writeHead(301, { 'Content-Type': 'application/xml', 'x-amz-bucket-region': options.bucketRegion });
			res.end(
				xmlError(
					'PermanentRedirect',
					'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
					`<Endpoint>s3.${options.bucketRegion}.amazonaws.com</Endpoint>`,
				),
			);
			return;
		}
		if (options.refuseAcl && startsUpload && req.headers['x-amz-acl']) {
			req.resume();
			setTimeout(() => {
				res.writeHead(400, { 'Content-Type': 'application/xml' }).end(xmlError('AccessControlListNotSupported', 'The bucket does not allow ACLs'));
			}, options.refuseAclDelayMs ?? 0);
			return;
		}
		forward(upstream, req, res, {
			answer: (answer) => {
				const headers = { ...answer.headers };
				if (options.dateOffsetSeconds) headers.date = new Date(Date.now() + options.dateOffsetSeconds * 1000).toUTCString();
				passAnswer(answer, res, headers);
			},
			failed: () => res.writeHead(502).end(),
		});
	});
	const running = await listen(server, 'http');
	return { ...running, puts, putLog };
}

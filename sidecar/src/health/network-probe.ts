import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** One step of reaching the endpoint, in order: a failure stops there and names the step. */
export type NetworkStep = 'dns' | 'tcp' | 'tls' | 'http';

export interface NetworkProbe {
	host: string;
	port: number;
	address?: string;
	/** Milliseconds per step that completed. */
	ms: Partial<Record<NetworkStep, number>>;
	/** Time to first byte of an HTTP answer (any status). */
	ttfbMs?: number;
	serverDate?: Date;
	failedStep?: NetworkStep;
	error?: NodeJS.ErrnoException;
}

const since = (start: bigint) => Number((process.hrtime.bigint() - start) / 1_000_000n);

/** Resolves, connects, handshakes and asks the endpoint for anything, measuring each step. Never throws. */
export async function probeEndpoint(endpoint: string, timeoutMs: number): Promise<NetworkProbe> {
	const url = new URL(endpoint);
	const secure = url.protocol === 'https:';
	const result: NetworkProbe = { host: url.hostname, port: Number(url.port) || (secure ? 443 : 80), ms: {} };
	const step = async <T>(name: NetworkStep, run: () => Promise<T>): Promise<T | undefined> => {
		const start = process.hrtime.bigint();
		try {
			const value = await run();
			result.ms[name] = since(start);
			return value;
		} catch (error) {
			result.failedStep = name;
			result.error = error as NodeJS.ErrnoException;
			return undefined;
		}
	};

	const host = url.hostname.replace(/^\[|\]$/g, '');
	const resolved = await step('dns', () => lookup(host));
	if (!resolved) return result;
	result.address = resolved.address;
	const socket = await step('tcp', () => connect(resolved.address, result.port, timeoutMs));
	if (!socket) return result;
	if (secure) {
		const secured = await step('tls', () => handshake(socket, host, timeoutMs));
		if (!secured) return result;
		secured.destroy();
	} else {
		socket.destroy();
	}
	const answer = await step('http', () => firstByte(endpoint, timeoutMs));
	if (answer) {
		result.ttfbMs = result.ms.http;
		result.serverDate = answer.date;
	}
	return result;
}

function connect(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: address, port });
		socket.setTimeout(timeoutMs, () => {
			socket.destroy();
			reject(Object.assign(new Error(`No answer from ${address}:${port} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
		});
		socket.once('connect', () => {
			socket.setTimeout(0);
			resolve(socket);
		});
		socket.once('error', reject);
	});
}

function handshake(socket: net.Socket, servername: string, timeoutMs: number): Promise<tls.TLSSocket> {
	return new Promise((resolve, reject) => {
		const secured = tls.connect({ socket, servername: net.isIP(servername) ? undefined : servername });
		secured.setTimeout(timeoutMs, () => {
			secured.destroy();
			reject(Object.assign(new Error('The TLS handshake did not finish in time'), { code: 'ETIMEDOUT' }));
		});
		secured.once('secureConnect', () => resolve(secured));
		secured.once('error', reject);
	});
}

function firstByte(endpoint: string, timeoutMs: number): Promise<{ status: number; date?: Date }> {
	return new Promise((resolve, reject) => {
		const client = endpoint.startsWith('https:') ? https : http;
		const request = client.request(endpoint, { method: 'HEAD', agent: false, timeout: timeoutMs }, (response) => {
			response.resume();
			const date = response.headers.date ? new Date(response.headers.date) : undefined;
			resolve({ status: response.statusCode ?? 0, date: date && !Number.isNaN(date.getTime()) ? date : undefined });
		});
		request.once('timeout', () => request.destroy(Object.assign(new Error('No HTTP answer in time'), { code: 'ETIMEDOUT' })));
		request.once('error', reject);
		request.end();
	});
}

// The sidecar at the edge of its HTTP API: bodies too large (signed or not), replays across a restart, and what
// its log holds: JSON lines with levels, one line per kind of refusal without a stack, never a secret. The sidecar is one
// of this test's own (its own data folder and log), so restarting it touches nothing else.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { logFilePath, restartServer, stopServer } from '../../bin/dev/processes';
import { startOwnSidecar, type OwnSidecar } from '../support/own-sidecar';
import { s3rverStorage, signedHeaders } from '../support/sidecar-request';
import { getSite } from '../support/stack';

const site = getSite('sqlite');
const SERVER_KEY = 'sidecar-request-edge-test';
let sidecar: OwnSidecar;
let url = '';

beforeAll(async () => {
	sidecar = await startOwnSidecar(SERVER_KEY, {
		WPMC_SECRET: site.sidecarSecret,
		WPMC_UPLOADS_DIR: site.uploadsDir,
		WPMC_LOG_LEVEL: 'debug',
		// Repeats of a refusal are counted, not logged, for this long: an hour, so however slow the machine,
		// the test's refusals of one kind all fall in one window.
		WPMC_REFUSAL_LOG_SECONDS: '3600',
	});
	url = sidecar.sidecarUrl;
}, 90_000);

afterAll(() => sidecar?.stop(), 30_000);

const logText = () => fs.readFileSync(logFilePath(SERVER_KEY), 'utf8');
const logLines = () => logText().split('\n').filter(Boolean);

/** The log's lines from `from` on, once `done` holds for them (the line is written before the answer; polled anyway). */
async function linesSince(from: number, done: (lines: string[]) => boolean): Promise<string[]> {
	const until = Date.now() + 30_000;
	let lines = logLines().slice(from);
	while (!done(lines) && Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		lines = logLines().slice(from);
	}
	return lines;
}

/** An unsigned POST without Content-Length (chunked), 50 MB in 1 MB chunks: answered with its status. */
function chunkedPost(target: string, megabytes: number): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		const request = http.request(`${target}/v1/offloads`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
		});
		request.on('error', reject);
		const chunk = Buffer.alloc(1024 * 1024, 'a');
		let sent = 0;
		const writeMore = () => {
			while (sent < megabytes) {
				sent++;
				if (!request.write(chunk)) return void request.once('drain', writeMore);
			}
			request.end();
		};
		writeMore();
	});
}

test('unsigned 50 MB POSTs get 413 (with and without Content-Length): one warn line without a stack for all four', async () => {
	const from = logLines().length;
	const big = Buffer.alloc(50 * 1024 * 1024, 'a');
	const answers = [];
	for (let i = 0; i < 3; i++) {
		const response = await fetch(`${url}/v1/offloads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
		answers.push({ status: response.status, body: await response.json() });
	}
	answers.push(await chunkedPost(url, 50));
	for (const answer of answers) {
		expect(answer).toEqual({
			status: 413,
			body: {
				code: 'E_PAYLOAD_TOO_LARGE',
				message: 'The request body is larger than the sidecar accepts.',
				remedy: expect.stringContaining('signed requests'),
				// The same two sentences as codes, for WordPress to word in the site's language.
				said: { message: { code: 'sidecar.payload_too_large', params: {} }, remedy: { code: 'sidecar.payload_too_large.fix', params: {} } },
			},
		});
	}
	const lines = await linesSince(from, (found) => found.length >= 1);
	expect(lines).toHaveLength(1); // the other three are held back by the refusal log (test/unit/refusal-log.test.ts)
	for (const line of lines) {
		expect(JSON.parse(line)).toMatchObject({ level: 'warn', code: 'E_PAYLOAD_TOO_LARGE', status: 413, method: 'POST', path: '/v1/offloads' });
		expect(line).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
	}
	// Still answering: an unsigned small request is refused as unsigned.
	expect((await fetch(`${url}/v1/status`)).status).toBe(401);
}, 120_000);

test('a signed body up to the limit is read (11 MB: answered by the route), one above it gets 413', async () => {
	const post = (bytes: number) => {
		const body = JSON.stringify({ keys: ['k'.repeat(bytes - 20)] });
		return fetch(`${url}/v1/no-such-route`, { method: 'POST', headers: signedHeaders(site.sidecarSecret, 'POST', '/v1/no-such-route', body), body });
	};
	const within = await post(11 * 1024 * 1024);
	expect({ status: within.status, code: (await within.json()).code }).toEqual({ status: 404, code: 'E_NOT_FOUND' });
	const above = await post(13 * 1024 * 1024);
	expect({ status: above.status, code: (await above.json()).code }).toEqual({ status: 413, code: 'E_PAYLOAD_TOO_LARGE' });
}, 60_000);

test('a request answered before a restart is refused as a replay after it; seen nonces expire from the job database', async () => {
	const headers = signedHeaders(site.sidecarSecret, 'GET', '/v1/status', '');
	expect((await fetch(`${url}/v1/status`, { headers })).status).toBe(200);
	await stopServer(SERVER_KEY);
	await restartServer(SERVER_KEY, { timeoutMs: 60_000 });
	const replay = await fetch(`${url}/v1/status`, { headers });
	expect({ status: replay.status, body: await replay.json() }).toMatchObject({
		status: 401,
		body: { code: 'E_UNAUTHORIZED', message: 'The request was already used (replay refused).' },
	});
	// A path with a query is signed as sent: the same signature with a query added is refused.
	const queried = signedHeaders(site.sidecarSecret, 'GET', '/v1/status', '');
	expect((await fetch(`${url}/v1/status?extra=1`, { headers: queried })).status).toBe(401);
}, 120_000);

test('an error with storage credentials is logged as JSON with its stack, without the keys, the secret or the signature', async () => {
	const from = logLines().length;
	const accessKey = `AKIAEDGETEST${Date.now()}`;
	const secretKey = `edge-secret-${'x'.repeat(30)}-${Date.now()}`;
	const body = JSON.stringify({
		storage: { ...s3rverStorage(site), access_key: accessKey, secret_key: secretKey },
		files: [{ path: 'edge/never.jpg', key: 'edge/never.jpg' }],
	});
	fs.mkdirSync(path.join(site.uploadsDir, 'edge'), { recursive: true });
	fs.writeFileSync(path.join(site.uploadsDir, 'edge', 'never.jpg'), 'not really a jpeg');
	const headers = signedHeaders(site.sidecarSecret, 'POST', '/v1/offloads', body);
	try {
		const response = await fetch(`${url}/v1/offloads`, { method: 'POST', headers, body });
		const answer = await response.json();
		expect(response.status).toBeGreaterThanOrEqual(500);
		const lines = await linesSince(from, (found) => found.some((line) => line.includes('"level":"error"')));
		const records = lines.map((line) => JSON.parse(line));
		const failure = records.find((record) => record.level === 'error');
		expect(failure).toMatchObject({ code: answer.code, method: 'POST', path: '/v1/offloads', err: { stack: expect.stringMatching(/\bat /) } });
		const text = lines.join('\n');
		for (const secret of [accessKey, secretKey, site.sidecarSecret, headers['X-WPMC-Signature']]) {
			expect(text).not.toContain(secret);
		}
		expect(text).toContain('[REDACTED]');
	} finally {
		fs.rmSync(path.join(site.uploadsDir, 'edge'), { recursive: true, force: true });
	}
}, 60_000);

test('every line of the log is a JSON object with a level, a time and a message', () => {
	const records = logLines().map((line) => JSON.parse(line));
	expect(records.length).toBeGreaterThan(0);
	for (const record of records)
		expect(record).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
	expect(records[0].msg).toContain('listening on http://127.0.0.1:');
});

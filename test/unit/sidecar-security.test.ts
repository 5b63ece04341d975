// The sidecar answers only WordPress: unsigned, forged, changed and replayed requests are refused, and it never
// reads a file outside the uploads folder. A sidecar of this test's own, on temp folders: every refusal here comes
// before any storage is reached, so nothing else needs to run. (WordPress's side of the signature:
// test/offload/sidecar-to-wordpress-signing.test.ts.)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedPort } from '../support/fault-servers';
import { startOwnSidecar, type OwnSidecar } from '../support/own-sidecar';
import { signedHeaders } from '../support/sidecar-request';

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-security-'));
const uploadsDir = path.join(site, 'wp-content', 'uploads');
fs.mkdirSync(uploadsDir, { recursive: true });
let sidecar: OwnSidecar;
let storageEndpoint: string;

beforeAll(async () => {
	sidecar = await startOwnSidecar('sidecar-security-unit-test', { WPMC_SECRET: randomBytes(32).toString('hex'), WPMC_UPLOADS_DIR: uploadsDir });
	// Nothing listens there: a request that got as far as the storage would fail differently.
	storageEndpoint = `http://127.0.0.1:${await closedPort()}`;
}, 90_000);

afterAll(async () => {
	await sidecar?.stop();
	fs.rmSync(site, { recursive: true, force: true });
}, 30_000);

const offloadBody = (filePath: string) =>
	JSON.stringify({
		storage: {
			provider: 's3-compatible',
			endpoint: storageEndpoint,
			region: 'us-east-1',
			bucket: 'media',
			access_key: 'KEY',
			secret_key: 'SECRET',
			path_style: true,
		},
		files: [{ path: filePath, key: 'stolen' }],
	});

const status = (headers?: Record<string, string>) => fetch(`${sidecar.sidecarUrl}/v1/status`, { headers });

test('a correctly signed request is answered', async () => {
	expect((await status(signedHeaders(sidecar.sidecarSecret, 'GET', '/v1/status', ''))).status).toBe(200);
});

test('an unsigned request is refused', async () => {
	const response = await status();
	expect(response.status).toBe(401);
	expect((await response.json()).code).toBe('E_UNAUTHORIZED');
});

test('a request signed with another secret is refused', async () => {
	expect((await status(signedHeaders('f'.repeat(64), 'GET', '/v1/status', ''))).status).toBe(401);
});

test('a signed request whose body was changed in transit is refused', async () => {
	const headers = signedHeaders(sidecar.sidecarSecret, 'POST', '/v1/offloads', offloadBody('2020/01/a.jpg'));
	const response = await fetch(`${sidecar.sidecarUrl}/v1/offloads`, { method: 'POST', headers, body: offloadBody('2020/01/b.jpg') });
	expect(response.status).toBe(401);
});

test('a replayed request is refused, and so is an old one', async () => {
	const headers = signedHeaders(sidecar.sidecarSecret, 'GET', '/v1/status', '');
	expect((await status(headers)).status).toBe(200);
	expect((await status(headers)).status).toBe(401);
	expect((await status(signedHeaders(sidecar.sidecarSecret, 'GET', '/v1/status', '', Math.floor(Date.now() / 1000) - 3600))).status).toBe(401);
});

async function offload(filePath: string): Promise<Response> {
	const body = offloadBody(filePath);
	return fetch(`${sidecar.sidecarUrl}/v1/offloads`, { method: 'POST', headers: signedHeaders(sidecar.sidecarSecret, 'POST', '/v1/offloads', body), body });
}

test.each(['../../wp-config.php', '/etc/passwd', '2026/../../../wp-config.php'])(
	'a path that leaves the uploads folder (%s) is refused with a clear error',
	async (filePath) => {
		const response = await offload(filePath);
		expect(response.status).toBe(403);
		const answer = await response.json();
		expect(answer.code).toBe('E_PATH_OUTSIDE_UPLOADS');
		expect(answer.message).toContain('leaves the uploads folder');
	},
);

test('a symlink inside uploads that points outside it (file or folder) is refused', async () => {
	const dir = path.join(uploadsDir, 'symlink-test');
	fs.mkdirSync(dir, { recursive: true });
	fs.symlinkSync('/etc/hostname', path.join(dir, 'hostname.jpg'));
	fs.symlinkSync('/etc', path.join(dir, 'etc'));
	for (const filePath of ['symlink-test/hostname.jpg', 'symlink-test/etc/hostname']) {
		const response = await offload(filePath);
		expect(response.status).toBe(403);
		expect((await response.json()).code).toBe('E_PATH_OUTSIDE_UPLOADS');
	}
});

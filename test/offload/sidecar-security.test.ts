// The sidecar answers only WordPress: unsigned, forged and replayed requests are refused, and it never
// reads a file outside the uploads folder.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { getSite } from '../support/stack';

const site = getSite('sqlite');

function signedHeaders(secret: string, method: string, path: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
	const nonce = randomBytes(16).toString('hex');
	const bodyHash = createHash('sha256').update(body).digest('hex');
	const signature = createHmac('sha256', secret)
		.update([method, path, String(timestamp), nonce, bodyHash].join('\n'))
		.digest('hex');
	return { 'Content-Type': 'application/json', 'X-WPMC-Timestamp': String(timestamp), 'X-WPMC-Nonce': nonce, 'X-WPMC-Signature': signature };
}

const offloadBody = (filePath: string) =>
	JSON.stringify({
		storage: {
			provider: 's3-compatible',
			endpoint: site.s3.endpoint,
			region: 'us-east-1',
			bucket: site.s3.bucket,
			access_key: 'S3RVER',
			secret_key: 'S3RVER',
			path_style: true,
		},
		files: [{ path: filePath, key: 'stolen' }],
	});

test('a correctly signed request is answered', async () => {
	const response = await fetch(`${site.sidecarUrl}/v1/status`, { headers: signedHeaders(site.sidecarSecret, 'GET', '/v1/status', '') });
	expect(response.status).toBe(200);
});

test('an unsigned request is refused', async () => {
	const response = await fetch(`${site.sidecarUrl}/v1/status`);
	expect(response.status).toBe(401);
	expect((await response.json()).code).toBe('E_UNAUTHORIZED');
});

test('a request signed with another secret is refused', async () => {
	const response = await fetch(`${site.sidecarUrl}/v1/status`, { headers: signedHeaders('f'.repeat(64), 'GET', '/v1/status', '') });
	expect(response.status).toBe(401);
});

test('a signed request whose body was changed in transit is refused', async () => {
	const headers = signedHeaders(site.sidecarSecret, 'POST', '/v1/offloads', offloadBody('2020/01/a.jpg'));
	const response = await fetch(`${site.sidecarUrl}/v1/offloads`, { method: 'POST', headers, body: offloadBody('2020/01/b.jpg') });
	expect(response.status).toBe(401);
});

test('a replayed request is refused, and so is an old one', async () => {
	const headers = signedHeaders(site.sidecarSecret, 'GET', '/v1/status', '');
	expect((await fetch(`${site.sidecarUrl}/v1/status`, { headers })).status).toBe(200);
	expect((await fetch(`${site.sidecarUrl}/v1/status`, { headers })).status).toBe(401);
	const old = signedHeaders(site.sidecarSecret, 'GET', '/v1/status', '', Math.floor(Date.now() / 1000) - 3600);
	expect((await fetch(`${site.sidecarUrl}/v1/status`, { headers: old })).status).toBe(401);
});

test.each(['../../wp-config.php', '/etc/passwd', '2026/../../../wp-config.php'])(
	'a path that leaves the uploads folder (%s) is refused with a clear error',
	async (filePath) => {
		const body = offloadBody(filePath);
		const response = await fetch(`${site.sidecarUrl}/v1/offloads`, {
			method: 'POST',
			headers: signedHeaders(site.sidecarSecret, 'POST', '/v1/offloads', body),
			body,
		});
		expect(response.status).toBe(403);
		const answer = await response.json();
		expect(answer.code).toBe('E_PATH_OUTSIDE_UPLOADS');
		expect(answer.message).toContain('leaves the uploads folder');
	},
);

test('a WordPress route only the sidecar may call refuses an unsigned request', async () => {
	const response = await fetch(`${site.restUrl}media-cloud/v1/sidecar/heartbeat`, { method: 'POST' });
	expect(response.status).toBe(401);
});

test('a symlink inside uploads that points outside it (file or folder) is refused', async () => {
	const fs = await import('node:fs');
	const path = await import('node:path');
	const dir = path.join(site.uploadsDir, 'symlink-test');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.symlinkSync('/etc/hostname', path.join(dir, 'hostname.jpg'));
	fs.symlinkSync('/etc', path.join(dir, 'etc'));
	try {
		for (const filePath of ['symlink-test/hostname.jpg', 'symlink-test/etc/hostname']) {
			const body = offloadBody(filePath);
			const response = await fetch(`${site.sidecarUrl}/v1/offloads`, {
				method: 'POST',
				headers: signedHeaders(site.sidecarSecret, 'POST', '/v1/offloads', body),
				body,
			});
			expect(response.status).toBe(403);
			expect((await response.json()).code).toBe('E_PATH_OUTSIDE_UPLOADS');
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

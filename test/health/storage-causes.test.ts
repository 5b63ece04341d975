// Every documented cause of "Connection test failing" / "Images not loading", set up for real (a stopped
// endpoint, a port that never answers, a self-signed certificate, a CDN serving other bytes…), run through
// POST /wp-json/media-cloud/v1/health, asserting the result names the cause and its fix.
// Bunny runs against a FAKE of its public Storage API (test/support/bunny-fake.ts): the real one is unreachable.
import { startBunnyFake, type BunnyFake } from '../support/bunny-fake';
import { blackholePort, closedPort, fixedResponseServer, pullThroughCdn, s3Proxy, selfSignedServer } from '../support/fault-servers';
import { healthWith, resultOf, runHealth, site, STORAGE_CHECKS } from '../support/health';
import { startSidecar, stopSidecar } from '../support/stack';

const s3 = site.s3;

test('the test stack itself is healthy: every storage check is good', async () => {
	const results = await runHealth(STORAGE_CHECKS);
	expect(results.map((r) => [r.test, r.status])).toEqual(STORAGE_CHECKS.map((test) => [test, 'good']));
	expect(JSON.stringify(results)).not.toContain('S3RVER'); // keys never come back
});

describe('WordPress → sidecar → endpoint', () => {
	test('sidecar down: connectivity names the sidecar and how to start it; nothing else is blamed', async () => {
		await stopSidecar(site);
		try {
			const results = await runHealth(['connectivity', 'credentials', 'upload']);
			expect(resultOf(results, 'connectivity')).toMatchObject({ status: 'critical', cause: 'sidecar_unreachable' });
			expect(resultOf(results, 'connectivity').fix).toMatch(/Start the sidecar/);
			expect(resultOf(results, 'upload')).toMatchObject({ status: 'recommended', cause: 'not_tested' });
		} finally {
			await startSidecar(site);
		}
	});

	test('stopped endpoint: connection refused at the TCP step', async () => {
		const port = await closedPort();
		const connectivity = resultOf(await healthWith({ endpoint: `http://127.0.0.1:${port}` }, ['connectivity', 'credentials']), 'connectivity');
		expect(connectivity).toMatchObject({ status: 'critical', cause: 'connection_refused' });
		expect(connectivity.description).toMatch(/TCP/);
		expect(connectivity.fix).toMatch(/start it/);
	});

	test('outbound blocked (a port that never answers): timeout, says so, and names the endpoint’s own host and port', async () => {
		const hole = await blackholePort();
		try {
			const connectivity = resultOf(await healthWith({ endpoint: `http://127.0.0.1:${hole.port}` }, ['connectivity']), 'connectivity');
			expect(connectivity).toMatchObject({ status: 'critical', cause: 'timeout' });
			expect(connectivity.description).toMatch(/did not answer at all.*outbound connections from this server look blocked/);
			// A firewall rule for 443 would change nothing for an endpoint on another port.
			expect(connectivity.fix).toContain(`allow outbound HTTP connections from this server to 127.0.0.1 on port ${hole.port}`);
			expect(connectivity.fix).not.toMatch(/\b443\b/);
		} finally {
			await hole.close();
		}
	});

	test('host name that does not resolve: DNS', async () => {
		const connectivity = resultOf(await healthWith({ endpoint: 'https://objects.no-such-host.invalid' }, ['connectivity']), 'connectivity');
		expect(connectivity).toMatchObject({ status: 'critical', cause: 'dns' });
		expect(connectivity.fix).toMatch(/typo/);
	});

	test('self-signed certificate: TLS error with the certificate fix', async () => {
		const tls = await selfSignedServer();
		try {
			const connectivity = resultOf(await healthWith({ endpoint: tls.url }, ['connectivity']), 'connectivity');
			expect(connectivity).toMatchObject({ status: 'critical', cause: 'tls' });
			expect(connectivity.description).toMatch(/SELF_SIGNED/);
			expect(connectivity.fix).toMatch(/valid certificate/);
		} finally {
			await tls.close();
		}
	});

	test('virtual-hosted style against a server that only serves path style: suggests the Path-Style toggle', async () => {
		const credentials = resultOf(
			await healthWith({ endpoint: s3.endpoint.replace('127.0.0.1', 'localhost'), path_style: false }, ['connectivity', 'credentials']),
			'credentials',
		);
		expect(credentials).toMatchObject({ status: 'critical', cause: 'path_style' });
		expect(credentials.fix).toMatch(/Path-Style URLs/);
	});

	test('bucket in another region: PermanentRedirect names the bucket’s region', async () => {
		// AWS's documented 301 answer; no local server has regions (see test/support/fault-servers.ts).
		const proxy = await s3Proxy(s3.endpoint, { bucketRegion: 'eu-west-1' });
		try {
			const credentials = resultOf(await healthWith({ endpoint: proxy.url }, ['connectivity', 'credentials']), 'credentials');
			expect(credentials).toMatchObject({ status: 'critical', cause: 'wrong_region' });
			expect(credentials.description).toMatch(/it is in eu-west-1/);
			expect(credentials.fix).toBe('Set the region to eu-west-1.');
		} finally {
			await proxy.close();
		}
	});

	test('clock an hour off: clock skew with the NTP fix', async () => {
		const proxy = await s3Proxy(s3.endpoint, { dateOffsetSeconds: -3600 });
		try {
			const clock = resultOf(await healthWith({ endpoint: proxy.url }, ['connectivity', 'clock_skew']), 'clock_skew');
			expect(clock).toMatchObject({ status: 'critical', cause: 'clock_skew' });
			expect(clock.description).toMatch(/ahead of/);
			expect(clock.fix).toMatch(/NTP/);
		} finally {
			await proxy.close();
		}
	});

	test('missing secret key: named before anything is sent', async () => {
		const credentials = resultOf(await healthWith({ secret_key: '' }, ['credentials']), 'credentials');
		expect(credentials).toMatchObject({ status: 'critical', cause: 'missing_credentials' });
		expect(credentials.description).toMatch(/secret key is not set/);
	});
});

describe('public URL and CDN', () => {
	test('R2 without a public URL: says files cannot be shown and how to connect r2.dev or a domain', async () => {
		const result = resultOf(
			await healthWith({ provider: 'r2', account_id: '0123456789abcdef0123456789abcdef', public_url: '' }, ['public_access']),
			'public_access',
		);
		expect(result).toMatchObject({ status: 'critical', cause: 'no_public_url' });
		expect(result.fix).toMatch(/r2\.dev/);
	});

	test('public URL pointing elsewhere: 404 for a file that exists', async () => {
		const result = resultOf(await healthWith({ public_url: `${s3.endpoint}/another-bucket` }, ['public_access']), 'public_access');
		expect(result).toMatchObject({ status: 'critical', cause: 'public_url_wrong' });
	});

	test('CDN host serving other bytes: the wrong CDN host is named', async () => {
		const wrong = await fixedResponseServer(200, '<html>another site</html>');
		try {
			const cdn = resultOf(await healthWith({ cdn_host: wrong.url }, ['cdn']), 'cdn');
			expect(cdn).toMatchObject({ status: 'critical', cause: 'cdn_wrong_host' });
			expect(cdn.description).toContain(`127.0.0.1:${wrong.port}`);
			expect(cdn.fix).toMatch(/CDN host/);
		} finally {
			await wrong.close();
		}
	});

	test('CDN not pulling from the bucket: 404 through the CDN', async () => {
		const empty = await fixedResponseServer(404, 'Not Found');
		try {
			const cdn = resultOf(await healthWith({ cdn_host: empty.url }, ['cdn']), 'cdn');
			expect(cdn).toMatchObject({ status: 'critical', cause: 'cdn_not_pulling' });
			expect(cdn.fix).toMatch(/origin/);
		} finally {
			await empty.close();
		}
	});

	test('CDN host that does not answer', async () => {
		const cdn = resultOf(await healthWith({ cdn_host: `http://127.0.0.1:${await closedPort()}` }, ['cdn']), 'cdn');
		expect(cdn).toMatchObject({ status: 'critical', cause: 'cdn_unreachable' });
	});

	test('a CDN that pulls from the bucket passes, bytes compared', async () => {
		const cdnServer = await pullThroughCdn(`${s3.endpoint}/${s3.bucket}`);
		try {
			const cdn = resultOf(await healthWith({ cdn_host: cdnServer.url }, ['cdn']), 'cdn');
			expect(cdn.status).toBe('good');
		} finally {
			await cdnServer.close();
		}
	});
});

describe('Bunny Edge Storage (fake API)', () => {
	let bunny: BunnyFake;
	beforeAll(async () => {
		bunny = await startBunnyFake();
	});
	afterAll(() => bunny.close());
	const bunnySettings = () => ({
		provider: 'bunny',
		endpoint: bunny.url,
		region: 'de',
		bucket: bunny.zone,
		access_key: '',
		secret_key: bunny.password,
		pull_zone_host: bunny.pullZoneUrl,
	});

	test('zone password, upload and pull zone all pass', async () => {
		const results = await healthWith(bunnySettings(), ['connectivity', 'credentials', 'upload', 'public_access']);
		expect(results.map((r) => r.status)).toEqual(['good', 'good', 'good', 'good']);
	});

	test('account API key instead of the zone password: named, with where the password is', async () => {
		const credentials = resultOf(await healthWith({ ...bunnySettings(), secret_key: 'not-the-zone-password' }, ['credentials']), 'credentials');
		expect(credentials).toMatchObject({ status: 'critical', cause: 'bunny_unauthorized' });
		expect(credentials.fix).toMatch(/FTP & API Access, not your account API key/);
	});
});

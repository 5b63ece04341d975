// Where the sidecar calls a network's site back during its runs (sidecar/src/routes/run-site.ts), without a network:
// through WPMC_WORDPRESS_URL when that is an address of its own (the site named in the Host header, as a reverse
// proxy does), else on the site's own URL. A real local HTTP server records what each call really sent.
import type { Request } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, readConfig } from '../../sidecar/src/config';
import { addressOfSite, callbackFor, runSiteSchema, siteIdOf } from '../../sidecar/src/routes/run-site';
import { WordPressClient } from '../../sidecar/src/wordpress-client';

const SECRET = 'x'.repeat(32);
const site = (id: number, url: string, network_url: string) => runSiteSchema.parse({ id, url, network_url });
/** The client a run of this site uses, on a sidecar whose WPMC_WORDPRESS_URL is `wordpressUrl`. */
const clientFor = (wordpressUrl: string, id: number, url: string, network: string) =>
	new WordPressClient(wordpressUrl, SECRET).at(callbackFor(site(id, url, network)).callbackUrl);

test('a single site, or a start from an older plugin, is site 1 on WPMC_WORDPRESS_URL', () => {
	const base = new WordPressClient('http://127.0.0.1:8080', SECRET);
	expect(callbackFor(undefined)).toEqual({ siteId: 1, callbackUrl: null });
	expect(base.at(null)).toBe(base);
	expect(clientFor('https://example.com', 1, 'https://example.com/', 'https://example.com').target).toEqual({ url: 'https://example.com', host: null });
});

test('WPMC_WORDPRESS_URL on the network’s own host: each site on its own URL, a subdirectory site below it', () => {
	const wp = 'https://example.com';
	expect(clientFor(wp, 2, 'https://example.com/shop', wp).target).toEqual({ url: 'https://example.com/shop', host: null });
	expect(clientFor(wp, 3, 'https://blog.example.com', wp).target).toEqual({ url: 'https://blog.example.com', host: null });
	expect(clientFor(wp, 4, 'https://other-brand.test/', wp).target).toEqual({ url: 'https://other-brand.test', host: null });
	// A name that only starts like the main site's is not under it.
	expect(clientFor(wp, 5, 'https://example.com.evil.test', wp).target).toEqual({ url: 'https://example.com.evil.test', host: null });
});

test('WPMC_WORDPRESS_URL an address of its own: every site through it, named in the Host header', () => {
	const wp = 'http://127.0.0.1:8080';
	const network = 'https://example.com';
	expect(clientFor(wp, 1, network, network).target).toEqual({ url: wp, host: 'example.com' });
	expect(clientFor(wp, 2, 'https://example.com/shop', network).target).toEqual({ url: `${wp}/shop`, host: 'example.com' });
	expect(clientFor(wp, 3, 'https://blog.example.com', network).target).toEqual({ url: wp, host: 'blog.example.com' });
	// A port in the site's domain (WordPress keeps it in the site's domain) is part of the name.
	expect(clientFor('http://127.0.0.1:9368', 2, 'http://site2.localhost:9368', 'http://localhost:9368').target).toEqual({
		url: 'http://127.0.0.1:9368',
		host: 'site2.localhost:9368',
	});
	// A network in a folder: its subdomain sites share the folder; a mapped domain at its root is called at the root.
	expect(addressOfSite('http://10.0.0.5/wp', { url: 'https://blog.example.com/wp', network: 'https://example.com/wp' })).toEqual({
		url: 'http://10.0.0.5/wp',
		host: 'blog.example.com',
	});
	expect(addressOfSite('http://10.0.0.5/wp', { url: 'https://other-brand.test', network: 'https://example.com/wp' })).toEqual({
		url: 'http://10.0.0.5',
		host: 'other-brand.test',
	});
});

test('a run stored by the sidecar before (a path or a URL) is still called where it was', () => {
	const base = new WordPressClient('http://127.0.0.1:8080', SECRET);
	expect(base.at('/shop').target).toEqual({ url: 'http://127.0.0.1:8080/shop', host: null });
	expect(base.at('https://blog.example.com').target).toEqual({ url: 'https://blog.example.com', host: null });
});

test('the call really reaches the address with the site in the Host header, signed, and a redirect says what to change', async () => {
	const seen: { host?: string; url?: string; signed: boolean }[] = [];
	const server = http.createServer((request, response) => {
		seen.push({ host: request.headers.host, url: request.url, signed: typeof request.headers['x-wpmc-signature'] === 'string' });
		if (request.headers.host === 'moved.localhost') {
			response.writeHead(302, { Location: 'http://localhost/' }).end();
			return;
		}
		if (request.headers.host?.startsWith('127.0.0.1:')) {
			// What a network answers a name it does not know: a redirect to its main site.
			response.writeHead(302, { Location: 'http://localhost:9368/wp-signup.php?new=127.0.0.1' }).end();
			return;
		}
		response.setHeader('Content-Type', 'application/json');
		response.end(JSON.stringify({ ok: true }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const wp = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const client = clientFor(wp, 2, 'http://site2.localhost:9368', 'http://localhost:9368');
		await expect(client.post('/media-cloud/v1/migration/page', { after: 0 })).resolves.toEqual({ ok: true });
		expect(seen[0]).toEqual({ host: 'site2.localhost:9368', url: '/?rest_route=%2Fmedia-cloud%2Fv1%2Fmigration%2Fpage', signed: true });

		const moved = clientFor(wp, 3, 'http://moved.localhost', 'http://localhost:9368');
		await expect(moved.post('/media-cloud/v1/migration/page', {})).rejects.toThrow(/answered 302 .*redirect to http:\/\/localhost\/.*WPMC_WORDPRESS_URL/);
		// The heartbeat names no site: the answer says which name to give it.
		await expect(new WordPressClient(wp, SECRET).post('/media-cloud/v1/sidecar/heartbeat', {})).rejects.toThrow(
			"If localhost:9368 is the network's main site, set WPMC_WORDPRESS_HOST=localhost:9368 for this sidecar",
		);
	} finally {
		server.close();
	}
});

test('WPMC_WORDPRESS_HOST names the main site for the calls that name none (the heartbeat); a URL there is refused', () => {
	const env = {
		WPMC_SECRET: SECRET,
		WPMC_UPLOADS_DIR: '/srv/www/wp-content/uploads',
		WPMC_WORDPRESS_URL: 'http://127.0.0.1:8080',
		WPMC_DATA_DIR: '/var/lib/wpmc',
	};
	expect(readConfig(env).wordpressHost).toBeNull();
	const config = readConfig({ ...env, WPMC_WORDPRESS_HOST: 'localhost:9368' });
	const root = new WordPressClient(config.wordpressUrl, SECRET, config.wordpressHost);
	expect(root.target).toEqual({ url: 'http://127.0.0.1:8080', host: 'localhost:9368' });
	// A run's site is named by itself, whatever the main site's name.
	expect(root.at(callbackFor(site(2, 'http://site2.localhost:9368', 'http://localhost:9368')).callbackUrl).target.host).toBe('site2.localhost:9368');
	expect(() => readConfig({ ...env, WPMC_WORDPRESS_HOST: 'https://example.com/' })).toThrow(ConfigError);
	expect(() => readConfig({ ...env, WPMC_WORDPRESS_HOST: 'https://example.com/' })).toThrow(/WPMC_WORDPRESS_HOST must be a host name/);
});

test('only http(s) URLs and whole blog ids are accepted', () => {
	expect(runSiteSchema.safeParse({ id: 2, url: 'file:///etc/passwd', network_url: 'https://example.com' }).success).toBe(false);
	expect(runSiteSchema.safeParse({ id: 2, url: 'http://[bad', network_url: 'https://example.com' }).success).toBe(false);
	expect(runSiteSchema.safeParse({ id: 0, url: 'https://example.com', network_url: 'https://example.com' }).success).toBe(false);
	expect(siteIdOf({ query: {} } as unknown as Request)).toBe(1);
	expect(siteIdOf({ query: { site: '12' } } as unknown as Request)).toBe(12);
	expect(() => siteIdOf({ query: { site: '1 OR 1' } } as unknown as Request)).toThrow(/blog id/);
});

// Where the sidecar calls a network's site back during its runs (sidecar/src/routes/run-site.ts), without a network:
// the main site on WPMC_WORDPRESS_URL, a subdirectory site under it, a subdomain or mapped-domain site on its own URL.
import type { Request } from 'express';
import { callbackFor, runSiteSchema, siteIdOf } from '../../sidecar/src/routes/run-site';
import { WordPressClient } from '../../sidecar/src/wordpress-client';

const site = (id: number, url: string, network_url: string) => runSiteSchema.parse({ id, url, network_url });
const base = new WordPressClient('http://127.0.0.1:8080', 'x'.repeat(32));
const urlOf = (client: WordPressClient) => (client as unknown as { siteUrl: string }).siteUrl;

test('a single site, or a start from an older plugin, is site 1 on WPMC_WORDPRESS_URL', () => {
	expect(callbackFor(undefined)).toEqual({ siteId: 1, callbackUrl: null });
	expect(callbackFor(site(1, 'https://example.com/', 'https://example.com'))).toEqual({ siteId: 1, callbackUrl: null });
	expect(base.at(null)).toBe(base);
});

test('a subdirectory site is a path under WPMC_WORDPRESS_URL, which may be an internal address', () => {
	const shop = callbackFor(site(2, 'https://example.com/shop', 'https://example.com'));
	expect(shop).toEqual({ siteId: 2, callbackUrl: '/shop' });
	expect(urlOf(base.at(shop.callbackUrl))).toBe('http://127.0.0.1:8080/shop');
	// A name that only starts like the main site's is not under it.
	expect(callbackFor(site(3, 'https://example.com.evil.test', 'https://example.com')).callbackUrl).toBe('https://example.com.evil.test');
});

test('a subdomain or mapped-domain site is called on its own URL', () => {
	const sub = callbackFor(site(4, 'https://blog.example.com', 'https://example.com'));
	expect(sub).toEqual({ siteId: 4, callbackUrl: 'https://blog.example.com' });
	expect(urlOf(base.at(sub.callbackUrl))).toBe('https://blog.example.com');
	expect(callbackFor(site(5, 'https://other-brand.test/', 'https://example.com'))).toEqual({ siteId: 5, callbackUrl: 'https://other-brand.test' });
});

test('only http(s) URLs and whole blog ids are accepted', () => {
	expect(runSiteSchema.safeParse({ id: 2, url: 'file:///etc/passwd', network_url: 'https://example.com' }).success).toBe(false);
	expect(runSiteSchema.safeParse({ id: 0, url: 'https://example.com', network_url: 'https://example.com' }).success).toBe(false);
	expect(siteIdOf({ query: {} } as unknown as Request)).toBe(1);
	expect(siteIdOf({ query: { site: '12' } } as unknown as Request)).toBe(12);
	expect(() => siteIdOf({ query: { site: '1 OR 1' } } as unknown as Request)).toThrow(/blog id/);
});

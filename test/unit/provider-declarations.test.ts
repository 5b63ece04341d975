// The storage providers as the sidecar declares them (sidecar/src/storage/providers): capabilities, and the
// endpoint and public base URL each builds from the settings. Plain TypeScript, no storage; the conformance suite
// (test/providers/conformance.test.ts) runs every provider against a storage and checks WordPress agrees.
import { PROVIDERS } from '../../sidecar/src/storage/providers';
import { PROVIDER_URL_CASES, urlCaseSettings } from '../support/provider-url-cases';

describe('provider declarations', () => {
	test.each(Object.values(PROVIDERS).map((p) => [p.id, p] as const))('%s declares its capabilities and public URL form', (_id, provider) => {
		expect(typeof provider.capabilities.acl).toBe('boolean');
		expect(['required', 'virtual', 'optional']).toContain(provider.capabilities.pathStyle);
		expect(['virtual-host', 'path', 'public-url', 'pull-zone']).toContain(provider.capabilities.publicUrl);
		expect(provider.hints.publicAccess.length).toBeGreaterThan(20);
	});

	test.each(PROVIDER_URL_CASES)('%s %j → endpoint %s, public base %s', (id, extra, endpoint, publicBase) => {
		const settings = urlCaseSettings(id, extra);
		const provider = PROVIDERS[id];
		expect(provider.endpoint(settings)).toBe(endpoint);
		expect(provider.publicBase(settings)).toBe(publicBase);
	});
});

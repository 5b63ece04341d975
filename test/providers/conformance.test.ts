// One conformance suite every storage provider passes: each S3 preset (with its endpoint pointed at the local
// s3rver, path-style) through the shared S3 adapter, and Bunny's own adapter against a FAKE of Bunny's Edge
// Storage API built from its public docs (test/support/bunny-fake.ts) — the real service is out of reach here.
import { randomBytes } from 'node:crypto';
import { contractData } from '../../sidecar/src/contract-file';
import { BunnyAdapter } from '../../sidecar/src/storage/bunny-adapter';
import { StorageError } from '../../sidecar/src/storage/classify-error';
import { PROVIDERS } from '../../sidecar/src/storage/providers';
import { adapterFor } from '../../sidecar/src/storage/registry';
import { S3Adapter } from '../../sidecar/src/storage/s3-adapter';
import type { StorageAdapter, StorageSettings } from '../../sidecar/src/storage/types';
import { startBunnyFake, type BunnyFake } from '../support/bunny-fake';
import { PROVIDER_URL_CASES, urlCaseSettings } from '../support/provider-url-cases';
import { s3Proxy } from '../support/fault-servers';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const VALID_REGION: Record<string, string> = {
	s3: 'eu-west-1',
	r2: 'auto',
	wasabi: 'eu-central-1',
	b2: 'us-west-004',
	spaces: 'fra1',
	hetzner: 'nbg1',
	gcs: 'auto',
	's3-compatible': 'us-east-1',
};

function presetOnS3rver(provider: string): StorageSettings {
	return {
		provider,
		endpoint: site.s3.endpoint,
		region: VALID_REGION[provider],
		bucket: site.s3.bucket,
		access_key: site.s3.accessKeyId,
		secret_key: site.s3.secretAccessKey,
		path_style: true,
		account_id: '0123456789abcdef0123456789abcdef',
	};
}

let bunny: BunnyFake;
beforeAll(async () => {
	bunny = await startBunnyFake();
});
afterAll(() => bunny.close());

const s3Presets = Object.keys(PROVIDERS).filter((id) => PROVIDERS[id].api === 's3');
const cases: Array<[string, () => StorageAdapter]> = [
	...s3Presets.map((id): [string, () => StorageAdapter] => [id, () => adapterFor(presetOnS3rver(id))]),
	[
		'bunny (fake)',
		() =>
			adapterFor({
				provider: 'bunny',
				endpoint: bunny.url,
				region: 'de',
				bucket: bunny.zone,
				access_key: '',
				secret_key: bunny.password,
				path_style: false,
			}),
	],
];

describe.each(cases)('%s adapter', (_name, makeAdapter) => {
	const prefix = `conformance/${_name.replace(/\W+/g, '-')}-${Date.now()}`;

	test('puts, heads, reads back and deletes an object, byte for byte', async () => {
		const adapter = makeAdapter();
		const body = randomBytes(2048);
		const key = `${prefix}/2026/11/photo é 1.jpg`;
		await adapter.put({ key, body, size: body.length, contentType: 'image/jpeg', cacheControl: 'public, max-age=60' });
		expect(await adapter.head(key)).toMatchObject({ key, size: body.length });
		expect((await adapter.get(key))?.equals(body)).toBe(true);
		await adapter.delete([key]);
		expect(await adapter.head(key)).toBeNull();
		expect(await adapter.get(key)).toBeNull();
	});

	test('lists with the keys, and treats missing keys as absent, not as errors', async () => {
		const adapter = makeAdapter();
		await expect(adapter.probeList()).resolves.toBeUndefined();
		expect(await adapter.head(`${prefix}/never-uploaded.png`)).toBeNull();
		await expect(adapter.delete([`${prefix}/never-uploaded.png`])).resolves.toBeUndefined();
	});

	test('deletes many keys in one call', async () => {
		const adapter = makeAdapter();
		const keys = Array.from({ length: 12 }, (_, i) => `${prefix}/batch/${i}.txt`);
		await Promise.all(
			keys.map((key) => adapter.put({ key, body: Buffer.from(key), size: Buffer.byteLength(key), contentType: 'text/plain', cacheControl: '' })),
		);
		await adapter.delete(keys);
		expect(await Promise.all(keys.map((key) => adapter.head(key)))).toEqual(keys.map(() => null));
	});
});

describe('WordPress and the provider declarations', () => {
	// The sidecar's side of these URLs is checked in test/unit/provider-declarations.test.ts.
	test.each(PROVIDER_URL_CASES)('%s %j: WordPress builds endpoint %s and public base %s as the sidecar does', async (id, extra, endpoint, publicBase) => {
		const settings = urlCaseSettings(id, extra);
		// URL rewriting in PHP builds the same URLs without asking the sidecar.
		const php = await wpEval<[string, string]>(
			site,
			`$s = json_decode(${JSON.stringify(JSON.stringify(settings))}, true); return array( WP_Media_Cloud\\Settings_Providers::endpoint( $s ), WP_Media_Cloud\\Settings_Providers::public_base( $s, 'media' ) );`,
		);
		expect(php).toEqual([endpoint, publicBase]);
	});

	// The facts themselves are not copied into PHP any more: test/unit/contract-file.test.ts checks that the file
	// WordPress reads is current; this checks WordPress answers from it.
	test('WordPress lists the providers, regions, capabilities and check ids of the contract file', async () => {
		const php = await wpEval<{
			providers: Array<{ id: string; regions?: string[]; capabilities: Record<string, unknown> }>;
			checks: string[];
			connection: string[];
			labelled: string[];
		}>(
			site,
			'return array( "providers" => WP_Media_Cloud\\Settings_Providers::for_rest(), "checks" => WP_Media_Cloud\\Health\\Sidecar_Checks::ids(), "connection" => WP_Media_Cloud\\Setup_Checklist::connection_checks(), "labelled" => array_keys( WP_Media_Cloud\\Health\\Runner::labels() ) );',
		);
		const contract = contractData();
		expect(php.providers.map((p) => p.id)).toEqual(Object.keys(contract.providers));
		for (const entry of php.providers) {
			const provider = contract.providers[entry.id];
			expect(entry.regions).toEqual(provider.regions ?? undefined);
			expect(entry.capabilities).toEqual(provider.capabilities);
		}
		expect(php.checks).toEqual(contract.health.sidecar_checks);
		expect(php.connection).toEqual(contract.health.connection_checks);
		// Each check the sidecar runs has WordPress' translated label (a check added in the sidecar needs one).
		expect(contract.health.sidecar_checks.filter((id) => !php.labelled.includes(id))).toEqual([]);
	});
});

describe('ACL headers', () => {
	test('a bucket that refuses ACL headers (AccessControlListNotSupported) gets the upload without them, and never again', async () => {
		// AWS answers this for buckets with "bucket owner enforced" object ownership; s3rver has no such setting,
		// so a proxy in front of it gives AWS's documented answer to any PUT carrying x-amz-acl.
		const proxy = await s3Proxy(site.s3.endpoint, { refuseAcl: true });
		try {
			const settings = { ...presetOnS3rver('s3-compatible'), endpoint: proxy.url };
			const adapter = adapterFor(settings) as S3Adapter;
			expect(adapter.capabilities.acl).toBe(true);
			const body = Buffer.from('acl test');
			await adapter.put({ key: 'conformance/acl/a.txt', body, size: body.length, contentType: 'text/plain', cacheControl: '' });
			await adapter.put({ key: 'conformance/acl/b.txt', body, size: body.length, contentType: 'text/plain', cacheControl: '' });
			expect(adapter.aclRefused).toBe(true);
			expect(proxy.puts).toEqual({ total: 3, withAcl: 1 });
			// A new adapter for the same bucket (after a settings change) remembers it.
			const again = new S3Adapter({ settings: { ...settings, cache_control: 'x' } as StorageSettings, provider: PROVIDERS['s3-compatible'] });
			expect(again.capabilities.acl).toBe(false);
			await adapter.delete(['conformance/acl/a.txt', 'conformance/acl/b.txt']);
		} finally {
			await proxy.close();
		}
	});

	test('providers without object ACLs never send the header', async () => {
		const proxy = await s3Proxy(site.s3.endpoint, {});
		try {
			for (const id of s3Presets.filter((p) => !PROVIDERS[p].capabilities.acl)) {
				const adapter = adapterFor({ ...presetOnS3rver(id), endpoint: proxy.url });
				await adapter.put({ key: `conformance/noacl/${id}.txt`, body: Buffer.from(id), size: id.length, contentType: 'text/plain', cacheControl: '' });
				await adapter.delete([`conformance/noacl/${id}.txt`]);
			}
			expect(proxy.puts.total).toBeGreaterThanOrEqual(3);
			expect(proxy.puts.withAcl).toBe(0);
		} finally {
			await proxy.close();
		}
	});
});

test('Bunny: a wrong storage zone password is named as such, with the zone-password fix', async () => {
	const adapter = new BunnyAdapter(
		{ provider: 'bunny', endpoint: bunny.url, region: 'de', bucket: bunny.zone, access_key: '', secret_key: 'account-api-key-instead', path_style: false },
		PROVIDERS.bunny,
	);
	const error = await adapter.probeList().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).reason).toBe('bunny_unauthorized');
	expect((error as StorageError).remedy).toMatch(/storage zone’s password.*not your account API key/);
});

// One site served by two web servers, each with its own uploads folder and its own sidecar (issue 14): the
// practical form of a load-balanced site with a disk per server. Both PHP servers run the same WordPress and
// database; WP_MEDIA_CLOUD_SERVER_ID and UPLOADS come from each server's environment (wp-config.php below).
// An upload kept local on server A is not touched by server B's heartbeat, is offloaded by A's, and goes up
// exactly once: every PUT is counted by a proxy in front of s3rver, the objects read back with an independent client.
import fs from 'node:fs';
import path from 'node:path';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { withWpCli } from '../support/wp-cli';
import { makeNetwork, makePng, type Network } from './network';
import { objectBytes, bucketKeys } from './support';

jest.setTimeout(600_000);

const SERVER_CONFIG = `if ( getenv( 'WPMC_TEST_SERVER' ) ) {
	define( 'WP_MEDIA_CLOUD_SERVER_ID', getenv( 'WPMC_TEST_SERVER' ) );
	define( 'UPLOADS', 'wp-content/uploads-' . getenv( 'WPMC_TEST_SERVER' ) );
}`;
const SIDECAR_PORT = { A: 9357, B: 9361 } as const;
const WEB_PORT = { A: 9359, B: 9360 } as const;
const onServer = (server: 'A' | 'B') => ({ WPMC_TEST_SERVER: server, WPMC_TEST_SIDECAR_URL: `http://127.0.0.1:${SIDECAR_PORT[server]}` });

/** Each test needs a network made with the real WP-CLI: skipped, saying so, without it. */
const networkTest = withWpCli(test, 'several web servers on one network');

let network: Network;
let proxy: FaultProxy;
const uploadsOf = (server: 'A' | 'B') => path.join(network.dir, 'wp-content', `uploads-${server}`);

beforeAll(async () => {
	network = await makeNetwork({ name: 'ms-servers', port: 9356, sidecarPort: SIDECAR_PORT.A, s3Port: 9358, activation: 'single', config: SERVER_CONFIG });
	proxy = await startFaultProxy(network.s3.endpoint);
	await network.wpOk(['option', 'patch', 'update', 'wp_media_cloud_settings', 'endpoint', proxy.url]);
	for (const server of ['A', 'B'] as const) fs.mkdirSync(uploadsOf(server), { recursive: true });
});
afterAll(async () => {
	await proxy?.close();
	await network?.remove();
});

const wpJson = async <T>(args: string[]): Promise<T | null> => {
	const result = await network.wp([...args, '--format=json']);
	return result.code === 0 && result.stdout.trim() ? (JSON.parse(result.stdout) as T) : null;
};

async function waitFor<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await read();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

networkTest("an upload kept local on server A is left alone by server B's heartbeat and offloaded once by A's", async () => {
	// Uploaded on server A while its sidecar is down: the file is only on A's disk.
	const source = path.join(network.dir, 'upload-source', 'on-server-a.png');
	makePng(source, [90, 40, 160]);
	const id = Number((await network.wpOk(['media', 'import', source, '--porcelain'], { env: onServer('A') })).trim());
	const file = (await network.wpOk(['post', 'meta', 'get', String(id), '_wp_attached_file'])).trim();
	expect(fs.existsSync(path.join(uploadsOf('A'), file))).toBe(true);
	expect(fs.existsSync(path.join(uploadsOf('B'), file))).toBe(false);
	expect(await wpJson(['post', 'meta', 'get', String(id), '_wp_media_cloud_pending'])).toMatchObject({ server: 'A', attempts: 1 });

	// Server B's sidecar starts: its heartbeat reaches server B's WordPress, which must not try A's upload.
	await network.startWebServer(WEB_PORT.B, onServer('B'), 'web-b');
	await network.startSidecar({
		name: 'sidecar-b',
		port: SIDECAR_PORT.B,
		serverId: 'B',
		uploadsDir: uploadsOf('B'),
		wordpressUrl: `http://127.0.0.1:${WEB_PORT.B}`,
	});
	await waitFor("server B's heartbeat", async () => (await wpJson<Record<string, number>>(['option', 'get', 'wp_media_cloud_servers']))?.B);
	expect(await wpJson(['post', 'meta', 'get', String(id), '_wp_media_cloud_pending'])).toMatchObject({ server: 'A', attempts: 1 });
	expect(proxy.log.filter((request) => request.method === 'PUT')).toEqual([]);

	// Server A's sidecar starts: A offloads its own upload.
	await network.startWebServer(WEB_PORT.A, onServer('A'), 'web-a');
	await network.startSidecar({
		name: 'sidecar-a',
		port: SIDECAR_PORT.A,
		serverId: 'A',
		uploadsDir: uploadsOf('A'),
		wordpressUrl: `http://127.0.0.1:${WEB_PORT.A}`,
	});
	const record = await waitFor('the offload record', () => wpJson<{ keys: string[] }>(['post', 'meta', 'get', String(id), '_wp_media_cloud']));
	expect(await wpJson(['post', 'meta', 'get', String(id), '_wp_media_cloud_pending'])).toBeNull();

	// Every file once in the bucket, byte for byte A's, each PUT once.
	expect(await bucketKeys(network)).toEqual([...record.keys].sort());
	for (const key of record.keys) {
		expect(await objectBytes(network, key)).toEqual(fs.readFileSync(path.join(uploadsOf('A'), key.replace(/^wp-content\/uploads\//, ''))));
	}
	const puts = proxy.log
		.filter((request) => request.method === 'PUT')
		.map((request) => decodeURIComponent(request.path).replace(`/${network.s3.bucket}/`, ''));
	expect(puts.sort()).toEqual([...record.keys].sort());
});

// Entry point of the local S3-compatible server (s3rver), run as its own process by servers.ts:
//   node --openssl-legacy-provider --import tsx bin/dev/s3-server.ts --port 9000 --dir D --bucket media
// --openssl-legacy-provider is not optional: without it s3rver answers 500 to any listing longer
// than one page (it hashes continuation tokens with an algorithm OpenSSL 3 hides by default).
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDir, repoRoot } from './paths';

// s3rver ships no type declarations; this is the part of its API we use.
interface S3rverInstance {
	run(): Promise<{ address: string; port: number }>;
	close(): Promise<void>;
}
const S3rver = createRequire(path.join(repoRoot, 'package.json'))('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

// Lets wp-admin pages and browser tests read and upload objects directly.
const CORS = `<CORSConfiguration><CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>DELETE</AllowedMethod>
  <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			dir: { type: 'string' },
			bucket: { type: 'string', multiple: true },
		},
	});
	if (!values.port || !values.dir) throw new Error('usage: s3-server.ts --port N --dir DIR [--bucket NAME]…');
	const server = new S3rver({
		// s3rver checks the access key but not the secret and allows anonymous access:
		// it must never listen beyond this machine.
		address: '127.0.0.1',
		port: Number(values.port),
		directory: ensureDir(path.resolve(values.dir)),
		silent: true,
		configureBuckets: (values.bucket ?? []).map((name) => ({ name, configs: [CORS] })),
	});
	const { address, port } = await server.run();
	console.log(`s3rver listening on http://${address}:${port}, buckets: ${(values.bucket ?? []).join(', ')}`);
	const stop = () => void server.close().finally(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});

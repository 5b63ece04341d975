// A FAKE of Bunny Edge Storage, built only from Bunny's public Storage API documentation, because the real
// service cannot be reached from here. It implements what the docs describe and the adapter uses:
//   PUT    /{zone}/{path}/{file}   AccessKey: <zone password>  → 201 {"HttpCode":201,"Message":"File uploaded."}
//   GET    /{zone}/{path}/{file}   → 200 bytes, 404 when missing
//   GET    /{zone}/{path}/         → 200 JSON array of { ObjectName, Length, IsDirectory, Path, StorageZoneName, … }
//   DELETE /{zone}/{path}/{file}   → 200 {"HttpCode":200,"Message":"File deleted successfuly."}, 404 when missing
//   a wrong zone or password       → 401 {"HttpCode":401,"Message":"Unauthorized"}
// It also serves the zone's files anonymously under /pull/{path}, standing in for a connected pull zone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BunnyFake {
	/** The storage API endpoint, e.g. http://127.0.0.1:PORT (use it as the `endpoint` override). */
	url: string;
	/** Base URL of the stand-in pull zone (use its host as `pull_zone_host`). */
	pullZoneUrl: string;
	zone: string;
	password: string;
	files: Map<string, Buffer>;
	close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
	res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

export async function startBunnyFake(zone = 'media-zone', password = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d6e7f-8a9b'): Promise<BunnyFake> {
	const files = new Map<string, Buffer>();
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
		const body = await new Promise<Buffer>((resolve) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => resolve(Buffer.concat(chunks)));
		});
		if (segments[0] === 'pull') {
			const file = files.get(segments.slice(1).join('/'));
			if (!file) return res.writeHead(404).end('Not found');
			return res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(file);
		}
		if (segments[0] !== zone || req.headers.accesskey !== password) return json(res, 401, { HttpCode: 401, Message: 'Unauthorized' });
		const key = segments.slice(1).join('/');
		switch (req.method) {
			case 'PUT':
				files.set(key, body);
				return json(res, 201, { HttpCode: 201, Message: 'File uploaded.' });
			case 'GET': {
				if (!url.pathname.endsWith('/')) {
					const file = files.get(key);
					return file
						? res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(file)
						: json(res, 404, { HttpCode: 404, Message: 'Object Not Found' });
				}
				const entries = new Map<string, { ObjectName: string; Length: number; IsDirectory: boolean }>();
				for (const [path, file] of files) {
					if (!path.startsWith(key)) continue;
					const rest = path.slice(key.length).split('/');
					const name = rest[0];
					entries.set(name, { ObjectName: name, Length: rest.length > 1 ? 0 : file.length, IsDirectory: rest.length > 1 });
				}
				return json(
					res,
					200,
					[...entries.values()].map((entry) => ({ ...entry, StorageZoneName: zone, Path: `/${zone}/${key}` })),
				);
			}
			case 'DELETE':
				return files.delete(key)
					? json(res, 200, { HttpCode: 200, Message: 'File deleted successfuly.' })
					: json(res, 404, { HttpCode: 404, Message: 'Object Not Found' });
		}
		return json(res, 405, { HttpCode: 405, Message: 'Method not allowed' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		pullZoneUrl: `http://127.0.0.1:${port}/pull`,
		zone,
		password,
		files,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

// A storage endpoint that hangs: a TCP server on loopback that accepts every connection, reads what the client
// sends and never answers a byte. This is what a stuck storage server (or a proxy holding requests) looks like to
// the sidecar, unlike blackholePort() (fault-servers.ts), where the connection itself is never accepted.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentServer {
	url: string;
	port: number;
	/** Connections accepted so far: proves the client reached this server (and was not refused elsewhere). */
	readonly accepted: number;
	close(): Promise<void>;
}

export async function silentServer(): Promise<SilentServer> {
	const sockets = new Set<net.Socket>();
	let accepted = 0;
	const server = net.createServer((socket) => {
		accepted++;
		sockets.add(socket);
		socket.on('data', () => undefined); // Read and drop: a full receive buffer would be another failure.
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		get accepted() {
			return accepted;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

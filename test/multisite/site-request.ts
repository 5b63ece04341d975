// HTTP to a network's site by its own URL, also a subdomain site's (http://site2.localhost:9368/…), without DNS or
// /etc/hosts: every *.localhost name is looked up as 127.0.0.1 (what chromium does by itself, RFC 6761), so the
// request carries the site's name in its Host header and reaches the network's one PHP server.
//   const answer = await requestSite(`${network.siteUrl(2)}/?rest_route=/wp/v2/media`, { method: 'POST', … });
import http from 'node:http';
import type { LookupFunction } from 'node:net';

/** Looks up `*.localhost` (and `localhost`) as 127.0.0.1; any other name is refused: the tests only talk to loopback. */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
	if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
		callback(Object.assign(new Error(`${hostname} is not a loopback name`), { code: 'ENOTFOUND' }), '', 4);
		return;
	}
	// Node asks for every address (`all`) when it may try both families.
	if (options.all)
		(callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
	else callback(null, '127.0.0.1', 4);
};

export interface SiteAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
}

export function requestSite(url: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<SiteAnswer> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers, lookup: loopbackLookup, agent: false }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(init.body);
	});
}

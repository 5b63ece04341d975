import http from 'node:http';
import https from 'node:https';
import { sign } from './auth/signature';
import { addressOfSite } from './routes/run-site';

/** Where a call goes: the URL connected to, and the Host header naming the site (null: the URL's own host). */
export interface CallTarget {
	url: string;
	host: string | null;
}

/**
 * Signed calls from the sidecar to the plugin's REST routes. The signed path is the REST route
 * (`/media-cloud/v1/...`) followed by the query string exactly as sent (`?rest_route=%2Fmedia-cloud…`), not the
 * URL path, so it holds whatever the site's permalink setup is, and WordPress refuses any parameter added to
 * the query on the way (its REST API would read one, e.g. `ids[]`, as if it were in the signed body). The host
 * is not signed: the same signed call reaches a site by its own name or through WPMC_WORDPRESS_URL.
 */
export class WordPressClient {
	constructor(
		private readonly siteUrl: string,
		private readonly secret: string,
		/** The Host header that names the site on siteUrl's server, when siteUrl is not the site's own address. */
		private readonly host: string | null = null,
	) {}

	/** Where this client's calls go (for logs and tests). */
	get target(): CallTarget {
		return { url: this.siteUrl, host: this.host };
	}

	/**
	 * The client of one site of a network, as its run stored it (routes/run-site.ts, callbackFor): null is
	 * WPMC_WORDPRESS_URL itself; a site (its home URL and its network's) is reached as addressOfSite() says.
	 * A path (`/site2`) or a URL of its own are what a sidecar before this one stored for a run still going.
	 */
	at(callbackUrl: string | null): WordPressClient {
		if (!callbackUrl) return this;
		if (callbackUrl.startsWith('/')) return new WordPressClient(`${this.siteUrl}${callbackUrl}`, this.secret, this.host);
		if (!callbackUrl.startsWith('{')) return new WordPressClient(callbackUrl, this.secret);
		const target = addressOfSite(this.siteUrl, JSON.parse(callbackUrl) as { url: string; network: string });
		return new WordPressClient(target.url, this.secret, target.host);
	}

	async post<T = unknown>(route: string, payload: unknown, timeoutMs = 120_000): Promise<T> {
		const body = JSON.stringify(payload ?? {});
		const query = `rest_route=${encodeURIComponent(route)}`;
		const headers = { 'Content-Type': 'application/json', ...sign(this.secret, 'POST', `${route}?${query}`, body) };
		const response = await this.send(`${this.siteUrl}/?${query}`, headers, body, timeoutMs);
		if (response.status >= 300 && response.status < 400) {
			// A redirect would turn the signed POST into a GET: say where it went instead of failing on the page there.
			throw new Error(
				`WordPress at ${this.describe()} answered ${response.status} to ${route}, a redirect to ${response.location ?? '(no location)'}. ${this.redirectRemedy(response.location)}`,
			);
		}
		if (response.status < 200 || response.status >= 300) {
			throw new Error(`WordPress answered ${response.status} to ${route}: ${response.text.slice(0, 300)}`);
		}
		return (response.text ? JSON.parse(response.text) : null) as T;
	}

	/**
	 * A network answers a name it does not know (`http://127.0.0.1`) with a redirect to its main site: that
	 * redirect's host is the name the calls that name no site (the heartbeat) must send.
	 */
	private redirectRemedy(location: string | undefined): string {
		const named = location && URL.canParse(location) ? new URL(location).host : '';
		if (!this.host && named && named !== new URL(this.siteUrl).host) {
			return `If ${named} is the network's main site, set WPMC_WORDPRESS_HOST=${named} for this sidecar (or point WPMC_WORDPRESS_URL at it).`;
		}
		return 'Point WPMC_WORDPRESS_URL at an address where the web server serves the site without redirecting.';
	}

	private describe(): string {
		return this.host ? `${this.siteUrl} (as ${this.host})` : this.siteUrl;
	}

	/**
	 * One POST with node:http(s): fetch ignores a Host header (measured on Node 20: the server saw the URL's own
	 * host), and naming the site is the point. Node also takes the TLS server name from the Host header, so an
	 * https address checks the site's own certificate, as `curl --resolve` would.
	 */
	private send(
		url: string,
		headers: Record<string, string>,
		body: string,
		timeoutMs: number,
	): Promise<{ status: number; text: string; location: string | undefined }> {
		const client = url.startsWith('https:') ? https : http;
		return new Promise((resolve, reject) => {
			const request = client.request(
				url,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), ...(this.host ? { Host: this.host } : {}) },
					signal: AbortSignal.timeout(timeoutMs),
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), location: response.headers.location }),
					);
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	}
}

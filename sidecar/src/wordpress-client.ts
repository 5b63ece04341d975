import { sign } from './auth/signature';

/**
 * Signed calls from the sidecar to the plugin's REST routes. The signed path is the REST route
 * (`/media-cloud/v1/...`) followed by the query string exactly as sent (`?rest_route=%2Fmedia-cloud…`), not the
 * URL path, so it holds whatever the site's permalink setup is, and WordPress refuses any parameter added to
 * the query on the way (its REST API would read one, e.g. `ids[]`, as if it were in the signed body).
 */
export class WordPressClient {
	constructor(
		private readonly siteUrl: string,
		private readonly secret: string,
	) {}

	/**
	 * The client of one site of a network: `null` is this site (WPMC_WORDPRESS_URL), a path (`/site2`) a
	 * subdirectory site under it, reached the same way as the main site; a URL a site of its own (a subdomain).
	 */
	at(callbackUrl: string | null): WordPressClient {
		if (!callbackUrl) return this;
		return new WordPressClient(callbackUrl.startsWith('/') ? `${this.siteUrl}${callbackUrl}` : callbackUrl, this.secret);
	}

	async post<T = unknown>(route: string, payload: unknown, timeoutMs = 120_000): Promise<T> {
		const body = JSON.stringify(payload ?? {});
		const query = `rest_route=${encodeURIComponent(route)}`;
		const response = await fetch(`${this.siteUrl}/?${query}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...sign(this.secret, 'POST', `${route}?${query}`, body) },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`WordPress answered ${response.status} to ${route}: ${text.slice(0, 300)}`);
		}
		return (text ? JSON.parse(text) : null) as T;
	}
}

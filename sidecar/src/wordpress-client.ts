import { sign } from './auth/signature';

/**
 * Signed calls from the sidecar to the plugin's REST routes. The signed path is the REST route
 * (`/media-cloud/v1/...`), not the URL path, so it holds whatever the site's permalink setup is.
 */
export class WordPressClient {
	constructor(
		private readonly siteUrl: string,
		private readonly secret: string,
	) {}

	async post<T = unknown>(route: string, payload: unknown, timeoutMs = 120_000): Promise<T> {
		const body = JSON.stringify(payload ?? {});
		const response = await fetch(`${this.siteUrl}/?rest_route=${encodeURIComponent(route)}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...sign(this.secret, 'POST', route, body) },
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

// The one helper tests use to call the plugin's own REST routes (/wp-json/media-cloud/v1/…) as the administrator
// (application password), as the admin screens do. WordPress's own routes (wp/v2/media…) are in media.ts.
import type { TestSite } from './stack';

export interface RestAnswer<T> {
	status: number;
	body: T;
}

/**
 * Calls `method route` under media-cloud/v1 and reads the JSON answer, whatever its status.
 * `raw` sends that text as the body instead of `body` as JSON (for malformed-input tests).
 */
export async function rest<T = any>(site: TestSite, method: string, route: string, body?: unknown, raw?: string): Promise<RestAnswer<T>> {
	const response = await fetch(`${site.restUrl}media-cloud/v1${route}`, {
		method,
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
		body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	return { status: response.status, body: (await response.json()) as T };
}

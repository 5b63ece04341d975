// Calls the plugin's REST routes as the admin (application password), as the Tools page does.
import type { TestSite } from '../support/stack';

export async function api<T>(site: TestSite, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
	const response = await fetch(`${site.restUrl}media-cloud/v1${route}`, {
		method,
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as T };
}

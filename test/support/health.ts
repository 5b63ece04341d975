// Helpers for the health tests: run checks through WordPress' REST API (the path the admin page takes) with
// settings written as-is, and find one check's result.
import { getSite, wpEval, type TestSite } from './stack';

/**
 * One result as WordPress serves it (REST /health, Site Health, the CLI): the sidecar's codes worded in the site's
 * language (plugin/inc/health/class-messages.php), with the check's label.
 */
export interface HealthResult {
	test: string;
	label: string;
	status: 'good' | 'recommended' | 'critical';
	description: string;
	actions: string;
	cause?: string;
	fix?: string;
	details?: Record<string, unknown>;
}

export const site: TestSite = getSite('sqlite');

/**
 * Writes storage settings without the settings validation, the way wp-config.php constants or an old version
 * could have stored them: the health check must catch what validation never saw (a trailing space in a secret…).
 * Returns a function that restores the previous option. `on`: another test site than the SQLite one.
 */
export async function writeSettingsAsIs(changes: Record<string, unknown>, on: TestSite = site): Promise<() => Promise<void>> {
	const write = (value: string) => `remove_all_filters( 'sanitize_option_wp_media_cloud_settings' ); update_option( 'wp_media_cloud_settings', ${value} );`;
	const previous = await wpEval<Record<string, unknown>>(
		on,
		`$old = get_option( 'wp_media_cloud_settings', array() ); ${write(`array_merge( $old, json_decode( ${JSON.stringify(JSON.stringify(changes))}, true ) )`)} return $old;`,
	);
	return async () => {
		await wpEval(on, `${write(`json_decode( ${JSON.stringify(JSON.stringify(previous))}, true )`)} return true;`);
	};
}

export async function runHealth(checks?: string[]): Promise<HealthResult[]> {
	const response = await fetch(`${site.restUrl}media-cloud/v1/health`, {
		method: 'POST',
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
		body: JSON.stringify(checks ? { checks } : {}),
	});
	const body = (await response.json()) as { results: HealthResult[]; ran_at: string };
	if (response.status !== 200) throw new Error(`POST /health answered ${response.status}: ${JSON.stringify(body)}`);
	return body.results;
}

export function resultOf(results: HealthResult[], test: string): HealthResult {
	const found = results.find((result) => result.test === test);
	if (!found) throw new Error(`No "${test}" result in ${JSON.stringify(results.map((r) => r.test))}`);
	return found;
}

/** Runs the checks with these settings (restored afterwards) and returns the results. */
export async function healthWith(changes: Record<string, unknown>, checks?: string[]): Promise<HealthResult[]> {
	const restore = await writeSettingsAsIs(changes);
	try {
		return await runHealth(checks);
	} finally {
		await restore();
	}
}

export const STORAGE_CHECKS = ['connectivity', 'credentials', 'upload', 'public_access', 'cdn', 'clock_skew'];

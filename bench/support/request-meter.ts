// Measures WordPress requests of a bench site as a person's browser makes them: wall time from this process, and
// from inside PHP the queries ($wpdb->num_queries) and peak memory of that one request, written by a must-use
// plugin the bench installs. The same plugin can switch Media Cloud off for one request (X-Bench-Plugin: off),
// so "plugin inactive" is measured on the same site and data without running its deactivation hooks.
import fs from 'node:fs';
import path from 'node:path';
import { authHeader, PLUGIN_FILE, type Site } from '../../bin/dev/site';

const MU_PLUGIN = `<?php
// Installed by bench/support/request-meter.ts on benchmark sites only.
if ( 'off' === ( $_SERVER['HTTP_X_BENCH_PLUGIN'] ?? '' ) ) {
	add_filter( 'option_active_plugins', static fn ( $plugins ) => array_values( array_diff( (array) $plugins, array( '${PLUGIN_FILE}' ) ) ) );
}
$wpmc_bench_id = preg_replace( '/[^a-z0-9-]/', '', (string) ( $_SERVER['HTTP_X_BENCH_ID'] ?? '' ) );
// The sidecar calls WordPress as ?rest_route=%2Fmedia-cloud%2Fv1%2Fsidecar%2F…
$wpmc_bench_callback = str_contains( urldecode( (string) ( $_SERVER['REQUEST_URI'] ?? '' ) ), '/media-cloud/v1/sidecar/' );
if ( '' !== $wpmc_bench_id || $wpmc_bench_callback ) {
	register_shutdown_function(
		static function () use ( $wpmc_bench_id, $wpmc_bench_callback ) {
			global $wpdb;
			$line = array( 'uri' => urldecode( (string) $_SERVER['REQUEST_URI'] ), 'queries' => $wpdb->num_queries, 'peak' => memory_get_peak_usage(), 'seconds' => microtime( true ) - $_SERVER['REQUEST_TIME_FLOAT'] );
			if ( $wpmc_bench_callback ) {
				$body          = json_decode( (string) file_get_contents( 'php://input' ), true );
				$line['items'] = is_array( $body ) ? ( isset( $body['results'] ) ? count( (array) $body['results'] ) : (int) ( $body['limit'] ?? 0 ) ) : 0;
				file_put_contents( WP_CONTENT_DIR . '/bench-callbacks.jsonl', wp_json_encode( $line ) . "\\n", FILE_APPEND | LOCK_EX );
			} else {
				file_put_contents( WP_CONTENT_DIR . "/bench-meter-$wpmc_bench_id.json", wp_json_encode( $line ) );
			}
		}
	);
}
`;

export interface Metered {
	seconds: number;
	queries: number;
	peakMb: number;
	status: number;
}

export class RequestMeter {
	private cookies = '';
	private counter = 0;

	constructor(
		private readonly site: Site,
		private readonly wpEval: <T>(php: string) => Promise<T>,
	) {
		const dir = path.join(site.dir, 'wp-content', 'mu-plugins');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'bench-meter.php'), MU_PLUGIN);
	}

	/** The admin's login cookies, made by WordPress itself (the same as after wp-login.php). */
	async logIn(): Promise<void> {
		const cookies = await this.wpEval<Record<string, string>>(`
			$expires = time() + 4 * HOUR_IN_SECONDS;
			return array( AUTH_COOKIE => wp_generate_auth_cookie( 1, $expires, 'auth' ), LOGGED_IN_COOKIE => wp_generate_auth_cookie( 1, $expires, 'logged_in' ) );
		`);
		this.cookies = Object.entries(cookies)
			.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
			.join('; ');
	}

	/** One admin page, as the logged-in admin. */
	page(pathname: string, pluginOff = false): Promise<Metered> {
		return this.measure(`${this.site.url}${pathname}`, { headers: { Cookie: this.cookies, ...(pluginOff ? { 'X-Bench-Plugin': 'off' } : {}) } });
	}

	/** One REST call of the plugin's API, with the admin's application password. */
	rest(method: string, route: string, body?: unknown): Promise<Metered> {
		return this.measure(`${this.site.restUrl}media-cloud/v1${route}`, {
			method,
			headers: { Authorization: authHeader(this.site), 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	/** The sidecar callbacks' log so far: one line per page or results call. */
	callbacks(): Array<{ uri: string; queries: number; items: number; peak: number }> {
		const file = path.join(this.site.dir, 'wp-content', 'bench-callbacks.jsonl');
		if (!fs.existsSync(file)) return [];
		return fs
			.readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line));
	}

	clearCallbacks(): void {
		fs.rmSync(path.join(this.site.dir, 'wp-content', 'bench-callbacks.jsonl'), { force: true });
	}

	private async measure(url: string, init: RequestInit): Promise<Metered> {
		const id = `r${process.pid}-${++this.counter}`;
		const started = performance.now();
		const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), 'X-Bench-Id': id } });
		await response.arrayBuffer();
		const seconds = (performance.now() - started) / 1000;
		const file = path.join(this.site.dir, 'wp-content', `bench-meter-${id}.json`);
		// The shutdown function writes after the response is flushed: wait for it, briefly.
		for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 20));
		const inside = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { queries: NaN, peak: NaN };
		fs.rmSync(file, { force: true });
		if (!response.ok) console.warn(`  ${init.method ?? 'GET'} ${url}: HTTP ${response.status}`);
		return { seconds, queries: inside.queries, peakMb: inside.peak / 1048576, status: response.status };
	}
}

/** The median of several runs of the same request (by time), after one warm-up run. */
export async function medianOf(runs: number, request: () => Promise<Metered>): Promise<Metered> {
	await request();
	const results: Metered[] = [];
	for (let i = 0; i < runs; i++) results.push(await request());
	results.sort((a, b) => a.seconds - b.seconds);
	return results[Math.floor(results.length / 2)];
}

// The ways users reach the health check: REST POST/GET /health (admin page), core Site Health, and
// `wp media-cloud health` (the real WP-CLI).
import { resultOf, runHealth, site, writeSettingsAsIs } from '../support/health';
import { wpEval } from '../support/stack';
import { messages, wp, withWpCli } from '../support/wp-cli';

const cli = (commandLine: string) => wp(site, commandLine);

/** Every check, in the order a full run gives them (REST, Site Health and WP-CLI alike). */
const ALL_CHECKS = [
	'connectivity',
	'credentials',
	'upload',
	'public_access',
	'cdn',
	'clock_skew',
	'offload_status',
	'rewrite_urls',
	'stored_settings',
	'page_cache',
	'hardcoded_urls',
	'missing_files',
	'sidecar_version',
];

/** GET /health: the last full run, as the admin page reads it. */
const lastRun = () => fetch(`${site.restUrl}media-cloud/v1/health`, { headers: { Authorization: site.authHeader } }).then((r) => r.json());

test('"Test connection" runs exactly connectivity, credentials and upload; GET /health returns that run', async () => {
	const results = await runHealth(['connectivity', 'credentials', 'upload']);
	expect(results.map((r) => r.test)).toEqual(['connectivity', 'credentials', 'upload']);
	const last = (await lastRun()) as { results: unknown[]; ran_at: string };
	expect(last.results).toEqual(JSON.parse(JSON.stringify(results)));
	expect(Date.parse(last.ran_at)).toBeGreaterThan(Date.now() - 60_000);
});

test('all checks by default, each in the Site Health shape', async () => {
	const results = await runHealth();
	expect(results.map((r) => r.test)).toEqual(ALL_CHECKS);
	for (const result of results) {
		expect(['good', 'recommended', 'critical']).toContain(result.status);
		expect(result.label).not.toBe('');
		expect(result.description).not.toBe('');
		if (result.status !== 'good') expect(result.fix).toBeTruthy();
	}
});

test('an unknown check id is refused with the list of valid ones', async () => {
	const response = await fetch(`${site.restUrl}media-cloud/v1/health`, {
		method: 'POST',
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
		body: JSON.stringify({ checks: ['credentials', 'dns-magic'] }),
	});
	expect(response.status).toBe(400);
	expect(JSON.stringify(await response.json())).toMatch(/connectivity/);
});

test('health needs manage_options', async () => {
	expect((await fetch(`${site.restUrl}media-cloud/v1/health`, { method: 'POST' })).status).toBe(401);
});

test('secrets never appear in health output, even when the check fails on them', async () => {
	const secret = 'very-secret-value-that-must-not-leak';
	const restore = await writeSettingsAsIs({ secret_key: secret, access_key: 'UNKNOWNACCESSKEY' });
	try {
		const body = JSON.stringify(await runHealth(['connectivity', 'credentials', 'upload']));
		expect(body).not.toContain(secret);
		expect(body).not.toContain('UNKNOWNACCESSKEY');
	} finally {
		await restore();
	}
});

test('in core Site Health every check is an async REST test, so none runs before the page renders', async () => {
	const result = await wpEval<{ direct: string[]; async: Array<{ id: string; test: string; has_rest: boolean; direct: boolean }> }>(
		site,
		`require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
     $tests = WP_Site_Health::get_tests();
     $ours  = fn ( $k ) => str_starts_with( $k, 'wp_media_cloud_' );
     $async = array();
     foreach ( array_filter( $tests['async'], $ours, ARRAY_FILTER_USE_KEY ) as $id => $test ) {
       $async[] = array( 'id' => $id, 'test' => $test['test'], 'has_rest' => ! empty( $test['has_rest'] ), 'direct' => is_callable( $test['async_direct_test'] ?? null ) );
     }
     return array( 'direct' => array_values( array_filter( array_keys( $tests['direct'] ), $ours ) ), 'async' => $async );`,
	);
	// A direct test runs while wp-admin/site-health.php renders: at 100,000 attachments ours made it take 13.9 s.
	expect(result.direct).toEqual([]);
	expect(result.async.map((test) => test.id)).toEqual(ALL_CHECKS.map((id) => `wp_media_cloud_${id}`));
	for (const test of result.async) expect(test).toMatchObject({ has_rest: true, direct: true });

	// What core's script does for each: a GET of the test's REST URL, answered in core's result format.
	const upload = result.async.find((test) => test.id === 'wp_media_cloud_upload')!;
	const answer = await fetch(upload.test, { headers: { Authorization: site.authHeader } });
	expect(answer.status).toBe(200);
	expect(await answer.json()).toMatchObject({ status: 'good', test: 'wp_media_cloud_upload', badge: { label: 'Media Cloud' } });
	expect((await fetch(upload.test)).status).toBe(401);
	// Running one check through Site Health leaves the last full run (GET /health) alone.
	const before = await lastRun();
	await fetch(upload.test.replace(/upload$/, 'clock_skew'), { headers: { Authorization: site.authHeader } });
	expect(await lastRun()).toEqual(before);
});

withWpCli(test, 'the health command')('wp media-cloud health --format=json prints only the report on stdout; a critical check makes it exit 1', async () => {
	const ok = await cli('media-cloud health --checks=connectivity,credentials --format=json');
	expect(ok.exit).toBe(0);
	// The whole of stdout is the report (a script pipes it to jq); the summary is on stderr.
	const printed = JSON.parse(ok.stdout) as { results: Array<{ test: string; status: string }> };
	expect(printed.results.map((r) => [r.test, r.status])).toEqual([
		['connectivity', 'good'],
		['credentials', 'good'],
	]);
	expect(messages(ok.stderr, 'Success')).toEqual(['No critical problems found.']);

	const restore = await writeSettingsAsIs({ bucket: 'no-such-bucket-here' });
	try {
		const failing = await cli('media-cloud health --checks=credentials --format=json');
		expect(failing.exit).toBe(1);
		const report = JSON.parse(failing.stdout) as { results: Array<{ cause: string }> };
		expect(resultOf(report.results as never, 'credentials')).toMatchObject({ cause: 'bucket_not_found' });
		expect(messages(failing.stderr, 'Error')).toEqual(['1 check is critical.']);
	} finally {
		await restore();
	}
});

withWpCli(test, 'the health command')('wp media-cloud health refuses an unknown check id with the valid ones (exit 1), and an unknown format', async () => {
	const [bogus, xml] = await Promise.all([cli('media-cloud health --checks=credentials,bogus'), cli('media-cloud health --format=xml')]);
	expect(bogus.exit).toBe(1);
	expect(bogus.stdout).toBe('');
	expect(messages(bogus.stderr, 'Error')).toEqual([
		'Unknown check id: bogus. Nothing was run. Valid ids: connectivity, credentials, upload, public_access, cdn, clock_skew, offload_status, rewrite_urls, stored_settings, page_cache, hardcoded_urls, missing_files, sidecar_version.',
	]);
	expect(xml.exit).toBe(1);
	expect(xml.stderr).toContain("Invalid value specified for 'format' (How to print the results: table or json.)");
});

// The ways users reach the health check: REST POST/GET /health (admin page), core Site Health, and
// `wp media-cloud health --format=json` (through the recording WP-CLI stand-in, WP-CLI cannot be installed here).
import { resultOf, runHealth, site, writeSettingsAsIs } from '../support/health';
import { wpEval } from '../support/stack';
import { wp } from '../support/wp-cli';

const cli = (commandLine: string) => wp(site, commandLine);

test('"Test connection" runs exactly connectivity, credentials and upload; GET /health returns that run', async () => {
  const results = await runHealth(['connectivity', 'credentials', 'upload']);
  expect(results.map((r) => r.test)).toEqual(['connectivity', 'credentials', 'upload']);
  const last = await fetch(`${site.restUrl}media-cloud/v1/health`, { headers: { Authorization: site.authHeader } }).then((r) => r.json() as Promise<{ results: unknown[]; ran_at: string }>);
  expect(last.results).toEqual(JSON.parse(JSON.stringify(results)));
  expect(Date.parse(last.ran_at)).toBeGreaterThan(Date.now() - 60_000);
});

test('all checks by default, each in the Site Health shape', async () => {
  const results = await runHealth();
  expect(results.map((r) => r.test)).toEqual(['connectivity', 'credentials', 'upload', 'public_access', 'cdn', 'clock_skew', 'offload_status', 'rewrite_urls', 'page_cache', 'hardcoded_urls', 'missing_files']);
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

test('registered in core Site Health: one direct test per check, in core’s result format', async () => {
  const result = await wpEval<{ keys: string[]; upload: { status: string; test: string; badge: { label: string } } }>(
    site,
    `require_once ABSPATH . 'wp-admin/includes/class-wp-site-health.php';
     $tests = WP_Site_Health::get_tests();
     $keys = array_values( array_filter( array_keys( $tests['direct'] ), fn ( $k ) => str_starts_with( $k, 'wp_media_cloud_' ) ) );
     return array( 'keys' => $keys, 'upload' => call_user_func( $tests['direct']['wp_media_cloud_upload']['test'] ) );`,
  );
  expect(result.keys).toContain('wp_media_cloud_credentials');
  expect(result.keys).toContain('wp_media_cloud_missing_files');
  expect(result.upload).toMatchObject({ status: 'good', test: 'wp_media_cloud_upload', badge: { label: 'Media Cloud' } });
});

test('wp media-cloud health --format=json prints the results; a critical check makes it exit 1', async () => {
  const ok = await cli('media-cloud health --checks=connectivity,credentials --format=json');
  expect(ok.exit).toBe(0);
  const printed = JSON.parse(ok.output.find((line) => line.type === 'line')!.message!) as { results: Array<{ test: string; status: string }> };
  expect(printed.results.map((r) => [r.test, r.status])).toEqual([['connectivity', 'good'], ['credentials', 'good']]);

  const restore = await writeSettingsAsIs({ bucket: 'no-such-bucket-here' });
  try {
    const failing = await cli('media-cloud health --checks=credentials --format=json');
    expect(failing.exit).toBe(1);
    const report = JSON.parse(failing.output.find((line) => line.type === 'line')!.message!) as { results: Array<{ cause: string }> };
    expect(resultOf(report.results as never, 'credentials')).toMatchObject({ cause: 'bucket_not_found' });
  } finally {
    await restore();
  }
});

// Requests the sidecar signs for WordPress (the heartbeat, the migration's page and results callbacks), checked
// by the real WordPress on both test sites: the query string is signed (the REST API reads parameters from it
// too), a nonce is accepted once even when replayed in parallel, the replay guard leaves no rows behind, and a
// secret shorter than 32 characters counts as not configured.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { changeSecretConstant, whenServed } from '../support/wp-config';
import { getSite, type SiteKind, type TestSite, wpEval } from '../support/stack';

const ROUTE = '/media-cloud/v1/sidecar/heartbeat';
const QUERY = `rest_route=${encodeURIComponent(ROUTE)}`;

/** The sidecar's signature (sidecar/src/auth/signature.ts), written out so a change of the rule shows here. */
function signed(secret: string, signedPath: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
	const nonce = randomBytes(16).toString('hex');
	const bodyHash = createHash('sha256').update(body).digest('hex');
	const signature = createHmac('sha256', secret)
		.update(['POST', signedPath, String(timestamp), nonce, bodyHash].join('\n'))
		.digest('hex');
	return { 'Content-Type': 'application/json', 'X-WPMC-Timestamp': String(timestamp), 'X-WPMC-Nonce': nonce, 'X-WPMC-Signature': signature };
}

async function heartbeat(site: TestSite, query: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
	const response = await fetch(`${site.url}/?${query}`, { method: 'POST', headers, body: '{}' });
	return { status: response.status, body: await response.json() };
}

/** Option rows of the replay guard, and transient rows of the old one (two per call). */
const GUARD_LIKE = "$wpdb->esc_like( '_wp_media_cloud_nonce_' ) . '%'";
const nonceRows = (site: TestSite) =>
	wpEval<{ guard: number; transients: number }>(
		site,
		`global $wpdb; return array(
			'guard' => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", ${GUARD_LIKE} ) ),
			'transients' => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", '%' . $wpdb->esc_like( 'transient' ) . '%' . $wpdb->esc_like( 'wpmc_nonce_' ) . '%' ) ),
		);`,
	);

describe.each<SiteKind>(['sqlite', 'mariadb'])('WordPress checking the sidecar’s signature (%s)', (kind) => {
	const site = getSite(kind);

	test('the query string is signed: a parameter added on the way (ids[]) is refused, the request as signed is answered', async () => {
		// Signed over the route alone, as before: an added ids[] went through and the REST API read it.
		const routeOnly = await heartbeat(site, `${QUERY}&ids[]=1`, signed(site.sidecarSecret, ROUTE, '{}'));
		expect(routeOnly.status).toBe(401);

		const headers = signed(site.sidecarSecret, `${ROUTE}?${QUERY}`, '{}');
		const tampered = await heartbeat(site, `${QUERY}&ids[]=1`, headers);
		expect(tampered).toMatchObject({ status: 401, body: { code: 'wp_media_cloud_unauthorized', message: 'The request signature does not match.' } });
		expect((await heartbeat(site, QUERY, headers)).status).toBe(200);
	});

	test('8 parallel replays of one signed request: exactly 1 is accepted (5 rounds)', async () => {
		for (let round = 0; round < 5; round++) {
			const headers = signed(site.sidecarSecret, `${ROUTE}?${QUERY}`, '{}');
			const answers = await Promise.all(Array.from({ length: 8 }, () => heartbeat(site, QUERY, headers)));
			const statuses = answers.map((answer) => answer.status).sort();
			expect({ round, statuses }).toEqual({ round, statuses: [200, 401, 401, 401, 401, 401, 401, 401] });
			for (const refused of answers.filter((answer) => answer.status === 401)) {
				expect(refused.body.message).toBe('The request was already used (replay refused).');
			}
		}
	});

	test('the replay guard leaves no rows behind: one short-lived row per nonce, expired ones removed by the next call', async () => {
		// 30 rows as left by calls of ten minutes ago (their expiry has passed), inserted as the guard writes them.
		await wpEval(
			site,
			"global $wpdb; for ( $i = 0; $i < 30; $i++ ) { $wpdb->query( $wpdb->prepare( \"INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off')\", '_wp_media_cloud_nonce_' . md5( 'stale-' . $i . '-' . microtime() ), (string) ( time() - 600 ) ) ); } return true;",
		);
		const before = await nonceRows(site);
		expect(before.guard).toBeGreaterThanOrEqual(30);
		const calls = 10;
		for (let i = 0; i < calls; i++) {
			expect((await heartbeat(site, QUERY, signed(site.sidecarSecret, `${ROUTE}?${QUERY}`, '{}'))).status).toBe(200);
		}
		const after = await nonceRows(site);
		// The old guard left two transient rows per call (value and timeout) until WordPress' daily clean-up.
		expect(after.transients).toBe(before.transients);
		// The stale rows are gone; what is left are the nonces of the last few minutes, these calls' among them.
		expect(after.guard).toBeGreaterThanOrEqual(calls);
		expect(after.guard).toBeLessThan(before.guard - 30 + calls + 1);
		const stale = await wpEval<number>(
			site,
			`global $wpdb; return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(option_value AS UNSIGNED) < %d", ${GUARD_LIKE}, time() ) );`,
		);
		expect(stale).toBe(0);
	});
});

test('a secret shorter than 32 characters counts as not configured: a request signed with it is refused, saying what to do', async () => {
	const site = getSite('sqlite');
	const short = 'only-twenty-chars-ok';
	const restore = await changeSecretConstant(site, `define( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '${short}' );`);
	try {
		// The PHP server may run the cached wp-config.php for a moment: read until the short secret is in use.
		const answer = await whenServed(
			() => heartbeat(site, QUERY, signed(short, `${ROUTE}?${QUERY}`, '{}')),
			(value) => value.status !== 401 || !String(value.body.message).includes('does not match'),
		);
		expect(answer.status).toBe(401);
		expect(answer.body.message).toContain('WP_MEDIA_CLOUD_SIDECAR_SECRET must be at least 32 characters');
		expect(answer.body.message).toContain('wp media-cloud sidecar setup');
	} finally {
		await restore();
	}
});

test('a WordPress route only the sidecar may call refuses an unsigned request', async () => {
	const site = getSite('sqlite');
	const response = await fetch(`${site.restUrl}media-cloud/v1/sidecar/heartbeat`, { method: 'POST' });
	expect(response.status).toBe(401);
});

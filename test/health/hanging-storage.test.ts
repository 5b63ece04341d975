// A storage endpoint that accepts connections and never answers, through POST /wp-json/media-cloud/v1/health
// (what Media Cloud › Health and "Test connection" run): the result says the storage is stuck, not blocked,
// and its fix names the endpoint's real host and port (it used to say port 443 for any endpoint).
import { healthWith, resultOf } from '../support/health';
import { silentServer } from '../support/silent-server';

test('an endpoint on its own port that accepts and never answers: the fix names that host and port, never 443', async () => {
	const storage = await silentServer();
	try {
		const results = await healthWith({ endpoint: storage.url, path_style: true }, ['connectivity', 'credentials']);
		const connectivity = resultOf(results, 'connectivity');
		expect(storage.accepted).toBeGreaterThan(0);
		expect(connectivity).toMatchObject({ status: 'critical', cause: 'timeout' });
		expect(connectivity.description).toContain(`127.0.0.1:${storage.port} accepted the connection but sent no answer`);
		expect(connectivity.fix).toContain(`127.0.0.1:${storage.port}`);
		expect(connectivity.fix).not.toMatch(/\b443\b/);
		// Nothing else is blamed: the other checks wait for the endpoint.
		expect(resultOf(results, 'credentials')).toMatchObject({ status: 'recommended', cause: 'not_tested' });
	} finally {
		await storage.close();
	}
});

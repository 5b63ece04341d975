// The health results a user reads are in the site's language, causes found by the sidecar included: the sidecar
// sends codes, WordPress words them with __(). A real .mo (test/support/mo-file.ts) is loaded by a small mu-plugin,
// only for requests that carry the X-WPMC-Test-Language header, so other tests on the shared site keep English.
// The case is a bucket that does not exist on the real s3rver: the credentials check names it, and the upload
// check says its upload failed with that sentence inside (a message within a message).
import { resultOf, site, writeSettingsAsIs, type HealthResult } from '../support/health';
import { FRENCH_REQUEST, installFrench } from '../support/test-language';

/** English (as the plugin's catalog has it) → French, as a translator would deliver it. */
const FRENCH = {
	'Storage credentials': 'Identifiants du stockage',
	'Upload test': 'Test d’envoi',
	'The bucket "%1$s" does not exist at %2$s.': 'Le compartiment « %1$s » n’existe pas à %2$s.',
	'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.':
		'Les noms de compartiment distinguent les majuscules : copiez le nom exact depuis le tableau de bord du fournisseur, et vérifiez que le point de terminaison et la région sont ceux du compartiment.',
	'Uploading a test file failed: %s': 'L’envoi d’un fichier de test a échoué : %s',
};

let uninstall: () => void;
beforeAll(() => {
	uninstall = installFrench(site, 'health', FRENCH);
});

afterAll(() => uninstall?.());

async function postHealth(checks: string[], french = false): Promise<HealthResult[]> {
	const response = await fetch(`${site.restUrl}media-cloud/v1/health`, {
		method: 'POST',
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json', ...(french ? FRENCH_REQUEST : {}) },
		body: JSON.stringify({ checks }),
	});
	const body = (await response.json()) as { results: HealthResult[] };
	if (response.status !== 200) throw new Error(`POST /health answered ${response.status}: ${JSON.stringify(body)}`);
	return body.results;
}

test('with a French translation loaded, POST /health names a missing bucket and its fix in French', async () => {
	const bucket = `no-such-bucket-${Date.now().toString(36)}`;
	const restore = await writeSettingsAsIs({ bucket });
	try {
		const [french, english] = [await postHealth(['credentials', 'upload'], true), await postHealth(['credentials', 'upload'])];
		const endpoint = site.s3.endpoint;

		expect(resultOf(french, 'credentials')).toMatchObject({
			label: 'Identifiants du stockage',
			status: 'critical',
			cause: 'bucket_not_found',
			description: `Le compartiment « ${bucket} » n’existe pas à ${endpoint}.`,
			fix: FRENCH[
				'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.'
			],
		});
		expect(resultOf(french, 'upload')).toMatchObject({
			label: 'Test d’envoi',
			cause: 'bucket_not_found',
			description: `L’envoi d’un fichier de test a échoué : Le compartiment « ${bucket} » n’existe pas à ${endpoint}.`,
		});

		// The same run without the translation: the English users read before, word for word.
		expect(resultOf(english, 'credentials')).toMatchObject({
			label: 'Storage credentials',
			description: `The bucket "${bucket}" does not exist at ${endpoint}.`,
			fix: 'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.',
		});
		expect(resultOf(english, 'upload').description).toBe(`Uploading a test file failed: The bucket "${bucket}" does not exist at ${endpoint}.`);
	} finally {
		await restore();
	}
});

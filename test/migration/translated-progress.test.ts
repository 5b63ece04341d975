// A migration's failures in the site's language: the sidecar stores an item's failure and the reason a run paused
// itself as codes beside the English, and WordPress words them (Health\Messages) in the progress the Dashboard
// reads (GET /media-cloud/v1/migration). A real French .mo is loaded for requests that ask for it
// (support/test-language.ts); without that header the English is what users read before, word for word.
// The cases are real: a bucket that does not exist on s3rver pauses the run; a storage answering every request
// 503 SlowDown (the fault proxy) fails each item, which waits for its retry with the error and its fix.
import { setSettings } from '../support/media';
import { getSite } from '../support/stack';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { cancelLeftoverRun, createLibrary, waitForState } from '../support/library';
import { rest } from '../support/rest';
import { FRENCH_REQUEST, installFrench } from '../support/test-language';

const site = getSite('sqlite');
const folder = `translated-progress-${Date.now().toString(36)}`;

/** English (as the plugin's catalog has it) → French, as a translator would deliver it. */
const FRENCH = {
	'The bucket "%1$s" does not exist at %2$s.': 'Le compartiment « %1$s » n’existe pas à %2$s.',
	'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.':
		'Les noms de compartiment distinguent les majuscules : copiez le nom exact depuis le tableau de bord du fournisseur, et vérifiez que le point de terminaison et la région sont ceux du compartiment.',
	'The storage provider answered with an error (HTTP %1$d): %2$s.': 'Le fournisseur de stockage a répondu par une erreur (HTTP %1$d) : %2$s.',
	'Run Media Cloud › Health to find the cause; retry later if the provider reports an outage.':
		'Lancez Media Cloud › Santé pour trouver la cause ; réessayez plus tard si le fournisseur signale une panne.',
};

let uninstall: () => void;

beforeAll(async () => {
	uninstall = installFrench(site, 'migration', FRENCH);
	await cancelLeftoverRun(site);
}, 60_000);

afterAll(async () => {
	uninstall?.();
	await cancelLeftoverRun(site);
});

/** The migration's progress as the Dashboard reads it, in French or in the site's English. */
async function migrationProgress(french: boolean): Promise<any> {
	const response = await fetch(`${site.restUrl}media-cloud/v1/migration`, {
		headers: { Authorization: site.authHeader, ...(french ? FRENCH_REQUEST : {}) },
	});
	const body = await response.json();
	if (response.status !== 200) throw new Error(`GET /migration answered ${response.status}: ${JSON.stringify(body)}`);
	return body;
}

test('a run paused on a missing bucket gives its reason and fix in French, and in the same English without', async () => {
	await createLibrary(site, `${folder}-bucket`, 1);
	const bucket = `no-such-bucket-${Date.now().toString(36)}`;
	const restore = await setSettings(site, { bucket });
	try {
		expect((await rest(site, 'POST', '/migration', { concurrency: 1 })).status).toBe(200);
		expect((await waitForState(site, ['paused', 'done'], 60_000)).state).toBe('paused');
		const [french, english] = [await migrationProgress(true), await migrationProgress(false)];
		const endpoint = site.s3.endpoint;

		expect(french.paused_reason).toEqual({
			code: 'E_BUCKET_NOT_FOUND',
			message: `Le compartiment « ${bucket} » n’existe pas à ${endpoint}.`,
			remedy: FRENCH[
				'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.'
			],
		});
		expect(english.paused_reason).toEqual({
			code: 'E_BUCKET_NOT_FOUND',
			message: `The bucket "${bucket}" does not exist at ${endpoint}.`,
			remedy: 'Bucket names are case-sensitive: copy the exact name from your provider’s dashboard, and check that the endpoint and region are the bucket’s.',
		});
	} finally {
		await restore();
		await cancelLeftoverRun(site);
	}
}, 120_000);

test('an item failing on a storage error shows the error and its fix in French, and in the same English without', async () => {
	const [item] = await createLibrary(site, `${folder}-item`, 1);
	const proxy: FaultProxy = await startFaultProxy(site.s3.endpoint, { slowDown: 1 });
	const restore = await setSettings(site, { endpoint: proxy.url });
	try {
		expect((await rest(site, 'POST', '/migration', { concurrency: 1 })).status).toBe(200);
		// The item fails and waits for its next try (a 503 is retried): poll until its failure is listed.
		let french: any;
		const deadline = Date.now() + 90_000;
		do {
			await new Promise((resolve) => setTimeout(resolve, 300));
			french = await migrationProgress(true);
		} while (!french.errors.some((error: { attachment_id: number }) => error.attachment_id === item.id) && Date.now() < deadline);
		const english = await migrationProgress(false);
		const ours = (progress: any) => progress.errors.find((error: { attachment_id: number }) => error.attachment_id === item.id);

		expect(ours(french)).toMatchObject({
			code: 'E_STORAGE',
			reason: 'Le fournisseur de stockage a répondu par une erreur (HTTP 503) : SlowDown.',
			remedy: 'Lancez Media Cloud › Santé pour trouver la cause ; réessayez plus tard si le fournisseur signale une panne.',
		});
		expect(ours(english)).toMatchObject({
			code: 'E_STORAGE',
			reason: 'The storage provider answered with an error (HTTP 503): SlowDown.',
			remedy: 'Run Media Cloud › Health to find the cause; retry later if the provider reports an outage.',
		});
		// The codes are WordPress's business: the REST shape the admin reads is what it was.
		expect(ours(french)).not.toHaveProperty('said');
	} finally {
		await cancelLeftoverRun(site);
		await restore();
		await proxy.close();
	}
}, 150_000);

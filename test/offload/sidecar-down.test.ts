// The site keeps working when the sidecar is down: uploads succeed and stay local, marked pending with the
// reason, pages keep rendering bucket URLs for offloaded media, and the pending uploads are offloaded
// by themselves once the sidecar is back (its start-up heartbeat).
import { bucketBase, objectExists, offloadRecord, pendingMarker, uploadFixture, waitFor, attachmentFiles } from '../support/media';
import { createS3Client, getSite, startSidecar, stopSidecar } from '../support/stack';

const site = getSite('sqlite');
const s3 = createS3Client(site);

test('an upload while the sidecar is stopped stays local, is pending, and is offloaded after the restart', async () => {
	const before = await uploadFixture(site, 'graphic-800x600.png');
	await stopSidecar(site);
	let id: number;
	try {
		const attachment = await uploadFixture(site, 'photo-3000x2000.jpg');
		id = attachment.id;
		expect(attachment.source_url.startsWith(`${site.url}/wp-content/uploads/`)).toBe(true);
		const pending = await pendingMarker(site, id);
		expect(pending?.code).toBe('wp_media_cloud_sidecar_unreachable');
		expect(pending?.reason).toMatch(/sidecar did not answer/i);
		expect(await offloadRecord(site, id)).toBeNull();

		// URL rewriting never needs the sidecar: media offloaded earlier still renders from the bucket.
		const rest = await (await fetch(`${site.restUrl}wp/v2/media/${before.id}`)).json();
		expect(rest.source_url.startsWith(bucketBase(site))).toBe(true);
	} finally {
		await startSidecar(site);
	}

	const record = await waitFor('the pending upload to be offloaded', () => offloadRecord(site, id));
	expect(await pendingMarker(site, id)).toBeNull();
	for (const file of await attachmentFiles(site, id)) {
		expect(await objectExists(s3, site.s3.bucket, `wp-content/uploads/${file}`)).toBe(true);
	}
	expect(record.keys.length).toBeGreaterThanOrEqual(7);
	const rest = await (await fetch(`${site.restUrl}wp/v2/media/${id}`)).json();
	expect(rest.source_url.startsWith(bucketBase(site))).toBe(true);
});

// Offloads never trip over each other: a failed pending upload does not hold back the others, one attachment
// is offloaded by one process at a time (the migration skips what another process holds), and an attachment
// whose objects went missing can be offloaded again on demand.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { listKeys, objectBytes, objectExists, pendingMarker, phpString, setSettings, uniqueName } from '../support/media';
import { createS3Client, getSite, wpEval } from '../support/stack';
import { wp, withWpCli } from '../support/wp-cli';
import { distinctJpeg, recordOf, uploadBytes } from './ownership-support';

const site = getSite('sqlite');
const s3 = createS3Client(site);

test('a pending upload that fails for good does not block the pending uploads after it', async () => {
	const restoreSettings = await setSettings(site, { bucket: 'no-such-bucket-here', remove_local: false });
	let broken: number;
	let healthy: number;
	try {
		broken = (await uploadBytes(site, await distinctJpeg(site, 200, 100, 21), uniqueName('broken.jpg'))).id;
		healthy = (await uploadBytes(site, await distinctJpeg(site, 200, 100, 22), uniqueName('healthy.jpg'))).id;
		expect(await pendingMarker(site, broken)).not.toBeNull();
		expect(await pendingMarker(site, healthy)).not.toBeNull();
	} finally {
		await restoreSettings();
	}
	// The broken one's file is gone for good: it can never be offloaded.
	const file = await wpEval<string>(site, `return get_attached_file( ${broken} );`);
	fs.rmSync(file);
	for (let run = 0; run < 10 && !(await recordOf(site, healthy)); run++) {
		await wpEval(site, 'return WP_Media_Cloud\\Pending_Queue::drain();');
	}
	expect((await recordOf(site, healthy))?.keys.length).toBeGreaterThan(0);
	expect(await pendingMarker(site, healthy)).toBeNull();
	expect((await pendingMarker(site, broken))?.code).toBe('E_FILE_MISSING');
	await wpEval(site, `wp_delete_attachment( ${broken}, true ); return true;`);
});

withWpCli(test, 'the offload command')('an attachment held by another offload is neither offloaded twice by WP-CLI nor handed to the migration', async () => {
	const restoreSettings = await setSettings(site, { bucket: 'no-such-bucket-here' });
	let id: number;
	try {
		id = (await uploadBytes(site, await distinctJpeg(site, 200, 100, 23), uniqueName('held.jpg'))).id; // pending, not offloaded
	} finally {
		await restoreSettings();
	}
	await wpEval(site, `delete_post_meta( ${id}, '_wp_media_cloud_pending' ); return WP_Media_Cloud\\Attachment_Lock::acquire( ${id} );`);
	try {
		const cli = await wp(site, `media-cloud offload ${id}`);
		expect(cli.exit).toBe(2); // some items failed (docs/wp-cli.md)
		expect(cli.stdout).toContain('is being offloaded by another process'); // in the table of failures
		const item = await wpEval<{ skip?: string }>(site, `return WP_Media_Cloud\\Migration\\Library::upload_item( ${id} );`);
		expect(item.skip).toMatch(/Being offloaded by another process/);
		expect(await recordOf(site, id)).toBeNull();
	} finally {
		await wpEval(site, `WP_Media_Cloud\\Attachment_Lock::release( ${id} ); return true;`);
	}
	const cli = await wp(site, `media-cloud offload ${id}`);
	expect(cli.exit).toBe(0);
	expect((await recordOf(site, id))?.keys.length).toBeGreaterThan(0);
	// The migration's own hold ends with its results; a lock left by a dead process expires.
	expect(await wpEval(site, `return WP_Media_Cloud\\Attachment_Lock::acquire( ${id}, -1 ) && WP_Media_Cloud\\Attachment_Lock::acquire( ${id} );`)).toBe(true);
	await wpEval(site, `WP_Media_Cloud\\Attachment_Lock::release( ${id} ); return true;`);
});

withWpCli(test, 'the offload command')('after a lost object, offload says how to upload again and --force puts it back byte for byte', async () => {
	const restoreSettings = await setSettings(site, { remove_local: false, versioning: false });
	try {
		const attachment = await uploadBytes(site, await distinctJpeg(site, 300, 200, 24), uniqueName('lost.jpg'));
		const record = (await recordOf(site, attachment.id))!;
		await s3.send(new DeleteObjectCommand({ Bucket: site.s3.bucket, Key: record.keys[0] }));
		expect((await fetch(attachment.source_url)).status).toBe(404);

		const plain = await wp(site, `media-cloud offload ${attachment.id}`);
		expect(plain.stdout).toMatch(/already offloaded with all its files; add --force/);
		const forced = await wp(site, `media-cloud offload ${attachment.id} --force`);
		expect(forced.exit).toBe(0);
		const local = fs.readFileSync(path.join(site.uploadsDir, record.keys[0].replace(/^wp-content\/uploads\//, '')));
		expect((await objectBytes(s3, site.s3.bucket, record.keys[0]))?.equals(local)).toBe(true);
		expect((await fetch(attachment.source_url)).status).toBe(200);
	} finally {
		await restoreSettings();
	}
});

test('the REST route offloads an attachment again for an administrator', async () => {
	const attachment = await uploadBytes(site, await distinctJpeg(site, 300, 200, 25), uniqueName('rest.jpg'));
	const response = await fetch(`${site.restUrl}media-cloud/v1/attachments/${attachment.id}/offload`, {
		method: 'POST',
		headers: { Authorization: site.authHeader, 'Content-Type': 'application/json' },
		body: JSON.stringify({ force: true }),
	});
	expect(response.status).toBe(200);
	expect(((await response.json()) as { outcome: string }).outcome).toBe('offloaded');
	const missing = await fetch(`${site.restUrl}media-cloud/v1/attachments/999999999/offload`, { method: 'POST', headers: { Authorization: site.authHeader } });
	expect(missing.status).toBe(404);
});

test('a migration result that lost the race to another offload is not recorded, and its objects are removed', async () => {
	const restoreSettings = await setSettings(site, { versioning: true, mirror_delete: true, remove_local: false });
	try {
		const attachment = await uploadBytes(site, await distinctJpeg(site, 300, 200, 26), uniqueName('race.jpg'));
		const winner = (await recordOf(site, attachment.id))!;
		// The migration uploaded the same files under its own prefix meanwhile (written here with the S3 client).
		const loserPrefix = `wp-content/uploads/20000101000000-${attachment.id}/`;
		const loserKeys = winner.keys.map((key) => loserPrefix + key.slice(winner.key_prefix.length));
		for (const key of loserKeys) await s3.send(new PutObjectCommand({ Bucket: site.s3.bucket, Key: key, Body: 'x' }));
		const objects = loserKeys.map((key) => ({ path: key.slice(loserPrefix.length), key, size: 1, verified: false }));
		const acknowledged = await wpEval<number[]>(
			site,
			`return WP_Media_Cloud\\Offload_Results::apply( array( array( 'attachment_id' => ${attachment.id}, 'key_prefix' => ${JSON.stringify(loserPrefix)}, 'objects' => json_decode( ${phpString(JSON.stringify(objects))}, true ) ) ) );`,
		);
		expect(acknowledged).toEqual([attachment.id]); // done with: the sidecar does not send it again
		expect((await recordOf(site, attachment.id))!.key_prefix).toBe(winner.key_prefix);
		expect(await listKeys(s3, site.s3.bucket, loserPrefix)).toEqual([]);
		for (const key of winner.keys) expect(await objectExists(s3, site.s3.bucket, key)).toBe(true);
	} finally {
		await restoreSettings();
	}
});

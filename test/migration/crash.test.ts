// Crash safety: the sidecar is killed with SIGKILL three times during a 300-attachment migration (with
// "remove local files" on) and started again each time, then WordPress itself is restarted. In the end every
// attachment is offloaded exactly once and recorded, the bucket holds exactly the expected objects, no local
// file is gone without a verified remote copy, and nothing that was confirmed before a crash is uploaded again
// (a counting proxy sees every PUT).
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { sidecarDataDir } from '../../bin/dev/paths';
import { restartServer, stopServer } from '../../bin/dev/processes';
import { listKeys, offloadRecord, setSettings } from '../support/media';
import { createS3Client, getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { cancelLeftoverRun, createLibrary, killSidecar, waitForState, type LibraryItem } from '../support/library';
import { rest } from '../support/rest';

const site = getSite('mariadb');
const s3 = createS3Client(site);
const folder = `crash-${Date.now().toString(36)}`;
const COUNT = 300;

let proxy: FaultProxy;
let restore: () => Promise<void>;
let library: LibraryItem[];

/** Attachments whose upload the (killed) sidecar had confirmed, read from its job database after the kill. */
function confirmedAttachments(): number[] {
	const db = new Database(path.join(sidecarDataDir, site.name, 'jobs.sqlite'), { readonly: true });
	try {
		const run = db.prepare("SELECT id FROM runs WHERE kind = 'migrate' ORDER BY id DESC LIMIT 1").get() as { id: number };
		return (db.prepare('SELECT attachment_id FROM jobs WHERE run_id = ? AND status IN (2, 3)').all(run.id) as Array<{ attachment_id: number }>).map(
			(row) => row.attachment_id,
		);
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	process.env.WPMC_RETRY_BASE_MS = '100';
	await stopSidecar(site);
	await startSidecar(site);
	await cancelLeftoverRun(site);
	proxy = await startFaultProxy(site.s3.endpoint);
	restore = await setSettings(site, { endpoint: proxy.url, remove_local: true });
	library = await createLibrary(site, folder, COUNT);
}, 180_000);

afterAll(async () => {
	await restore?.();
	await proxy?.close();
	// The records name the proxy's endpoint, which is gone now: left behind, they would make every later audit of
	// this shared site fail at the first of them ("refused the connection"). Records first, so nothing is mirrored.
	const ids = (library ?? []).map((item) => item.id).join(', ');
	if (ids)
		await wpEval(
			site,
			`foreach ( array( ${ids} ) as $id ) { delete_post_meta( $id, '_wp_media_cloud' ); wp_delete_attachment( $id, true ); } return true;`,
		);
	s3.destroy();
});

test('three kill -9 during the migration: every attachment ends offloaded exactly once, nothing confirmed is uploaded again', async () => {
	const started = await rest(site, 'POST', '/migration', { concurrency: 8 });
	expect(started.status).toBe(200);

	const crashes: Array<{ at: number; confirmed: number[] }> = [];
	for (let crash = 1; crash <= 3; crash++) {
		await waitForProgress((progress) => progress.done >= (crash * COUNT) / 5);
		await killSidecar(site);
		crashes.push({ at: Date.now(), confirmed: confirmedAttachments() });
		// While it is down, the Dashboard gets a clear error, not a hang.
		const down = await rest(site, 'GET', '/migration');
		try {
			expect(down.status).toBe(503);
			expect(`${down.body.message} ${down.body.data.remedy}`).toMatch(/wp media-cloud sidecar start/);
		} finally {
			await startSidecar(site); // Never leave the shared site without its sidecar: later suites need it.
		}
	}
	// WordPress restarting mid-run: the sidecar keeps uploading and re-sends the results WordPress missed.
	await waitForProgress((progress) => progress.done >= (4 * COUNT) / 5);
	await stopServer(site.stack.keys.php);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	await restartServer(site.stack.keys.php);
	const progress = await waitForState(site, ['done'], 180_000);
	const ours = new Set(library.map((item) => item.id));
	expect(progress.errors.filter((error: { attachment_id: number }) => ours.has(error.attachment_id))).toEqual([]);
	expect(progress.done + progress.failed).toBe(progress.total);
	expect(crashes.map((crash) => crash.confirmed.length)).toEqual([...crashes.map((crash) => crash.confirmed.length)].sort((a, b) => a - b));

	// Exactly the expected objects, one record per attachment with every key, no local file lost.
	const expectedKeys = library.flatMap((item) => Object.keys(item.files).map((file) => `wp-content/uploads/${file}`)).sort();
	expect(await bucketKeys(`wp-content/uploads/${folder}/`)).toEqual(expectedKeys);
	const records = await wpEval<Record<string, { keys: string[]; local_removed: boolean }>>(
		site,
		`$out = array(); foreach ( ${JSON.stringify(library.map((item) => item.id))} as $id ) { $out[ $id ] = get_post_meta( $id, '_wp_media_cloud', true ); } return $out;`,
	);
	const goneLocally: Array<[string, number]> = [];
	for (const item of library) {
		const record = records[item.id];
		expect([...record.keys].sort()).toEqual(
			Object.keys(item.files)
				.map((file) => `wp-content/uploads/${file}`)
				.sort(),
		);
		for (const [file, size] of Object.entries(item.files)) if (!fs.existsSync(path.join(site.uploadsDir, file))) goneLocally.push([file, size]);
	}
	for (let start = 0; start < goneLocally.length; start += 50) {
		const heads = await Promise.all(
			goneLocally.slice(start, start + 50).map(([file]) => s3.send(new HeadObjectCommand({ Bucket: site.s3.bucket, Key: `wp-content/uploads/${file}` }))),
		);
		heads.forEach((head, index) => expect(head.ContentLength).toBe(goneLocally[start + index][1]));
	}
	expect(await offloadRecord(site, library[0].id)).toMatchObject({ local_removed: true });

	// An attachment confirmed before a crash is never PUT again after it.
	const puts = proxy.log.filter((request) => request.method === 'PUT');
	for (const crash of crashes) {
		const confirmedFiles = new Set(library.filter((item) => crash.confirmed.includes(item.id)).flatMap((item) => Object.keys(item.files)));
		const again = puts.filter((request) => request.at > crash.at && confirmedFiles.has(request.path.replace(`/${site.s3.bucket}/wp-content/uploads/`, '')));
		expect(again).toEqual([]);
	}
	// Some work was redone (what was in flight at each kill), but far from all of it.
	const ourPuts = puts.filter((request) => request.path.includes(`/${folder}/`));
	expect(ourPuts.length).toBeGreaterThanOrEqual(expectedKeys.length);
	expect(ourPuts.length).toBeLessThan(expectedKeys.length * 1.5);
}, 400_000);

async function waitForProgress(done: (progress: { done: number; state: string }) => boolean): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const { status, body } = await rest(site, 'GET', '/migration');
		if (status === 200 && done(body)) return;
		if (status === 200 && body.state === 'done') throw new Error('The migration finished before the planned crash');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('The migration made no progress');
}

function bucketKeys(prefix: string): Promise<string[]> {
	return listKeys(s3, site.s3.bucket, prefix);
}

// The missing-files audit goes on past an older storage it cannot ask. After a move to another bucket, older
// attachments are still served from the one their record names; when that one is gone (bucket deleted, endpoint
// down) the audit lists those attachments apart as "could not be checked", with the bucket and why, instead of
// failing as a whole (or calling a deleted bucket's files missing). The current storage failing still fails it.
// On both test sites, with real parts: three offloaded attachments with their local copies removed; one whose
// object is deleted from the current bucket with an independent S3 client (missing), one whose record names a
// bucket made and deleted on the loopback s3rver, one whose record names an endpoint where nothing listens.
// Checked as the admin app calls the REST route, with the real WP-CLI, and in chromium (Tools › Audit and the
// Media Library's Storage column).
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import path from 'node:path';
import { openLoggedIn, openMediaCloudPage, saveScreenshot, type TestBrowser } from '../support/browser';
import { attachmentFiles, offloadRecord, phpString, setSettings, uploadFixture } from '../support/media';
import { rest } from '../support/rest';
import { createS3Client, getSite, wpEval, type SiteKind } from '../support/stack';
import { wp, withWpCli } from '../support/wp-cli';

interface Made {
	id: number;
	title: string;
	/** The main file, relative to uploads. */
	file: string;
	record: Record<string, unknown>;
}

interface Unchecked {
	attachment_id: number;
	files: string[];
	provider: string;
	bucket: string;
	code: string;
	reason: string;
	fix: string;
}

/** Nothing listens on the discard port of the loopback: a storage endpoint that is gone. */
const DEAD_ENDPOINT = 'http://127.0.0.1:9';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(['sqlite', 'mariadb'] as SiteKind[])('the audit past an older storage it cannot reach (%s)', (kind) => {
	const site = getSite(kind);
	const s3 = createS3Client(site);
	const tag = `audit-unreach-${kind}-${process.pid}-${Date.now().toString(36)}`;
	const goneBucket = `${tag}-gone`;
	const offlineBucket = `${tag}-offline`;
	const made: Record<'missing' | 'gone' | 'offline', Made> = {} as never;
	let provider = '';

	/** An offloaded attachment whose files are then only in the bucket, as with "Remove local files" on. */
	async function offloaded(name: keyof typeof made): Promise<Made> {
		const { id } = await uploadFixture(site, 'graphic-800x600.png');
		const title = `${tag}-${name}`;
		await wpEval(site, `wp_update_post( array( 'ID' => ${id}, 'post_title' => ${phpString(title)} ) ); return true;`);
		for (const file of await attachmentFiles(site, id)) fs.rmSync(path.join(site.uploadsDir, file));
		const record = (await offloadRecord(site, id)) as unknown as Record<string, unknown>;
		await setRecord(id, { ...record, local_removed: true });
		const file = await wpEval<string>(site, `return get_post_meta( ${id}, '_wp_attached_file', true );`);
		return { id, title, file, record: { ...record, local_removed: true } };
	}

	async function setRecord(id: number, record: Record<string, unknown>): Promise<void> {
		await wpEval(site, `update_post_meta( ${id}, '_wp_media_cloud', json_decode( ${phpString(JSON.stringify(record))}, true ) ); return true;`);
	}

	/** GET /audit page by page from a cursor, as Tools › Audit missing files walks it. */
	async function auditFrom(after: number): Promise<{ items: Array<{ attachment_id: number; files: string[] }>; unchecked: Unchecked[] }> {
		const found = { items: [] as Array<{ attachment_id: number; files: string[] }>, unchecked: [] as Unchecked[] };
		for (;;) {
			const { status, body } = await rest(site, 'GET', `/audit?after=${after}`);
			expect({ status, code: body.code }).toEqual({ status: 200, code: undefined });
			found.items.push(...body.items);
			found.unchecked.push(...body.unchecked);
			if (body.done) return found;
			after = body.next_after;
		}
	}

	const uncheckedOf = (list: Unchecked[], id: number) => list.find((item) => item.attachment_id === id);

	beforeAll(async () => {
		made.missing = await offloaded('missing');
		made.gone = await offloaded('gone');
		made.offline = await offloaded('offline');
		// Missing: the object is gone from the current bucket (independent S3 client).
		const key = `${made.missing.record.key_prefix as string}${made.missing.file}`;
		await s3.send(new DeleteObjectCommand({ Bucket: site.s3.bucket, Key: key }));
		// Stored in a bucket that existed and was deleted since (same endpoint and keys, another bucket).
		await s3.send(new CreateBucketCommand({ Bucket: goneBucket }));
		await setRecord(made.gone.id, { ...made.gone.record, bucket: goneBucket });
		await s3.send(new DeleteBucketCommand({ Bucket: goneBucket }));
		// Stored at an endpoint that is gone.
		await setRecord(made.offline.id, { ...made.offline.record, bucket: offlineBucket, endpoint: DEAD_ENDPOINT });
		provider = await wpEval<string>(
			site,
			`return WP_Media_Cloud\\Media_Library\\Storage_Status::provider_label( ${phpString(made.gone.record.provider as string)} );`,
		);
	}, 120_000);

	afterAll(async () => {
		// The original records first, so deleting removes the objects from the test bucket.
		for (const item of Object.values(made)) {
			await setRecord(item.id, item.record);
			await wpEval(site, `wp_delete_attachment( ${item.id}, true ); return true;`);
		}
	}, 60_000);

	test('GET /audit goes on: the missing one is listed, the other two as not checked with their bucket and why', async () => {
		const started = Date.now();
		const { items, unchecked } = await auditFrom(made.missing.id - 1);
		process.stderr.write(`[audit-unreachable ${kind}] REST walk from the test's first attachment: ${Date.now() - started} ms\n`);
		expect(items.find((item) => item.attachment_id === made.missing.id)?.files).toEqual([made.missing.file]);
		for (const name of ['gone', 'offline'] as const) expect(items.some((item) => item.attachment_id === made[name].id)).toBe(false);

		expect(uncheckedOf(unchecked, made.gone.id)).toMatchObject({
			bucket: goneBucket,
			provider,
			code: 'E_BUCKET_NOT_FOUND',
			reason: expect.stringContaining(`The bucket "${goneBucket}" does not exist`),
			fix: expect.stringMatching(/^Media Cloud reads that bucket with the access keys in the settings now: give them access to it/),
			files: expect.arrayContaining([made.gone.file]),
		});
		expect(uncheckedOf(unchecked, made.offline.id)).toMatchObject({
			bucket: offlineBucket,
			code: 'E_NETWORK',
			reason: expect.stringContaining('refused the connection'),
		});
		expect(uncheckedOf(unchecked, made.missing.id)).toBeUndefined();
		// Not known to be missing: the Storage column's mark is not set for them.
		const marks = await wpEval<Record<string, unknown>>(
			site,
			`$m = array(); foreach ( array( ${made.missing.id}, ${made.gone.id}, ${made.offline.id} ) as $id ) { $m[ $id ] = get_post_meta( $id, '_wp_media_cloud_missing', true ) ? 'missing' : ''; } return $m;`,
		);
		expect(marks).toEqual({ [made.missing.id]: 'missing', [made.gone.id]: '', [made.offline.id]: '' });
	}, 120_000);

	test('when the storage the settings name cannot be checked, the audit fails as a whole with its error', async () => {
		const restore = await setSettings(site, { bucket: goneBucket });
		try {
			const { status, body } = await rest(site, 'GET', `/audit?after=${made.gone.id - 1}&per_page=1`);
			expect(status).toBe(503); // Migration_Service::sidecar answers 503 for every storage or sidecar failure.
			expect(body).toMatchObject({ code: 'E_BUCKET_NOT_FOUND', message: expect.stringContaining(goneBucket) });
		} finally {
			await restore();
		}
	}, 60_000);

	test('the health check\'s audit names them apart instead of "not tested"', async () => {
		const { status, body } = await rest(site, 'POST', '/health', { checks: ['missing_files'] });
		expect(status).toBe(200);
		const result = (body.results as Array<{ test: string; status: string; cause?: string; description: string; details: any }>).find(
			(entry) => entry.test === 'missing_files',
		)!;
		expect(result.cause).not.toBe('not_tested');
		// A health run checks the newest 2,000 attachments and lists the newest 50 of each kind first: ours are the newest.
		expect(result).toMatchObject({ status: 'critical', cause: 'missing_files' });
		expect(result.description).toContain(`stored in the bucket "${goneBucket}" (${provider}) could not be checked: `);
		expect(result.details.attachments.map((item: { attachment_id: number }) => item.attachment_id)).toContain(made.missing.id);
		const ids = result.details.unchecked.map((item: Unchecked) => item.attachment_id);
		expect(ids).toEqual(expect.arrayContaining([made.gone.id, made.offline.id]));
	}, 120_000);

	test("the Media Library's Verify on an attachment in the deleted bucket says why and gives the older storage's fix", async () => {
		// What the row action's notice prints: the failure's message and "What to do:" its remedy (Action_Notice).
		const result = await wpEval<{ failed: Array<{ id: number; message: string; remedy: string }> }>(
			site,
			`return WP_Media_Cloud\\Media_Library\\Attachment_Actions::run( 'verify', array( ${made.gone.id} ) );`,
		);
		expect(result.failed).toHaveLength(1);
		expect(result.failed[0].message).toContain(goneBucket);
		// Not the sidecar's fix for the bucket in the settings, which is not where this attachment is.
		expect(result.failed[0].remedy).toMatch(/^Media Cloud reads that bucket with the access keys in the settings now/);
	}, 60_000);

	withWpCli(test, 'wp media-cloud verify')(
		"wp media-cloud verify completes: exit 2, one list with each row's status, and a warning naming each bucket",
		async () => {
			const started = Date.now();
			const { exit, stdout, stderr } = await wp(site, 'media-cloud verify --format=json');
			process.stderr.write(`[audit-unreachable ${kind}] wp media-cloud verify (whole library): ${Date.now() - started} ms\n`);
			expect({ exit, stderr: stderr.includes('Error:') ? stderr : '' }).toEqual({ exit: 2, stderr: '' });
			const rows = JSON.parse(stdout) as Array<{ attachment_id: number; status: string; bucket: string; provider: string; reason: string }>;
			const row = (id: number) => rows.find((entry) => entry.attachment_id === id);
			expect(row(made.missing.id)).toMatchObject({ status: 'missing', bucket: '' });
			expect(row(made.gone.id)).toMatchObject({ status: 'unchecked', bucket: goneBucket, provider, reason: expect.stringContaining('does not exist') });
			expect(row(made.offline.id)).toMatchObject({ status: 'unchecked', bucket: offlineBucket });
			expect(stderr).toMatch(
				new RegExp(
					`Warning: \\d+ attachments stored in the bucket "${goneBucket}" \\(${escapeRegExp(provider)}\\) could not be checked: .*What to do: `,
				),
			);
			expect(stderr).toContain(`stored in the bucket "${offlineBucket}"`);

			// For people: a table of each kind, the not-checked one under its own line, the same warnings.
			const human = await wp(site, 'media-cloud verify');
			expect(human.exit).toBe(2);
			const [missingPart, uncheckedPart] = human.stdout.split('Could not be checked (their storage did not answer):');
			// Into a pipe WP-CLI prints a table as tab-separated lines.
			const lineOf = (part: string | undefined, id: number) => (part ?? '').split('\n').find((line) => line.startsWith(`${id}\t`));
			expect(lineOf(missingPart, made.missing.id)).toBeDefined();
			expect(lineOf(missingPart, made.gone.id)).toBeUndefined();
			expect(lineOf(uncheckedPart, made.gone.id)?.split('\t').slice(-2)).toEqual([provider, goneBucket]);
			expect(human.stderr).toContain(`stored in the bucket "${goneBucket}"`);
		},
		120_000,
	);

	test('Tools › Audit shows both lists, and the Storage column does not call the unchecked ones missing', async () => {
		let browser: TestBrowser | undefined;
		try {
			const opened = await openLoggedIn(site);
			browser = opened.browser;
			const page = opened.page;
			await openMediaCloudPage(page, site, 'tools');
			const audit = page.locator('#audit-missing');
			await audit.getByRole('button', { name: 'Audit missing files' }).click();
			// No time limit of ours: the page walks every attachment of the shared site a page at a time.
			await audit.locator('.wpmc-audit-summary, .notice-error').first().waitFor({ timeout: 0 });
			expect(await audit.locator('.notice-error').allTextContents()).toEqual([]);
			await expect(audit.locator(`.wpmc-audit tr:has(a[href$="post=${made.missing.id}&action=edit"])`).count()).resolves.toBe(1);
			const notChecked = audit.locator('.wpmc-audit-unchecked');
			await expect(notChecked.locator('h3').textContent()).resolves.toBe('Could not be checked');
			for (const [name, bucket] of [
				['gone', goneBucket],
				['offline', offlineBucket],
			] as const) {
				const row = notChecked.locator(`.wpmc-audit-unchecked__table tr:has(a[href$="post=${made[name].id}&action=edit"])`);
				await expect(row.textContent()).resolves.toContain(bucket);
				await expect(notChecked.locator('.wpmc-audit-unchecked__storage', { hasText: `the bucket "${bucket}"` }).textContent()).resolves.toContain(
					'What to do: Media Cloud reads that bucket with the access keys in the settings now',
				);
				await expect(audit.locator(`.wpmc-audit tr:has(a[href$="post=${made[name].id}&action=edit"])`).count()).resolves.toBe(0);
			}

			await saveScreenshot(page, `tools-audit-unchecked-${kind}`, notChecked);

			// Media › Library, list mode: Missing for the one gone from the bucket, still Offloaded for the others.
			await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(tag)}`);
			const status = (id: number) => page.locator(`#post-${id} td.column-wp_media_cloud_storage [data-status]`).getAttribute('data-status');
			await expect(status(made.missing.id)).resolves.toBe('missing');
			await expect(status(made.gone.id)).resolves.toBe('offloaded');
			await expect(status(made.offline.id)).resolves.toBe('offloaded');
			expect(browser.pageErrors).toEqual([]);
		} finally {
			await browser?.close();
		}
	}, 300_000);
});

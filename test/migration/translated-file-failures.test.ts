// A file gone from disk, in the site's language wherever a user meets it: the sidecar's error carries its
// sentences as codes (sidecar/src/files/files-messages.ts) and WordPress words them from its one catalog
// (plugin/inc/health/class-messages-files.php). A real French .mo is loaded for requests that ask for it
// (support/test-language.ts); without it, users read the English they read before, word for word.
// - Media › Library, in a real browser: "Offload now" on an attachment whose file was deleted says why in its
//   notice (the sidecar's REST error, worded by Sidecar_Client), and the Storage column shows the pending reason;
//   the Dashboard's pending table (GET /media-cloud/v1/status) too. The reason is stored with its codes, so a
//   reader in English reads it in English although a French user caused it.
// - A migration: the run's failure list (GET /media-cloud/v1/migration).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openLoggedIn, type TestBrowser } from '../support/browser';
import { cancelLeftoverRun, createLibrary, type LibraryItem } from '../support/library';
import { pendingMarker, waitFor } from '../support/media';
import { getSite, wpEval } from '../support/stack';
import { rest } from '../support/rest';
import { FRENCH_REQUEST, installFrench } from '../support/test-language';

const site = getSite('sqlite');
const folder = `translated-files-${process.pid}-${Date.now().toString(36)}`;

const ENGLISH = {
	missing: 'The file "%s" does not exist in the uploads folder.',
	fix: 'Restore the file from a backup, or regenerate the image sizes, then offload the attachment again.',
};

/** English (as the plugin's catalog has it) → French, as a translator would deliver it. */
const FRENCH = {
	[ENGLISH.missing]: 'Le fichier « %s » n’existe pas dans le dossier des téléversements.',
	[ENGLISH.fix]: 'Restaurez le fichier depuis une sauvegarde, ou régénérez les tailles d’image, puis déchargez de nouveau le média.',
};

const french = (file: string) => ({ reason: FRENCH[ENGLISH.missing].replace('%s', file), remedy: FRENCH[ENGLISH.fix] });
const english = (file: string) => ({ reason: ENGLISH.missing.replace('%s', file), remedy: ENGLISH.fix });

let uninstall: () => void;
const created: number[] = [];

/** One attachment of the library whose attached file is then deleted from disk (its sizes stay). */
async function attachmentWithoutItsFile(name: string): Promise<{ item: LibraryItem; file: string }> {
	const [item] = await createLibrary(site, `${folder}-${name}`, 1);
	created.push(item.id);
	const file = await wpEval<string>(site, `return get_post_meta( ${item.id}, '_wp_attached_file', true );`);
	fs.rmSync(path.join(site.dir, 'wp-content', 'uploads', file));
	return { item, file };
}

beforeAll(async () => {
	uninstall = installFrench(site, 'file-failures', FRENCH);
	await cancelLeftoverRun(site);
}, 60_000);

afterAll(async () => {
	uninstall?.();
	await cancelLeftoverRun(site);
	if (created.length) await wpEval(site, `foreach ( array( ${created.join(', ')} ) as $id ) { wp_delete_attachment( $id, true ); } return true;`);
});

describe('Media Library', () => {
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		({ browser, page } = await openLoggedIn(site));
	}, 60_000);
	afterAll(async () => browser?.close());

	async function openList(search: string): Promise<void> {
		await page.goto(`${site.url}/wp-admin/upload.php?mode=list&s=${encodeURIComponent(search)}`);
		await page.locator('#the-list').waitFor();
	}

	const storageCell = (id: number) => page.locator(`#post-${id} td.column-wp_media_cloud_storage .wpmc-storage-detail`);

	test('Offload now on a file gone from disk: the notice, the pending reason and the Dashboard say why in French, and in the same English without', async () => {
		const { item, file } = await attachmentWithoutItsFile('pending');
		await page.setExtraHTTPHeaders(FRENCH_REQUEST);
		await openList(`${folder}-pending`);
		const row = page.locator(`#post-${item.id}`);
		await row.hover();
		await Promise.all([page.waitForURL(/\/wp-admin\/upload\.php/), row.locator('.row-actions a', { hasText: /^Offload now$/ }).click()]);

		const notice = (await page.locator('.notice-error.wpmc-media-notice').textContent()) ?? '';
		expect(notice).toContain(french(file).reason);
		expect(notice).toContain(french(file).remedy);
		expect(await storageCell(item.id).textContent()).toBe(french(file).reason);
		expect((await pendingMarker(site, item.id))?.code).toBe('E_FILE_MISSING');

		const pendingOn = async (headers: Record<string, string>) => {
			const response = await fetch(`${site.restUrl}media-cloud/v1/status`, { headers: { Authorization: site.authHeader, ...headers } });
			expect(response.status).toBe(200);
			const body = (await response.json()) as { pending: Array<{ id: number; reason: string }> };
			return body.pending.find((entry) => entry.id === item.id);
		};
		expect(await pendingOn(FRENCH_REQUEST)).toMatchObject({ reason: french(file).reason });

		// A reader in English reads the English of before, though the reason was stored when a French user acted.
		expect(await pendingOn({})).toMatchObject({ reason: english(file).reason });
		await page.setExtraHTTPHeaders({});
		await openList(`${folder}-pending`);
		expect(await storageCell(item.id).textContent()).toBe(english(file).reason);
	}, 120_000);
});

describe('migration', () => {
	/** The migration's progress as the Dashboard reads it, in French or in the site's English. */
	async function migrationProgress(headers: Record<string, string>): Promise<any> {
		const response = await fetch(`${site.restUrl}media-cloud/v1/migration`, { headers: { Authorization: site.authHeader, ...headers } });
		const body = await response.json();
		if (response.status !== 200) throw new Error(`GET /migration answered ${response.status}: ${JSON.stringify(body)}`);
		return body;
	}

	test('an attachment whose file is gone from disk is listed with the reason and its fix in French, and in the same English without', async () => {
		const { item, file } = await attachmentWithoutItsFile('migration');
		try {
			expect((await rest(site, 'POST', '/migration', { concurrency: 1 })).status).toBe(200);
			const ours = (progress: any) => progress.errors.find((error: { attachment_id: number }) => error.attachment_id === item.id);
			const inFrench = await waitFor('the item to be listed among the failures', async () => ours(await migrationProgress(FRENCH_REQUEST)), 90_000);
			const inEnglish = ours(await migrationProgress({}));

			expect(inFrench).toMatchObject({ code: 'E_FILE_MISSING', ...french(file) });
			expect(inEnglish).toMatchObject({ code: 'E_FILE_MISSING', ...english(file) });
			expect(inFrench).not.toHaveProperty('said');
		} finally {
			await cancelLeftoverRun(site);
		}
	}, 150_000);
});

// Issue 11's "Measure": from a fresh plain WordPress with no plugin to the first image served from the bucket,
// following only what the screens say. In chromium as admin: Plugins › Add Plugin › Upload Plugin with the zip,
// Install Now, Activate Plugin; the setup notice leads to Media Cloud › Dashboard, whose step 1 shows this site's
// two commands, which are copied from the page and run in a shell with the real WP-CLI; Settings for the local
// S3-compatible server (a fresh bucket), Save, Test connection; an image uploaded through Media › Add Media File;
// its File URL (the attachment's edit screen) is the bucket's, loads, and has the uploaded bytes, which an
// independent S3 client finds in the bucket.
//
// Each step is timed and a table is printed at the end; the times go into the report only (nothing here depends
// on the machine's speed). Screenshots and the text of each screen: test-artifacts/browser/first-run-*.
//
// The site (.data/sites/first-run-zip on :8897, test/support/plain-site.ts), its sidecar (:8796, set up and started
// by the page's commands) and the bucket are this test's own; afterAll stops and deletes them.
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { portInUse } from '../../bin/dev/processes';
import { siteDir } from '../../bin/dev/site';
import { ARTIFACTS_DIR, logIn, openBrowser, saveScreenshot, type TestBrowser } from '../support/browser';
import { FIXTURES, objectBytes } from '../support/media';
import { makePlainSite, removePlainSite, type PlainSite } from '../support/plain-site';
import { pluginZip } from '../support/plugin-zip';
import { withWpCli, WP_CLI_PHAR } from '../support/wp-cli';
import { createS3Client, type S3Info, type TestSite } from '../support/stack';
import { readStackFile } from '../support/stack-file';

const SITE_NAME = 'first-run-zip';
const SITE_PORT = 8897;
/** The sidecar's own port (not 8787 of `npm start`, 8790/8791 of the test sites, 8795/8799 of the CLI and zip tests). */
const SIDECAR_PORT = 8796;
const FIXTURE = 'graphic-800x600.png';

const suite = withWpCli(describe, 'the first run from the zip');

interface Timed {
	step: string;
	where: 'browser' | 'shell';
	seconds: number;
}

suite('first run from the zip, following the screens (issue 11, Measure)', () => {
	let site: PlainSite | undefined;
	let browser: TestBrowser | undefined;
	let page: Page;
	let zip: { file: string; built: boolean };
	let s3Info: S3Info;
	let bucketMade = false;
	/** A folder with a `wp` that runs the real WP-CLI: what a person's shell has on PATH. */
	const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-first-run-bin-'));
	const dir = siteDir(SITE_NAME);
	/** Where setup puts the sidecar's data by default: beside the WordPress root. Read from setup's output below. */
	let dataDir = `${dir}-media-cloud`;
	let sidecarSetUp = false;
	const preparation: Array<[string, number]> = [];
	const timeline: Timed[] = [];
	/** What each screen and command said, in order, for the report (test-artifacts/browser/first-run-screens.md). */
	const screens: string[] = [];

	/** Runs a command line as a person pastes it into a shell on the server (here, as root). */
	async function shell(commandLine: string): Promise<string> {
		const env: Record<string, string | undefined> = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
		for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('JEST')) delete env[name];
		try {
			const { stdout, stderr } = await promisify(execFile)('/bin/sh', ['-c', commandLine], {
				env,
				cwd: os.homedir(),
				timeout: 120_000,
				maxBuffer: 16 * 1024 * 1024,
			});
			const output = `${stdout}${stderr}`.trim();
			screens.push(`### shell: \`${commandLine}\`\n\n\`\`\`\n${output}\n\`\`\``);
			return output;
		} catch (error) {
			const failed = error as { stdout?: string; stderr?: string; message: string };
			screens.push(`### shell (failed): \`${commandLine}\`\n\n\`\`\`\n${failed.stdout ?? ''}${failed.stderr ?? ''}\n\`\`\``);
			throw new Error(`${commandLine} failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
		}
	}

	/** Keeps the visible text of a part of the page (and a screenshot) for the report. */
	async function keepScreen(name: string, selector = '#wpbody-content'): Promise<string> {
		const text = (await page.locator(selector).first().innerText()).replace(/\n{3,}/g, '\n\n').trim();
		screens.push(`### ${name} (${page.url().replace(site?.url ?? '', '')})\n\n\`\`\`\n${text}\n\`\`\``);
		await saveScreenshot(
			page,
			`first-run-${name
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '')}`,
		);
		return text;
	}

	const step = (id: string) => page.locator(`.wpmc-setup .wpmc-step[data-step="${id}"]`);

	beforeAll(async () => {
		let started = Date.now();
		zip = await pluginZip();
		preparation.push([
			zip.built ? 'build the zip (npm run build:zip)' : 'reuse dist/wp-media-cloud.zip (newer than its sources)',
			(Date.now() - started) / 1000,
		]);

		fs.writeFileSync(path.join(binDir, 'wp'), `#!/bin/sh\nexec php ${JSON.stringify(WP_CLI_PHAR)} --allow-root "$@"\n`, { mode: 0o755 });
		// A crashed earlier run may have left its sidecar running: stop it with its own command before deleting its site.
		if (fs.existsSync(path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud')))
			await shell(`wp media-cloud sidecar stop --path=${dir}`).catch(() => undefined);
		fs.rmSync(dataDir, { recursive: true, force: true });
		if (await portInUse(SIDECAR_PORT)) throw new Error(`Port ${SIDECAR_PORT} is in use by another program: this test's sidecar needs it.`);

		started = Date.now();
		site = await makePlainSite({ name: SITE_NAME, port: SITE_PORT });
		preparation.push([`fresh WordPress ${site.wpVersion} (SQLite) on :${SITE_PORT}, no plugin`, (Date.now() - started) / 1000]);
		expect(fs.existsSync(path.join(dir, 'wp-content', 'plugins', 'wp-media-cloud'))).toBe(false);
		expect(fs.readFileSync(path.join(dir, 'wp-config.php'), 'utf8')).not.toContain('WP_MEDIA_CLOUD');

		// A fresh bucket on the test stack's S3-compatible server, made as the provider's console would.
		const endpoint = readStackFile().s3.endpoint;
		s3Info = { endpoint, bucket: `first-run-${Date.now().toString(36)}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
		await createS3Client(s3Info).send(new CreateBucketCommand({ Bucket: s3Info.bucket }));
		bucketMade = true;

		browser = await openBrowser();
		page = await browser.newPage();
	}, 600_000);

	afterAll(async () => {
		await browser?.close();
		if (sidecarSetUp) {
			try {
				await shell(`wp media-cloud sidecar stop --path=${dir}`);
			} catch (error) {
				process.stderr.write(`[test] stopping the first-run sidecar: ${(error as Error).message}\n`);
			}
		}
		if (site) await removePlainSite(site);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(binDir, { recursive: true, force: true });
		if (bucketMade) {
			const s3 = createS3Client(s3Info);
			const listed = await s3.send(new ListObjectsV2Command({ Bucket: s3Info.bucket }));
			const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
			if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: s3Info.bucket, Delete: { Objects: keys } }));
			await s3.send(new DeleteBucketCommand({ Bucket: s3Info.bucket }));
		}
		if (screens.length > 0) {
			fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
			fs.writeFileSync(
				path.join(ARTIFACTS_DIR, 'first-run-screens.md'),
				`# First run from the zip: what each screen and command said\n\n${screens.join('\n\n')}\n`,
			);
		}
	}, 120_000);

	test('from Upload Plugin to the first image served from the bucket', async () => {
		const plain = site!;
		let mark = Date.now();
		const done = (name: string, where: Timed['where'] = 'browser') => {
			const now = Date.now();
			timeline.push({ step: name, where, seconds: (now - mark) / 1000 });
			mark = now;
		};

		// 1. Log in.
		await logIn(page, { url: plain.url, admin: plain.admin } as TestSite);
		done('Log in to wp-admin');

		// 2. Plugins › Add Plugin › Upload Plugin: choose the zip, Install Now.
		await page.locator('#adminmenu a.menu-top[href="plugins.php"]').click();
		await page.locator('#wpbody-content a.page-title-action', { hasText: /^Add (New )?Plugin$/ }).click();
		await page.waitForURL(/plugin-install\.php/);
		await page.locator('a.upload-view-toggle').click();
		await page.locator('#pluginzip').setInputFiles(zip.file);
		await Promise.all([
			page.waitForURL(/update\.php\?action=upload-plugin/, { timeout: 60_000 }),
			page.getByRole('button', { name: 'Install Now' }).click(),
		]);
		const installed = await keepScreen('1 Plugin installed');
		expect(installed).toMatch(/Plugin installed successfully/);
		done('Plugins › Add Plugin › Upload Plugin: choose the zip, Install Now');

		// 3. Activate Plugin: the setup notice names the next step.
		await page.getByRole('link', { name: 'Activate Plugin' }).click();
		await page.waitForURL(/plugins\.php/);
		const notice = page.locator('#wp-media-cloud-setup-notice');
		await notice.waitFor();
		await expect(notice.innerText()).resolves.toMatch(/Media Cloud is not set up yet:.*Next step: set up the sidecar \(two commands on the server\)/s);
		await keepScreen('2 Plugin activated');
		done('Activate Plugin');

		// 4. The notice's button: the Dashboard's checklist, step 1 with this site's two commands.
		await notice.getByRole('link', { name: /Finish the setup/ }).click();
		await step('sidecar').waitFor();
		await keepScreen('3 Dashboard before setup', '#wp-media-cloud-admin');
		const commands = await step('sidecar').locator('.wpmc-step__commands .wpmc-copy__text').allTextContents();
		expect(commands).toEqual([
			expect.stringMatching(/^wp media-cloud sidecar setup --path=\S+$/),
			expect.stringMatching(/^wp media-cloud sidecar start --path=\S+$/),
		]);
		done("Media Cloud › Dashboard (the notice's button): step 1 shows two commands");

		// 5–6. In a shell on the server: the two commands as the page shows them (setup with this test's own port).
		const setupOutput = await shell(`${commands[0]} --port=${SIDECAR_PORT}`);
		sidecarSetUp = true;
		dataDir = /Data folder: (\S+) \(/.exec(setupOutput)?.[1] ?? dataDir;
		expect(setupOutput).toMatch(/Success: Set up\./);
		expect(fs.readFileSync(path.join(dir, 'wp-config.php'), 'utf8')).toContain(`'WP_MEDIA_CLOUD_SIDECAR_URL', 'http://127.0.0.1:${SIDECAR_PORT}'`);
		done(`shell: ${commands[0].replace(/--path=\S+/, '--path=…')} (+ --port=${SIDECAR_PORT})`, 'shell');
		const startOutput = await shell(commands[1]);
		expect(startOutput).toMatch(new RegExp(`Success: The sidecar runs \\(pid \\d+\\) and answers at http://127\\.0\\.0\\.1:${SIDECAR_PORT}`));
		done(`shell: ${commands[1].replace(/--path=\S+/, '--path=…')}`, 'shell');

		// 7. Back in the browser: "This step is checked again every few seconds."
		await page.locator('.wpmc-setup .wpmc-step[data-step="sidecar"][data-state="done"]').waitFor({ timeout: 60_000 });
		await keepScreen('4 Dashboard sidecar done', '#wp-media-cloud-admin');
		done('Dashboard: step 1 turns Done by itself');

		// 8. Step 2's button: Settings. S3-compatible endpoint, the bucket and its keys, Path-Style on; Save changes.
		await step('settings').getByRole('link', { name: 'Open Settings' }).click();
		await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'S3-compatible endpoint' });
		await page.getByLabel('Endpoint URL', { exact: true }).fill(s3Info.endpoint);
		const region = page.getByLabel('Region', { exact: true });
		const regionShown = await region.inputValue();
		screens.push(
			`### Settings, S3-compatible endpoint chosen\n\nRegion field: ${regionShown === '' ? 'empty (filled with us-east-1)' : `“${regionShown}”, kept`}`,
		);
		if (regionShown === '') await region.fill(s3Info.region);
		await page.getByLabel('Bucket', { exact: true }).fill(s3Info.bucket);
		await page.getByLabel('Access key', { exact: true }).fill(s3Info.accessKeyId);
		await page.getByLabel('Secret key', { exact: true }).fill(s3Info.secretAccessKey);
		await page.getByLabel('Path-Style URLs', { exact: true }).check();
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.locator('.wpmc-snackbars').getByText('Settings saved.').waitFor({ timeout: 30_000 });
		await keepScreen('5 Settings saved', '#wp-media-cloud-admin');
		done('Open Settings: provider, endpoint, bucket, keys, Path-Style; Save changes');

		// 9. Test connection (on Settings; the Dashboard's step 3 offers the same).
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.locator('.wpmc-snackbars').getByText('Connection works.').waitFor({ timeout: 60_000 });
		const rows = await page
			.locator('.wpmc-test-connection .wpmc-health-row')
			.evaluateAll((elements) => elements.map((row) => [row.getAttribute('data-test'), row.getAttribute('data-status')]));
		expect(rows).toEqual([
			['connectivity', 'good'],
			['credentials', 'good'],
			['upload', 'good'],
		]);
		await keepScreen('6 Connection works', '#wp-media-cloud-admin');
		done('Test connection');

		// 10. The Dashboard: every step done.
		await page.locator('#adminmenu a.menu-top[href*="page=media-cloud"]').click();
		const complete = page.locator('.wpmc-setup[data-complete="true"]');
		await complete.waitFor({ timeout: 30_000 });
		await expect(complete.locator('h2').innerText()).resolves.toBe('Setup complete');
		await keepScreen('7 Dashboard setup complete', '#wp-media-cloud-admin');
		done('Media Cloud › Dashboard: "Setup complete"');

		// 11. Media › Add Media File: the real upload form.
		await page.goto(`${plain.url}/wp-admin/media-new.php`);
		const upload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-first-run-')), `first-image-${Date.now().toString(36)}.png`);
		fs.copyFileSync(path.join(FIXTURES, FIXTURE), upload);
		await page.locator('#plupload-upload-ui input[type=file]').setInputFiles(upload);
		await page.waitForFunction(
			() =>
				document.querySelectorAll('#media-items .media-item a.edit-attachment').length + document.querySelectorAll('#media-items .error-div').length >
				0,
			undefined,
			{ timeout: 60_000 },
		);
		expect(await page.locator('#media-items .error-div').count()).toBe(0);
		await keepScreen('8 Image uploaded');
		done('Media › Add Media File: upload an image');

		// 12. Its Edit screen: the File URL is the bucket's, it loads, and it is the uploaded file.
		await page.locator('#media-items .media-item a.edit-attachment').first().click();
		const fileUrl = await page.locator('#attachment_url').inputValue();
		await keepScreen('9 Attachment edit');
		const bucketBase = `${s3Info.endpoint}/${s3Info.bucket}/`;
		expect(fileUrl.slice(0, bucketBase.length)).toBe(bucketBase);
		const response = await fetch(fileUrl);
		expect(response.status).toBe(200);
		const served = Buffer.from(await response.arrayBuffer());
		const original = fs.readFileSync(upload);
		expect(served.equals(original)).toBe(true);
		const stored = await objectBytes(
			createS3Client(s3Info),
			s3Info.bucket,
			decodeURIComponent(new URL(fileUrl).pathname.slice(`/${s3Info.bucket}/`.length)),
		);
		expect(stored?.equals(original)).toBe(true);
		// The edit screen's preview is loaded from there too.
		const preview = page.locator('.wp_attachment_image img').first();
		await expect(preview.getAttribute('src')).resolves.toMatch(new RegExp(`^${bucketBase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		await expect(preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
		done("Edit (the upload's link): File URL is the bucket's and loads");
		fs.rmSync(path.dirname(upload), { recursive: true, force: true });

		// The report: steps and seconds (machine time, not a person's: no assertion on it).
		const total = timeline.reduce((sum, item) => sum + item.seconds, 0);
		const width = Math.max(...timeline.map((item) => item.step.length), 20);
		const lines = [
			'First run from the zip: steps and seconds',
			...preparation.map(([what, seconds]) => `  (before) ${what}: ${seconds.toFixed(1)} s`),
			`  #   ${'step'.padEnd(width)}  where     seconds`,
			...timeline.map(
				(item, index) =>
					`  ${String(index + 1).padStart(2)}  ${item.step.padEnd(width)}  ${item.where.padEnd(8)}  ${item.seconds.toFixed(1).padStart(7)}`,
			),
			`      ${'total'.padEnd(width)}            ${total.toFixed(1).padStart(7)}`,
			`  ${timeline.filter((item) => item.where === 'shell').length} of ${timeline.length} steps in a shell`,
		];
		console.log(lines.join('\n'));
		screens.push(`### Timing\n\n\`\`\`\n${lines.join('\n')}\n\`\`\``);
		expect(timeline).toHaveLength(12);
		expect(total).toBeGreaterThan(0);
		expect(browser!.pageErrors).toEqual([]);
	}, 600_000);
});

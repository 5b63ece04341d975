// `wp media-cloud status|migrate|pause|resume|cancel|offload|download|verify` with the real WP-CLI on the SQLite
// test site: what a user reads (stdout, stderr), the progress bars, and the exit codes scripts rely on (0 done,
// 1 could not run, 2 ran but items failed / files missing; docs/wp-cli.md).
import fs from 'node:fs';
import path from 'node:path';
import { offloadRecord, setSettings, waitFor } from '../support/media';
import { getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';
import { messages, wp as runWp, withWpCli, type WpOptions } from '../support/wp-cli';
import { startFaultProxy } from '../support/fault-proxy';
import { cancelLeftoverRun, createLibrary, type LibraryItem } from '../support/library';

const site = getSite('sqlite');
const folder = `cli-${Date.now().toString(36)}`;
const wp = (commandLine: string, options?: WpOptions) => runWp(site, commandLine, options);

/** Draws WP-CLI's progress bars into the pipe (it draws none when stdout is not a terminal), without colours. */
const WITH_BAR: WpOptions = { env: { SHELL_PIPE: '0' } };
/** The percentages a bar showed, in order: `Offloading attachments  40 % [===>   ] 0:01 / 0:02`. */
const barPercents = (stdout: string, label: string) => [...stdout.matchAll(new RegExp(`${label}\\s+(\\d+)\\s*% \\[`, 'g'))].map((match) => Number(match[1]));

let library: LibraryItem[];
let broken: LibraryItem;

withWpCli(describe, 'the migration commands')('wp media-cloud migration commands (real WP-CLI)', () => {
	beforeAll(async () => {
		await cancelLeftoverRun(site);
		library = await createLibrary(site, folder, 4);
		broken = library[3];
		fs.rmSync(path.join(site.uploadsDir, Object.keys(broken.files)[2]));
	}, 120_000);

	afterAll(async () => {
		if (broken) await wpEval(site, `wp_delete_attachment( ${broken.id}, true ); return true;`);
	});

	test('status --format=json prints only the Dashboard numbers on stdout', async () => {
		const { exit, stdout } = await wp('media-cloud status --format=json');
		expect(exit).toBe(0);
		const status = JSON.parse(stdout);
		expect(status.attachments.total).toBeGreaterThanOrEqual(4);
		expect(status.attachments.not_offloaded).toBeGreaterThanOrEqual(4);
		expect(status.storage.bucket).toBe(site.s3.bucket);
		expect(stdout).not.toContain('S3RVER');
	});

	test('bad input is refused with exit code 1 and nothing starts', async () => {
		const [concurrency, offload, download, both, ids, pause] = await Promise.all([
			wp('media-cloud migrate --concurrency=lots'),
			wp(`media-cloud offload ${library[0].id} abc`),
			wp('media-cloud download'),
			wp(`media-cloud download ${library[0].id} --all`),
			wp(`media-cloud move --ids=${library[0].id},abc`),
			wp('media-cloud pause'),
		]);
		expect(concurrency.exit).toBe(1);
		expect(messages(concurrency.stderr, 'Error')).toEqual(['--concurrency must be a whole number from 1 to 64, not "lots".']);
		expect(offload.exit).toBe(1);
		expect(messages(offload.stderr, 'Error')[0]).toContain('"abc" is not the ID of an attachment');
		expect(await offloadRecord(site, library[0].id)).toBeNull();
		for (const refused of [download, both]) {
			expect([refused.exit, messages(refused.stderr, 'Error')]).toEqual([
				1,
				['Give attachment IDs, or --all for every offloaded attachment (not both).'],
			]);
		}
		expect([ids.exit, messages(ids.stderr, 'Error')]).toEqual([1, [`--ids must list attachment IDs separated by commas, not "${library[0].id},abc".`]]);
		expect(pause.exit).toBe(1);
		expect(messages(pause.stderr, 'Error')[0]).toMatch(/No migration is running or paused/);
	});

	test('migrate --dry-run only counts', async () => {
		const { exit, stdout } = await wp('media-cloud migrate --dry-run');
		expect(exit).toBe(0);
		expect(messages(stdout, 'Success')[0]).toMatch(
			/^Dry run: \d+ attachments \(\d+ files, .+\) would be offloaded; [1-9]\d* files are missing on disk\. Nothing was uploaded\.$/,
		);
		expect(await offloadRecord(site, library[0].id)).toBeNull();
	});

	test('offload <id> offloads now through the upload path, its progress bar reaching 100 %', async () => {
		const { exit, stdout } = await wp(`media-cloud offload ${library[0].id} --no-color`, WITH_BAR);
		expect(exit).toBe(0);
		expect(barPercents(stdout, 'Offloading').pop()).toBe(100);
		expect(messages(stdout, 'Success')).toEqual(['1 attachments offloaded.']);
		expect((await offloadRecord(site, library[0].id))?.keys).toHaveLength(7);
	});

	test('migrate --detach, pause, resume and cancel drive the background run', async () => {
		// Storage that holds every request for 20 s: the run cannot finish while the commands are tried.
		const proxy = await startFaultProxy(site.s3.endpoint, { stall: 1, stallMs: 20_000 });
		const restore = await setSettings(site, { endpoint: proxy.url });
		try {
			const started = await wp('media-cloud migrate --detach --concurrency=1');
			expect(started.exit).toBe(0);
			expect(messages(started.stdout, 'Success')[0]).toMatch(/^Migration running: .* It goes on in the background\.$/);
			expect((await wp('media-cloud pause')).exit).toBe(0);
			const status = await wp('media-cloud status');
			expect(status.stdout).toMatch(/Migration paused: \d+ of \d+ done/);
			const resumed = await wp('media-cloud resume');
			expect(resumed.exit).toBe(0);
			expect(messages(resumed.stdout, 'Success')[0]).toMatch(/resumed in the background/);
			expect((await wp('media-cloud cancel')).exit).toBe(0);
			const again = await wp('media-cloud resume');
			expect(again.exit).toBe(1);
			expect(messages(again.stderr, 'Error')[0]).toMatch(/No migration is running or paused/);
		} finally {
			await restore();
			await proxy.close();
		}
	}, 60_000);

	test('migrate exits 1 with the reason and the fix when the storage refuses the key, its bar stopped where the run stopped', async () => {
		const restore = await setSettings(site, { access_key: 'NOT-A-KEY' }); // s3rver refuses unknown access keys
		try {
			const { exit, stdout, stderr } = await wp('media-cloud migrate --concurrency=2 --no-color', WITH_BAR);
			expect(exit).toBe(1);
			expect(messages(stderr, 'Error')[0]).toMatch(
				/^Paused: The storage provider does not know this access key\. Check the access key for a missing character.* Then run: wp media-cloud resume$/,
			);
			// The run paused with nothing offloaded: the bar ends below 100 %, at the count the progress line gives.
			const line = stdout.match(/Migration paused: (\d+) of (\d+) done, (\d+) failed/)!;
			const reached = Number(line[1]) + Number(line[3]);
			expect(barPercents(stdout, 'Offloading attachments').pop()).toBe(Math.floor((reached / Number(line[2])) * 100));
			expect(reached).toBeLessThan(Number(line[2]));
			const status = await wp('media-cloud status');
			expect(messages(status.stderr, 'Warning')[0]).toMatch(/^Paused: The storage provider does not know this access key\./);
		} finally {
			await restore();
			await wp('media-cloud cancel');
		}
		for (const item of library.slice(1, 3)) expect(await offloadRecord(site, item.id)).toBeNull();
	}, 60_000);

	test('migrate follows the run with a progress bar and exits 2 listing the item that failed', async () => {
		const { exit, stdout, stderr } = await wp('media-cloud migrate --concurrency=8 --no-color', WITH_BAR);
		expect(exit).toBe(2);
		expect(barPercents(stdout, 'Offloading attachments').pop()).toBe(100); // every item reached: done or failed
		const row = stdout.split('\n').find((line) => line.startsWith(`| ${broken.id} `));
		expect(
			row
				?.split('|')
				.map((cell) => cell.trim())
				.slice(1, 3),
		).toEqual([String(broken.id), 'E_FILE_MISSING']);
		expect(messages(stderr, 'Warning').join('\n')).toMatch(/attachments failed \(listed above\)/);
		// The fix of each kind of failure, once, below the table.
		expect(stdout.split('\n')).toContain('What to do: Restore the file from a backup, or regenerate the image sizes, then offload the attachment again.');
		for (const item of library.slice(0, 3)) expect(await offloadRecord(site, item.id)).not.toBeNull();
	}, 120_000);

	test('verify lists the attachment whose file is neither on disk nor in the bucket, with exit code 2', async () => {
		const { exit, stdout, stderr } = await wp('media-cloud verify --format=json');
		expect(exit).toBe(2);
		const rows = JSON.parse(stdout) as Array<{ attachment_id: number; title: string; files: string }>;
		expect(rows).toContainEqual(
			expect.objectContaining({ attachment_id: broken.id, title: expect.any(String), files: Object.keys(broken.files)[2], status: 'missing' }),
		);
		expect(rows.some((row) => row.attachment_id === library[0].id)).toBe(false);
		expect(messages(stderr, 'Warning')[0]).toMatch(
			/attachments have files missing both on disk and in the bucket\. Restore them from a backup, then run: wp media-cloud offload <id>$/,
		);
	}, 60_000);

	test('download <id> restores a local copy from the bucket', async () => {
		const file = Object.keys(library[1].files)[1];
		fs.rmSync(path.join(site.uploadsDir, file));
		const { exit, stdout } = await wp(`media-cloud download ${library[1].id}`);
		expect(exit).toBe(0);
		expect(messages(stdout, 'Success')[0]).toMatch(/^1 attachments done/);
		expect(fs.statSync(path.join(site.uploadsDir, file)).size).toBe(library[1].files[file]);
	}, 60_000);

	test('download --detach names the run it started: a download back, not a migration', async () => {
		const file = Object.keys(library[2].files)[1];
		fs.rmSync(path.join(site.uploadsDir, file));
		const { exit, stdout } = await wp(`media-cloud download ${library[2].id} --detach`);
		expect(exit).toBe(0);
		expect(messages(stdout, 'Success')[0]).toMatch(/^Download (running|done): \d+ of 1 done, 0 failed, .* It goes on in the background\.$/);
		await waitFor('the detached download to restore the file', async () => fs.existsSync(path.join(site.uploadsDir, file)), 60_000);
	}, 90_000);

	test('offload with the sidecar down exits 1 with the fix, its bar stopped before the first attachment', async () => {
		await stopSidecar(site);
		try {
			const ids = library.slice(0, 2).map((item) => item.id);
			const { exit, stdout, stderr } = await wp(`media-cloud offload ${ids.join(' ')} --force --no-color`, WITH_BAR);
			expect(exit).toBe(1);
			expect(messages(stderr, 'Error')[0]).toMatch(
				new RegExp(
					`^Stopped at attachment ${ids[0]} \\(0 of 2 offloaded\\): The Media Cloud sidecar did not answer: .* Start the sidecar \\(wp media-cloud sidecar start`,
				),
			);
			expect(barPercents(stdout, 'Offloading').pop()).toBe(0);
		} finally {
			await startSidecar(site);
		}
	}, 90_000);
});

// `wp media-cloud …` command classes, run inside the real WordPress through a recording stand-in for
// WP-CLI's output API (WP-CLI cannot be installed here): what they print, their progress bars, and the
// exit codes scripts rely on (0 done, 1 could not run, 2 ran but items failed / files missing).
import fs from 'node:fs';
import path from 'node:path';
import { offloadRecord, setSettings } from '../support/media';
import { getSite, wpEval } from '../support/stack';
import { messages, wp as runWp, wpCliEval } from '../support/wp-cli';
import { startFaultProxy } from '../migration/fault-proxy';
import { cancelLeftoverRun, createLibrary, type LibraryItem } from '../migration/library';

const site = getSite('sqlite');
const folder = `cli-${Date.now().toString(36)}`;
const wp = (commandLine: string) => runWp(site, commandLine);

let library: LibraryItem[];
let broken: LibraryItem;

beforeAll(async () => {
	await cancelLeftoverRun(site);
	library = await createLibrary(site, folder, 4);
	broken = library[3];
	fs.rmSync(path.join(site.uploadsDir, Object.keys(broken.files)[2]));
}, 120_000);

afterAll(async () => {
	if (broken) await wpEval(site, `wp_delete_attachment( ${broken.id}, true ); return true;`);
});

test('the root command and every migration subcommand are registered', async () => {
	const commands = await wpCliEval<string[]>(site, 'return array_keys( WP_CLI::$commands );');
	for (const name of ['media-cloud', 'status', 'migrate', 'pause', 'resume', 'cancel', 'offload', 'download', 'verify']) {
		expect(commands).toContain(name === 'media-cloud' ? name : `media-cloud ${name}`);
	}
});

test('status --format=json prints the Dashboard numbers', async () => {
	const { exit, output } = await wp('media-cloud status --format=json');
	expect(exit).toBe(0);
	const status = JSON.parse(messages(output, 'line')[0]);
	expect(status.attachments.total).toBeGreaterThanOrEqual(4);
	expect(status.attachments.not_offloaded).toBeGreaterThanOrEqual(4);
	expect(status.storage.bucket).toBe(site.s3.bucket);
	expect(JSON.stringify(status)).not.toContain('S3RVER');
});

test('bad input is refused with exit code 1 and nothing starts', async () => {
	const concurrency = await wp('media-cloud migrate --concurrency=lots');
	expect(concurrency.exit).toBe(1);
	expect(messages(concurrency.output, 'error')[0]).toBe('--concurrency must be a whole number from 1 to 64, not "lots".');
	const offload = await wp(`media-cloud offload ${library[0].id} abc`);
	expect(offload.exit).toBe(1);
	expect(messages(offload.output, 'error')[0]).toContain('"abc" is not the ID of an attachment');
	expect(await offloadRecord(site, library[0].id)).toBeNull();
	const download = await wp('media-cloud download');
	expect(download.exit).toBe(1);
	const pause = await wp('media-cloud pause');
	expect(pause.exit).toBe(1);
	expect(messages(pause.output, 'error')[0]).toMatch(/No migration is running or paused/);
});

test('migrate --dry-run only counts', async () => {
	const { exit, output } = await wp('media-cloud migrate --dry-run');
	expect(exit).toBe(0);
	expect(messages(output, 'success')[0]).toMatch(
		/^Dry run: \d+ attachments \(\d+ files, .+\) would be offloaded; [1-9]\d* files are missing on disk\. Nothing was uploaded\.$/,
	);
	expect(await offloadRecord(site, library[0].id)).toBeNull();
});

test('offload <id> offloads now through the upload path and shows a progress bar', async () => {
	const { exit, output } = await wp(`media-cloud offload ${library[0].id}`);
	expect(exit).toBe(0);
	expect(output.find((entry) => entry.type === 'progress-finish')).toMatchObject({ ticks: 1, count: 1 });
	expect(messages(output, 'success')).toEqual(['1 attachments offloaded.']);
	expect((await offloadRecord(site, library[0].id))?.keys).toHaveLength(7);
});

test('migrate --detach, pause, resume and cancel drive the background run', async () => {
	// Storage that holds every request for 20 s: the run cannot finish while the commands are tried.
	const proxy = await startFaultProxy(site.s3.endpoint, { stall: 1, stallMs: 20_000 });
	const restore = await setSettings(site, { endpoint: proxy.url });
	try {
		const started = await wp('media-cloud migrate --detach --concurrency=1');
		expect(started.exit).toBe(0);
		expect(messages(started.output, 'success')[0]).toMatch(/^Migration running: .* It goes on in the background\.$/);
		expect((await wp('media-cloud pause')).exit).toBe(0);
		const status = await wp('media-cloud status');
		expect(messages(status.output, 'line').join('\n')).toMatch(/Migration paused: \d+ of \d+ done/);
		const resumed = await wp('media-cloud resume');
		expect(resumed.exit).toBe(0);
		expect(messages(resumed.output, 'success')[0]).toMatch(/resumed in the background/);
		expect((await wp('media-cloud cancel')).exit).toBe(0);
		const again = await wp('media-cloud resume');
		expect(again.exit).toBe(1);
		expect(messages(again.output, 'error')[0]).toMatch(/No migration is running or paused/);
	} finally {
		await restore();
		await proxy.close();
	}
}, 60_000);

test('migrate exits 1 with the reason and the fix when the storage refuses the key, and status repeats it', async () => {
	const restore = await setSettings(site, { access_key: 'NOT-A-KEY' }); // s3rver refuses unknown access keys
	try {
		const { exit, output } = await wp('media-cloud migrate --concurrency=2');
		expect(exit).toBe(1);
		expect(messages(output, 'error')[0]).toMatch(
			/^Paused: The storage provider does not know this access key\. Check the access key for a missing character.* Then run: wp media-cloud resume$/,
		);
		const status = await wp('media-cloud status');
		expect(messages(status.output, 'warning')[0]).toMatch(/^Paused: The storage provider does not know this access key\./);
	} finally {
		await restore();
		await wp('media-cloud cancel');
	}
	for (const item of library.slice(1, 3)) expect(await offloadRecord(site, item.id)).toBeNull();
}, 60_000);

test('migrate follows the run with a progress bar and exits 2 listing the item that failed', async () => {
	const { exit, output } = await wp('media-cloud migrate --concurrency=8');
	expect(exit).toBe(2);
	const bar = output.find((entry) => entry.type === 'progress-finish')!;
	expect(bar.ticks).toBe(bar.count);
	const table = output.find((entry) => entry.type === 'items')!;
	expect(table.items).toContainEqual(expect.objectContaining({ attachment_id: broken.id, code: 'E_FILE_MISSING', permanent: true }));
	expect(messages(output, 'warning').join('\n')).toMatch(/attachments failed \(listed above\)/);
	// The fix of each kind of failure, once, below the table.
	expect(messages(output, 'line')).toContain('What to do: Restore the file from a backup, or regenerate the image sizes, then offload the attachment again.');
	for (const item of library.slice(0, 3)) expect(await offloadRecord(site, item.id)).not.toBeNull();
}, 120_000);

test('verify lists the attachment whose file is neither on disk nor in the bucket, with exit code 2', async () => {
	const { exit, output } = await wp('media-cloud verify');
	expect(exit).toBe(2);
	const table = output.find((entry) => entry.type === 'items')!;
	expect(table.items).toContainEqual({ attachment_id: broken.id, title: expect.any(String), files: Object.keys(broken.files)[2] });
	expect(table.items!.some((row) => row.attachment_id === library[0].id)).toBe(false);
}, 60_000);

test('download <id> restores a local copy from the bucket', async () => {
	const file = Object.keys(library[1].files)[1];
	fs.rmSync(path.join(site.uploadsDir, file));
	const { exit, output } = await wp(`media-cloud download ${library[1].id}`);
	expect(exit).toBe(0);
	expect(messages(output, 'success')[0]).toMatch(/^1 attachments done/);
	expect(fs.statSync(path.join(site.uploadsDir, file)).size).toBe(library[1].files[file]);
}, 60_000);

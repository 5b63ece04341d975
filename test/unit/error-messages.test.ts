// The sidecar's file errors and its own failures carry their sentences as codes (files/files-messages.ts,
// sidecar-messages.ts) beside their English, and WordPress words the codes from its catalog
// (plugin/inc/health/class-messages-files.php). Rendered in English, the codes must give the error's own English
// word for word: a site without a translation reads what it read before, and the two copies cannot drift apart.
// Each error is made the way the sidecar makes it: real files, folders and symlinks in a temp folder; the storage
// is a stand-in that answers as a bucket without the object, with a short body, or with a wrong size would.
// (health-messages.test.ts checks that every code of plugin/contract.json, these included, has a PHP sentence.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { errorMiddleware, SidecarError } from '../../sidecar/src/errors';
import { checkDestination, makeFolders } from '../../sidecar/src/files/restore-destinations';
import { restoreFiles, restoreFromElsewhere } from '../../sidecar/src/files/restore-files';
import { uploadFiles } from '../../sidecar/src/files/upload-files';
import { resolveUploadFiles } from '../../sidecar/src/files/uploads-path';
import { requireSignature } from '../../sidecar/src/auth/require-signature';
import { downloadProcessor } from '../../sidecar/src/jobs/download-processor';
import { asSidecarError } from '../../sidecar/src/jobs/job-failure';
import { classifyStorageError } from '../../sidecar/src/storage/classify-error';
import type { StorageAdapter } from '../../sidecar/src/storage/types';

const healthDir = path.join(__dirname, '..', '..', 'plugin', 'inc', 'health');
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-error-messages-')));
const uploads = path.join(root, 'uploads');
const outside = path.join(root, 'outside');

beforeAll(() => {
	fs.mkdirSync(path.join(uploads, 'dir.jpg'), { recursive: true });
	fs.mkdirSync(outside);
	fs.writeFileSync(path.join(outside, 'secret.jpg'), 'x');
	fs.writeFileSync(path.join(uploads, 'photo.jpg'), 'photo');
	fs.writeFileSync(path.join(uploads, 'a-file'), 'not a folder');
	fs.symlinkSync(path.join(outside, 'secret.jpg'), path.join(uploads, 'leads-out.jpg'));
	fs.symlinkSync(path.join(uploads, 'gone.jpg'), path.join(uploads, 'dangling.jpg'));
	fs.symlinkSync(outside, path.join(uploads, 'out-folder'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** What a call threw (it must throw). */
async function thrown(call: () => Promise<unknown> | unknown): Promise<SidecarError> {
	try {
		await call();
	} catch (error) {
		return error as SidecarError;
	}
	throw new Error('expected an error');
}

/** A storage stand-in: only the calls the file paths make, answering as given. */
function storage(answers: Partial<Pick<StorageAdapter, 'download' | 'head' | 'put'>>): StorageAdapter {
	return answers as unknown as StorageAdapter;
}

/** The error answer of the sidecar's middleware for an error a route threw. */
function answered(error: unknown): { code: string; message: string; remedy: string; said?: unknown } {
	let body: any;
	const res = { status: () => res, json: (value: unknown) => (body = value) } as unknown as Response;
	errorMiddleware(error, { method: 'POST', path: '/v1/test' } as Request, res, () => undefined);
	return body;
}

/** What the signature check refuses a request with these headers for. */
function refusedWith(headers: Record<string, string>): SidecarError {
	let refusal: SidecarError | undefined;
	const req = { get: (name: string) => headers[name], method: 'POST', originalUrl: '/v1/offloads', body: Buffer.from('{}') } as unknown as Request;
	requireSignature('s'.repeat(64))(req, {} as Response, (error?: unknown) => (refusal = error as SidecarError));
	if (!refusal) throw new Error('the request was not refused');
	return refusal;
}

/** Each error's codes worded by WordPress' catalog, translation stubbed to the English source. */
function wordedInEnglish(saids: unknown[]): Array<{ message: string; remedy: string } | null> {
	const code = `
		function __( $text, $domain = null ) { return $text; }
		foreach ( glob( ${JSON.stringify(healthDir)} . '/class-messages*.php' ) as $file ) { require $file; }
		echo json_encode( array_map( array( 'WP_Media_Cloud\\\\Health\\\\Messages', 'said' ), json_decode( stream_get_contents( STDIN ), true ) ) );`;
	return JSON.parse(execFileSync('php', ['-r', code], { input: JSON.stringify(saids), encoding: 'utf8' }));
}

test('every file error and unexpected failure, worded by WordPress in English, is the English the sidecar wrote', async () => {
	const realRoot = fs.realpathSync(uploads);
	const destination = (relative: string) => thrown(() => checkDestination(uploads, realRoot, relative, `wp-content/uploads/${relative}`));
	const noObject = storage({ download: async () => null });
	const shortBody = storage({ download: async () => ({ body: Readable.from([Buffer.from('abc')]), size: 10 }) });
	const wrongSize = storage({ put: async (input) => ({ key: input.key, size: input.size }), head: async (key) => ({ key, size: 1 }) });
	const noBucket = storage({
		download: async () => {
			throw classifyStorageError({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } }, { bucket: 'old-bucket', endpoint: 'https://s3.example' });
		},
	});
	const laterSymlink = await (async () => {
		const planned = await checkDestination(uploads, realRoot, 'later/deeper/x.jpg', 'k');
		fs.symlinkSync(outside, path.join(uploads, 'later'));
		return thrown(() => makeFolders(planned, realRoot, []));
	})();

	const errors: Record<string, SidecarError | ReturnType<typeof answered>> = {
		'files.read_outside': await thrown(() => resolveUploadFiles(uploads, ['../outside/secret.jpg'])),
		'files.read_outside (symlink)': await thrown(() => resolveUploadFiles(uploads, ['leads-out.jpg'])),
		'files.missing': await thrown(() => resolveUploadFiles(uploads, ['2026/11/gone.jpg'])),
		'files.why.leaves_uploads': await destination('../x.jpg'),
		'files.why.no_uploads_folder': await thrown(() => checkDestination(path.join(root, 'none'), path.join(root, 'none'), 'a/b.jpg', 'k')),
		'files.why.folder_symlink_outside': await destination('out-folder/x.jpg'),
		'files.why.file_symlink_outside': await destination('leads-out.jpg'),
		'files.why.dangling_symlink': await destination('dangling.jpg'),
		// A file put where a folder was still to be made, after the check.
		'files.why.part_not_folder': await thrown(() =>
			makeFolders({ relativePath: 'a-file/x.jpg', name: 'x.jpg', existingDir: realRoot, missingDirs: ['a-file'], onDisk: false }, realRoot, []),
		),
		'files.why.part_is_symlink': laterSymlink,
		'files.why.dot_name': await destination('2026/.htaccess'),
		'files.why.server_config': await destination('web.config'),
		'files.why.executable': await destination('shell.php.jpg'),
		'files.not_a_file': await destination('dir.jpg'),
		'files.missing_everywhere': await thrown(() => restoreFiles(noObject, uploads, [{ path: 'restored/a.jpg', key: 'wp-content/uploads/restored/a.jpg' }])),
		'files.download_truncated': await thrown(() =>
			restoreFiles(shortBody, uploads, [{ path: 'restored/b.jpg', key: 'wp-content/uploads/restored/b.jpg' }]),
		),
		'files.source_unavailable': await thrown(() => restoreFromElsewhere(noBucket, 'old-bucket', uploads, [{ path: 'restored/c.jpg', key: 'k/c.jpg' }])),
		'files.not_confirmed': await thrown(() =>
			uploadFiles(wrongSize, uploads, [{ path: 'photo.jpg', key: 'k/photo.jpg' }], { cacheControl: '', verify: true }),
		),
		'sidecar.failed': asSidecarError(new Error('ENOSPC: no space left on device, write')),
		'sidecar.internal': answered(new TypeError('x is not a function')),
		'sidecar.payload_too_large': answered({ status: 413, type: 'entity.too.large' }),
		'sidecar.unreadable_body': answered({ status: 400, type: 'encoding.unsupported' }),
		'sidecar.unsigned': refusedWith({}),
		'sidecar.signature_expired': refusedWith({ 'X-WPMC-Timestamp': '1', 'X-WPMC-Nonce': 'n'.repeat(16), 'X-WPMC-Signature': 'a'.repeat(64) }),
		'sidecar.signature_mismatch': refusedWith({
			'X-WPMC-Timestamp': String(Math.floor(Date.now() / 1000)),
			'X-WPMC-Nonce': 'n'.repeat(16),
			'X-WPMC-Signature': 'a'.repeat(64),
		}),
		'files.stored_elsewhere': await thrown(() =>
			downloadProcessor(uploads).process(
				{ attachment_id: 42, provider: 'bunny', bucket: 'old-zone', files: [] } as never,
				{
					storage: { provider: 's3-compatible', bucket: 'new', endpoint: 'https://s3.example', region: 'us-east-1' },
					cache_control: '',
					verify: false,
				} as never,
				(task) => task(),
			),
		),
	};

	const entries = Object.entries(errors);
	const saids = entries.map(([, error]) => (error instanceof SidecarError ? error.toJSON() : error).said);
	// Each case is the error it is named after (a `files.why.*` travels inside its sentence's parameters).
	for (const [index, [name]] of entries.entries()) expect(`${name}: ${JSON.stringify(saids[index])}`).toContain(`"code":"${name.split(' ')[0]}"`);
	const worded = wordedInEnglish(saids);
	const mismatched = entries.flatMap(([name, error], index) =>
		worded[index]?.message === error.message && worded[index]?.remedy === error.remedy
			? []
			: [{ name, sidecar: { message: error.message, remedy: error.remedy }, wordpress: worded[index] }],
	);
	expect(mismatched).toEqual([]);
	// The storage error inside "could not be read from the bucket …" is worded from its own codes too.
	expect(JSON.stringify(saids[entries.findIndex(([name]) => name === 'files.source_unavailable')])).toContain('storage.bucket_not_found');
});

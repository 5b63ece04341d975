// Download back (POST /v1/restores) writes only inside the uploads folder, and only files a web server will not run:
// paths that leave uploads, symlinks that lead out of it and names a server would execute are refused before any file
// of the request is written. A sidecar of this test's own on temp folders; its storage is a closed port, so each
// refusal here is proved to come before the storage is asked (a request that got that far would fail another way).
// The downloads themselves: test/sidecar/restores.test.ts.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedPort } from '../support/fault-servers';
import { startOwnSidecar, type OwnSidecar } from '../support/own-sidecar';
import { sidecarPost } from '../support/sidecar-request';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-restore-destinations-')));
const uploadsDir = path.join(root, 'site', 'wp-content', 'uploads');
const outsideDir = path.join(root, 'outside');
fs.mkdirSync(uploadsDir, { recursive: true });
fs.mkdirSync(outsideDir);
const folder = 'restore-test';
const keyOf = (relativePath: string) => `wp-content/uploads/${relativePath}`;
let sidecar: OwnSidecar;
let storage: Record<string, unknown>;

beforeAll(async () => {
	sidecar = await startOwnSidecar('sidecar-restore-destinations-test', { WPMC_SECRET: randomBytes(32).toString('hex'), WPMC_UPLOADS_DIR: uploadsDir });
	const endpoint = `http://127.0.0.1:${await closedPort()}`;
	storage = { provider: 's3-compatible', endpoint, region: 'us-east-1', bucket: 'media', access_key: 'KEY', secret_key: 'SECRET', path_style: true };
}, 90_000);

afterAll(async () => {
	await sidecar?.stop();
	fs.rmSync(root, { recursive: true, force: true });
}, 30_000);

const restore = (files: Array<{ path: string; key: string }>) => sidecarPost(sidecar, '/v1/restores', { storage, files });

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(dir, entry)).isFile()).sort();
}

test.each([
	['a ../', (name: string) => `../${name}`],
	['a nested ../', (name: string) => `${folder}/2026/../../../${name}`],
	['an absolute', (name: string) => path.join(outsideDir, name)],
])('%s path is refused with E_PATH_OUTSIDE_UPLOADS before anything is written', async (_label, pathFor) => {
	const name = `escape-${randomBytes(4).toString('hex')}.txt`;
	const key = keyOf(`${folder}/escape/${name}`);
	// The allowed file of the same request is not written either.
	const allowed = `${folder}/escape/allowed-${name}`;
	const answer = await restore([
		{ path: allowed, key },
		{ path: pathFor(name), key },
	]);
	expect(answer.status).toBe(403);
	expect(answer.body).toMatchObject({ code: 'E_PATH_OUTSIDE_UPLOADS', message: expect.stringContaining('leaves the uploads folder') });
	expect(fs.existsSync(path.resolve(uploadsDir, pathFor(name)))).toBe(false);
	expect(fs.existsSync(path.join(uploadsDir, allowed))).toBe(false);
});

test('a folder inside uploads that is a symlink to elsewhere is refused, and nothing is written there', async () => {
	const link = path.join(uploadsDir, folder, 'linked');
	fs.mkdirSync(path.dirname(link), { recursive: true });
	fs.symlinkSync(outsideDir, link);
	const relativePath = `${folder}/linked/2026/11/a.jpg`;
	const answer = await restore([{ path: relativePath, key: keyOf(relativePath) }]);
	expect(answer.status).toBe(403);
	expect(answer.body.code).toBe('E_PATH_OUTSIDE_UPLOADS');
	expect(filesUnder(outsideDir)).toEqual([]);
});

test('a request of more than 1000 files is refused as a bad request', async () => {
	const files = Array.from({ length: 1001 }, (_, i) => ({ path: `${folder}/many/${i}.jpg`, key: keyOf(`${folder}/many/${i}.jpg`) }));
	const answer = await restore(files);
	expect(answer.status).toBe(400);
	expect(answer.body).toMatchObject({ code: 'E_BAD_REQUEST', message: expect.stringContaining('files') });
	expect(fs.existsSync(path.join(uploadsDir, folder, 'many'))).toBe(false);
});

describe('download back writes only inside the uploads folder, and only files a web server will not run', () => {
	test('a file whose place holds a symlink to a file outside uploads is refused, and the file there is left as it was', async () => {
		const victim = path.join(outsideDir, 'victims', `victim-${randomBytes(4).toString('hex')}.txt`);
		fs.mkdirSync(path.dirname(victim), { recursive: true });
		fs.writeFileSync(victim, 'outside the uploads folder');
		const relativePath = `${folder}/link-file/2026/11/a.jpg`;
		fs.mkdirSync(path.dirname(path.join(uploadsDir, relativePath)), { recursive: true });
		fs.symlinkSync(victim, path.join(uploadsDir, relativePath));

		const answer = await restore([{ path: relativePath, key: keyOf(relativePath) }]);
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({
			code: 'E_PATH_OUTSIDE_UPLOADS',
			message: expect.stringContaining('symlink'),
			remedy: expect.stringContaining('Remove the symlink'),
		});
		expect(fs.readFileSync(victim, 'utf8')).toBe('outside the uploads folder');
	});

	test('a symlink to a file outside uploads that does not exist yet is refused: nothing is created there and the link stays', async () => {
		const target = path.join(outsideDir, `planted-${randomBytes(4).toString('hex')}.php`);
		const relativePath = `${folder}/dangling/2026/11/b.jpg`;
		const link = path.join(uploadsDir, relativePath);
		fs.mkdirSync(path.dirname(link), { recursive: true });
		fs.symlinkSync(target, link);

		const answer = await restore([{ path: relativePath, key: keyOf(relativePath) }]);
		expect(answer.status).toBe(403);
		expect(answer.body.code).toBe('E_PATH_OUTSIDE_UPLOADS');
		expect(fs.existsSync(target)).toBe(false);
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
	});

	test.each([['shell.php'], ['shell.PHTML'], ['archive.phar'], ['photo.php.jpg'], ['.htaccess'], ['.user.ini'], ['web.config'], ['run.cgi'], ['run.sh']])(
		'a record listing %s is refused before any file of the attachment is written, saying what to do',
		async (name) => {
			const dir = `${folder}/names-${randomBytes(3).toString('hex')}/2026/11`;
			const image = `${dir}/photo.jpg`;
			const refused = `${dir}/${name}`;
			const answer = await restore([
				{ path: image, key: keyOf(image) },
				{ path: refused, key: keyOf(refused) },
			]);
			expect(answer.status).toBe(403);
			expect(answer.body).toMatchObject({
				code: 'E_FORBIDDEN_NAME',
				message: expect.stringContaining(name),
				remedy: expect.stringContaining(keyOf(refused)),
			});
			expect(fs.existsSync(path.join(uploadsDir, dir))).toBe(false);
		},
	);
});

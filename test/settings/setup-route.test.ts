// GET /wp-json/media-cloud/v1/setup, the Dashboard checklist's steps 1–3, in each state the sidecar and the
// settings can be in: working, the connection test invalidated by a storage change, the sidecar stopped, and a
// sidecar with another secret. Never a secret in the answer. Errors of other admin routes carry the same commands.
import { writeSettingsAsIs } from '../support/health';
import { rest } from '../support/rest';
import { getSite, startSidecar, stopSidecar, wpEval } from '../support/stack';
import { changeSecretConstant, repairWpConfig, whenServed } from '../support/wp-config';

const site = getSite('sqlite');

interface Step {
	id: string;
	state: 'done' | 'todo' | 'failing';
	summary: string;
	fix: string;
	commands: string[];
}
interface Setup {
	steps: Step[];
	storage_works: boolean;
	commands: Record<string, string>;
	manual: { constants: string; environment: string; run: string };
}

async function setup(): Promise<Setup & { byId: Record<string, Step>; raw: string }> {
	const { status, body: json } = await rest<Setup>(site, 'GET', '/setup');
	expect(status).toBe(200);
	return { ...json, byId: Object.fromEntries(json.steps.map((step) => [step.id, step])), raw: JSON.stringify(json) };
}

let abspath: string;
beforeAll(async () => {
	await repairWpConfig(site);
	abspath = await wpEval<string>(site, 'return untrailingslashit( ABSPATH );');
});

test('working: the sidecar answers, storage is saved; the commands name this site; no secret in the answer', async () => {
	const answer = await setup();
	expect(answer.steps.map((step) => step.id)).toEqual(['sidecar', 'settings', 'connection']);
	expect(answer.byId.sidecar).toMatchObject({ state: 'done', commands: [] });
	expect(answer.byId.sidecar.summary).toMatch(/^The sidecar answers at http:\/\/127\.0\.0\.1:8790 \(version /);
	expect(answer.byId.settings).toMatchObject({ state: 'done', summary: `S3-compatible endpoint, bucket “${site.s3.bucket}”.` });
	expect(answer.commands).toEqual({
		setup: `wp media-cloud sidecar setup --path=${abspath}`,
		start: `wp media-cloud sidecar start --path=${abspath}`,
		stop: `wp media-cloud sidecar stop --path=${abspath}`,
		restart: `wp media-cloud sidecar restart --path=${abspath}`,
		status: `wp media-cloud sidecar status --path=${abspath}`,
		logs: `wp media-cloud sidecar logs --path=${abspath}`,
	});
	expect(answer.manual.environment).toContain(`WPMC_UPLOADS_DIR=${site.uploadsDir}\nWPMC_WORDPRESS_URL=${site.url}\n`);
	expect(answer.manual.constants).toContain('<the secret already in wp-config.php>');
	expect(answer.raw).not.toContain(site.sidecarSecret);
	expect(answer.raw).not.toContain('S3RVER');
});

test('the connection step follows the last connection test with the settings as they are now', async () => {
	await wpEval(site, "delete_option( 'wp_media_cloud_setup' ); return true;");
	expect((await setup()).byId.connection).toMatchObject({ state: 'todo', summary: 'Not tested yet.' });

	expect((await rest(site, 'POST', '/health', { checks: ['connectivity', 'credentials', 'upload'] })).status).toBe(200);
	let answer = await setup();
	expect(answer.byId.connection.state).toBe('done');
	expect(answer.storage_works).toBe(true);
	// The stored outcome holds a salted hash of what the test depended on, never the keys.
	expect(JSON.stringify(await wpEval(site, "return get_option( 'wp_media_cloud_setup' );"))).not.toContain('S3RVER');

	// A single check is not a connection test: the outcome stays.
	await rest(site, 'POST', '/health', { checks: ['clock_skew'] });
	expect((await setup()).byId.connection.state).toBe('done');

	// Another bucket: the test said nothing about it.
	const restore = await writeSettingsAsIs({ bucket: 'another-bucket' });
	try {
		answer = await setup();
		expect(answer.byId.connection).toMatchObject({ state: 'todo', summary: 'The storage settings changed since the last test.' });
		expect(answer.storage_works).toBe(false);
	} finally {
		await restore();
	}
	expect((await setup()).byId.connection.state).toBe('done');

	// A failing test is listed with its fix.
	const restorePathStyle = await writeSettingsAsIs({ path_style: false });
	try {
		await rest(site, 'POST', '/health', { checks: ['connectivity', 'credentials', 'upload'] });
		const failing = (await setup()).byId.connection as Step & { failing: Array<{ test: string; cause: string; fix: string }> };
		expect(failing.state).toBe('failing');
		expect(failing.failing).toEqual([expect.objectContaining({ test: 'upload', cause: 'path_style', fix: expect.stringMatching(/Path-Style URLs/) })]);
	} finally {
		await restorePathStyle();
	}
});

test('sidecar stopped: step 1 fails with the start, status and logs commands; other routes say the same', async () => {
	await stopSidecar(site);
	try {
		const sidecar = (await setup()).byId.sidecar;
		expect(sidecar).toMatchObject({ state: 'failing', commands: ['start', 'status', 'logs'] });
		expect(sidecar.summary).toMatch(/^The Media Cloud sidecar does not answer at http:\/\/127\.0\.0\.1:8790 \(/);
		const migration = await rest<{ code: string; message: string; data: { remedy: string } }>(site, 'GET', '/migration');
		expect(migration.body.code).toBe('wp_media_cloud_sidecar_unreachable');
		expect(migration.body.message).toContain(`Start the sidecar: run \`wp media-cloud sidecar start --path=${abspath}\` on this server.`);
		expect(migration.body.data.remedy).toContain(`wp media-cloud sidecar logs --path=${abspath}`);
	} finally {
		await startSidecar(site);
	}
});

test('a sidecar with another secret: step 1 names the mismatch, not a missing sidecar', async () => {
	const restore = await changeSecretConstant(site, `define( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', '${'0'.repeat(64)}' );`);
	try {
		const sidecar = (await whenServed(setup, (answer) => answer.byId.sidecar.state !== 'done')).byId.sidecar;
		expect(sidecar).toMatchObject({ state: 'failing', commands: ['stop', 'start'] });
		expect(sidecar.summary).toMatch(/refuses this site's requests: its secret \(WPMC_SECRET\) is not the one in wp-config\.php/);
		expect(sidecar.fix).toMatch(/Set WPMC_SECRET .* to the value of WP_MEDIA_CLOUD_SIDECAR_SECRET, then restart the sidecar/);
	} finally {
		await restore();
	}
});

test('the checklist needs manage_options', async () => {
	expect((await fetch(`${site.restUrl}media-cloud/v1/setup`)).status).toBe(401);
});

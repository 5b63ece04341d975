// URL Replace on real WordPress (SQLite and MariaDB): scan, dry run, replace, undo and the reverse direction,
// over posts and meta that hold upload URLs in every stored form (see seed.ts).
import { phpValue } from '../../bin/dev/wp-eval';
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';
import { rest } from '../support/rest';
import { DIR, POST_TYPE, files, keyPrefix, readRaw, seed, unseed, type Seed } from './seed';

interface Item {
	post_id: number;
	field: string;
	meta_id?: number;
	old_url: string;
	new_url: string;
	occurrences: number;
}
interface Skipped {
	post_id: number;
	field: string;
	meta_id?: number;
	url: string;
	reason: string;
}
interface Run {
	id: string;
	state: string;
	dry_run: boolean;
	processed: number;
	total: number;
	changed: number;
	urls: number;
	conflicts: number;
	restored: number;
	undo_conflicts: number;
	purged: string[];
}

/** Starts a run and drives it batch by batch, as the Tools page does. */
async function runToEnd(site: TestSite, direction: string, dryRun: boolean): Promise<Run> {
	let { status, body: run } = await rest<Run>(site, 'POST', '/url-replace/runs', { direction, dry_run: dryRun, post_types: [POST_TYPE] });
	expect(status).toBe(201);
	while (run.state === 'running') run = (await rest<Run>(site, 'POST', `/url-replace/runs/${run.id}/batches`)).body;
	expect(run.state).toBe('done');
	return run;
}

async function undo(site: TestSite, id: string): Promise<Run> {
	let run: Run;
	do run = (await rest<Run>(site, 'DELETE', `/url-replace/runs/${id}`)).body;
	while (run.state === 'undoing');
	expect(run.state).toBe('undone');
	return run;
}

const bySortKey = <T extends { post_id: number; field: string }>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** What the plugin must find, built here from the seed's file names, not by the plugin's PHP. */
function expectations(s: Seed) {
	const f = files(s.tag);
	const bare = (url: string) => url.replace(/^https?:/, '');
	const esc = (url: string, backslashes = 1) => url.replace(/\//g, `${'\\'.repeat(backslashes)}/`);
	const local = (file: string) => `${s.local}/${DIR}/${file}`;
	const cloud = (file: string) => `${s.cloud}/${keyPrefix(file)}${DIR}/${file}`;
	const jsonUnicode = `${s.tag}-gr\\u00fc\\u00dfe.jpg`; // How wp_json_encode() writes `grüße`.
	const content = { post_id: s.posts.content, field: 'post_content' };
	const json = { post_id: s.posts.meta, field: 'meta:_urlr_builder_json', meta_id: s.meta._urlr_builder_json };
	const ser = { post_id: s.posts.meta, field: 'meta:_urlr_builder_serialized', meta_id: s.meta._urlr_builder_serialized };
	type Where = { post_id: number; field: string; meta_id?: number };
	const item = (where: Where, old_url: string, new_url: string, occurrences = 1): Item => ({ ...where, old_url, new_url, occurrences });
	const items: Item[] = [
		item(content, local(f.photoScaled), cloud(f.photoScaled)),
		item(content, local(f.photo300), cloud(f.photo300), 2),
		item(content, local(f.photo1024), cloud(f.photo1024)),
		item(content, bare(local(f.photo)), bare(cloud(f.photo))),
		item(content, `https:${bare(local(f.edited300))}`, cloud(f.edited300)),
		item({ post_id: s.posts.content, field: 'post_excerpt' }, local(f.unicodeEncoded), cloud(f.unicodeEncoded)),
		item(json, esc(local(f.photoScaled)), esc(cloud(f.photoScaled))),
		item(json, esc(local(f.edited300)), esc(cloud(f.edited300))),
		item(json, esc(`${s.local}/${DIR}/`) + jsonUnicode, esc(`${s.cloud}/wp-content/uploads/${DIR}/`) + jsonUnicode),
		item(json, esc(local(f.photo1024), 3), esc(cloud(f.photo1024), 3)), // JSON inside JSON
		item(ser, local(f.photoScaled), cloud(f.photoScaled)),
		item(ser, local(f.photo300), cloud(f.photo300)),
		item(ser, bare(local(f.photo)), bare(cloud(f.photo))),
		item(ser, local(f.edited300), cloud(f.edited300)),
		item(ser, esc(local(f.photo1024)), esc(cloud(f.photo1024))),
		item(ser, local(f.unicode), cloud(f.unicode)),
		item({ post_id: s.posts.meta, field: 'meta:_urlr_plain', meta_id: s.meta._urlr_plain }, local(f.unicode), cloud(f.unicode)),
	];
	const skipped: Skipped[] = [
		{ ...content, url: local(f.localOnly), reason: 'not_offloaded' },
		{ ...content, url: local(f.nothing), reason: 'no_attachment' },
		{ ...content, url: local(f.photo150), reason: 'file_not_in_bucket' },
		{ ...json, url: esc(local(f.localOnly)), reason: 'not_offloaded' },
		{ ...ser, url: local(f.localOnly), reason: 'not_offloaded' },
		{ post_id: s.posts.foreign, field: 'meta:_urlr_widget', meta_id: s.meta._urlr_widget, url: local(f.photo), reason: 'serialized_object' },
	];
	/** A seeded text value with the expected items of one field replaced, by plain string replacement. */
	const replaced = (raw: string, field: string) => items.filter((i) => i.field === field).reduce((text, i) => text.split(i.old_url).join(i.new_url), raw);
	const structure = {
		hero: { src: cloud(f.photoScaled), caption: 'Größe ✓ 日本語 😀' },
		list: [cloud(f.photo300), bare(cloud(f.photo))],
		obj: { src: cloud(f.edited300) },
		json: JSON.stringify({ u: cloud(f.photo1024) }).replace(/\//g, '\\/'),
		nested: { deep: cloud(f.unicode), note: 'ü' },
		keep: local(f.localOnly),
	};
	return { items, skipped, replaced, structure, local, cloud, f };
}

describe.each<SiteKind>(['sqlite', 'mariadb'])('URL Replace on the %s site', (kind) => {
	const site = getSite(kind);
	let s: Seed;
	let expected: ReturnType<typeof expectations>;
	const key = (table: 'posts' | 'postmeta', id: number, column = '') => (table === 'posts' ? `posts:${id}:${column}` : `postmeta:${id}`);

	beforeAll(async () => {
		s = await seed(site, `urlr${Date.now().toString(36)}`);
		expected = expectations(s);
	});
	afterAll(async () => {
		if (s) await unseed(site, s);
	});

	test('scan lists every stored URL form with its new URL, and reports the ones it will not touch', async () => {
		const { status, body } = await rest<{ total: number; items: Item[]; not_offloaded: Skipped[] }>(site, 'POST', '/url-replace/scans', {
			direction: 'to-cloud',
			post_types: [POST_TYPE],
		});
		expect(status).toBe(200);
		expect(bySortKey(body.items)).toEqual(bySortKey(expected.items));
		expect(body.total).toBe(expected.items.length);
		expect(bySortKey(body.not_offloaded)).toEqual(bySortKey(expected.skipped));
	});

	test('a dry run shows exactly what would change and writes nothing', async () => {
		const run = await runToEnd(site, 'to-cloud', true);
		expect(run).toMatchObject({ dry_run: true, changed: 5, urls: 18, total: 5, processed: 5 });
		const { body } = await rest<Run & { changes: Item[]; changes_total: number }>(site, 'GET', `/url-replace/runs/${run.id}?per_page=500`);
		expect(bySortKey(body.changes)).toEqual(bySortKey(expected.items));
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('replace rewrites each value, keeps serialized and JSON data valid, and leaves other URLs alone', async () => {
		const run = await runToEnd(site, 'to-cloud', false);
		expect(run).toMatchObject({ dry_run: false, changed: 5, urls: 18, conflicts: 0 });
		expect(run.purged).toContain('object cache');
		const raw = await readRaw(site, s);
		const content = raw[key('posts', s.posts.content, 'post_content')];
		expect(content).toBe(expected.replaced(s.raw[key('posts', s.posts.content, 'post_content')], 'post_content'));
		for (const file of [expected.f.localOnly, expected.f.nothing, expected.f.photo150]) expect(content).toContain(expected.local(file));
		expect(raw[key('posts', s.posts.content, 'post_excerpt')]).toBe(
			expected.replaced(s.raw[key('posts', s.posts.content, 'post_excerpt')], 'post_excerpt'),
		);

		const json = raw[key('postmeta', s.meta._urlr_builder_json)];
		expect(json).toBe(expected.replaced(s.raw[key('postmeta', s.meta._urlr_builder_json)], 'meta:_urlr_builder_json'));
		const builder = JSON.parse(json);
		expect(builder[0].settings.image.url).toBe(expected.cloud(expected.f.photoScaled));
		expect(builder[0].settings.gallery.map((g: { url: string }) => g.url)).toEqual([
			expected.cloud(expected.f.edited300),
			expected.local(expected.f.localOnly),
			expected.cloud(expected.f.unicode),
		]);
		expect(builder[0].settings.title).toBe('Größe ✓ – 日本語');
		expect(JSON.parse(builder[0].elements[0].settings.inner)).toEqual({ bg: expected.cloud(expected.f.photo1024) });

		const meta = await wpEval<{ valid: boolean; value: unknown }>(
			site,
			`$raw = ${phpValue(raw[key('postmeta', s.meta._urlr_builder_serialized)])};
       $value = unserialize( $raw );
       $value['nested'] = unserialize( $value['nested'] );
       return array( 'valid' => false !== $value, 'value' => $value );`,
		);
		expect(meta.valid).toBe(true);
		expect(meta.value).toEqual(expected.structure);
		expect(raw[key('postmeta', s.meta._urlr_plain)]).toBe(expected.cloud(expected.f.unicode));
		expect(raw[key('postmeta', s.meta._urlr_widget)]).toBe(s.raw[key('postmeta', s.meta._urlr_widget)]);
		// WordPress reads the new values (its caches were cleaned).
		expect(await wpEval(site, `return get_post_meta( ${s.posts.meta}, '_urlr_plain', true );`)).toBe(expected.cloud(expected.f.unicode));

		await undo(site, run.id);
	});

	test('undo restores every value byte for byte', async () => {
		const run = await runToEnd(site, 'to-cloud', false);
		expect(await readRaw(site, s)).not.toEqual(s.raw);
		const undone = await undo(site, run.id);
		expect(undone).toMatchObject({ restored: 5, undo_conflicts: 0 });
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('the reverse direction turns cloud URLs back into local ones', async () => {
		const forward = await runToEnd(site, 'to-cloud', false);
		const reverse = await runToEnd(site, 'to-local', false);
		expect(reverse).toMatchObject({ changed: 5, urls: 18 });
		const raw = await readRaw(site, s);
		// Everything is as seeded, except that the one https URL comes back with the site's own scheme.
		const contentKey = key('posts', s.posts.content, 'post_content');
		const https = `https:${expected.local(expected.f.edited300).replace(/^https?:/, '')}`;
		expect(raw[contentKey]).toBe(s.raw[contentKey].replace(https, expected.local(expected.f.edited300)));
		expect({ ...raw, [contentKey]: '' }).toEqual({ ...s.raw, [contentKey]: '' });
		await undo(site, reverse.id);
		await undo(site, forward.id);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('a run continues where it stopped when each batch runs in a new request', async () => {
		const filter = "add_filter( 'wp_media_cloud_url_replace_page_size', fn () => 1 );";
		let run = await wpEval<Run>(
			site,
			`${filter} return WP_Media_Cloud\\Url_Replace\\Runs::start( ${phpValue({ direction: 'to-cloud', dry_run: false, post_types: [POST_TYPE] })}, 0.000001 );`,
		);
		const steps = [run.processed];
		while (run.state === 'running') {
			run = await wpEval<Run>(site, `${filter} return WP_Media_Cloud\\Url_Replace\\Runs::advance( ${phpValue(run.id)}, 0.000001 );`);
			steps.push(run.processed);
		}
		// One row per request: the post, the end of the posts, the four meta rows, then the end of the meta.
		expect(steps).toEqual([1, 1, 2, 3, 4, 5, 5]);
		expect(run).toMatchObject({ state: 'done', changed: 5, urls: 18 });
		const raw = await readRaw(site, s);
		expect(raw[key('postmeta', s.meta._urlr_builder_json)]).toBe(
			expected.replaced(s.raw[key('postmeta', s.meta._urlr_builder_json)], 'meta:_urlr_builder_json'),
		);
		await undo(site, run.id);
		expect(await readRaw(site, s)).toEqual(s.raw);
	});

	test('undo keeps a value edited after the run and says so', async () => {
		const run = await runToEnd(site, 'to-cloud', false);
		const edited = await wpEval<string>(
			site,
			`global $wpdb; $id = ${s.posts.content};
       $content = $wpdb->get_var( $wpdb->prepare( "SELECT post_content FROM {$wpdb->posts} WHERE ID = %d", $id ) ) . '<p>Edited after the run.</p>';
       $wpdb->update( $wpdb->posts, array( 'post_content' => $content ), array( 'ID' => $id ) ); return $content;`,
		);
		const undone = await undo(site, run.id);
		expect(undone).toMatchObject({ restored: 4, undo_conflicts: 1 });
		const raw = await readRaw(site, s);
		expect(raw[key('posts', s.posts.content, 'post_content')]).toBe(edited);
		expect(raw[key('postmeta', s.meta._urlr_builder_serialized)]).toBe(s.raw[key('postmeta', s.meta._urlr_builder_serialized)]);
		// Put the seed back for any later test.
		await wpEval(
			site,
			`global $wpdb; return $wpdb->update( $wpdb->posts, array( 'post_content' => ${phpValue(s.raw[key('posts', s.posts.content, 'post_content')])} ), array( 'ID' => ${s.posts.content} ) );`,
		);
	});

	test('bad requests get a specific error with a remedy', async () => {
		const unknown = await rest<{ code: string; data: { status: number; remedy: string } }>(site, 'GET', '/url-replace/runs/20000101000000-abcdef');
		expect(unknown.status).toBe(404);
		expect(unknown.body.code).toBe('wp_media_cloud_run_not_found');
		expect(unknown.body.data.remedy).toMatch(/run/);
		const badDirection = await rest<{ code: string; data: { params: Record<string, string> } }>(site, 'POST', '/url-replace/scans', {
			direction: 'sideways',
		});
		expect(badDirection.status).toBe(400);
		expect(Object.keys(badDirection.body.data.params)).toEqual(['direction']);
		const anonymous = await fetch(`${site.restUrl}media-cloud/v1/url-replace/scans`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ direction: 'to-cloud' }),
		});
		expect(anonymous.status).toBe(401);
	});
});

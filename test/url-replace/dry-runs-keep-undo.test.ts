// Dry runs are previews: however many a user makes, they never evict the backup a real run's undo needs.
// (Found: 21 dry runs after a real run made its undo answer "There is no URL Replace run", content stuck.)
import { getSite, wpEval } from '../support/stack';
import { rest } from '../support/rest';
import { POST_TYPE, readRaw, seed, unseed, type Seed } from './seed';

interface Run {
	id: string;
	state: string;
	dry_run: boolean;
	changed: number;
	restored: number;
}

const site = getSite('sqlite');
let seeded: Seed | undefined;

afterAll(async () => {
	if (seeded) await unseed(site, seeded);
});

async function runToEnd(dryRun: boolean): Promise<Run> {
	let { status, body: run } = await rest<Run>(site, 'POST', '/url-replace/runs', { direction: 'to-cloud', dry_run: dryRun, post_types: [POST_TYPE] });
	expect(status).toBe(201);
	while (run.state === 'running') run = (await rest<Run>(site, 'POST', `/url-replace/runs/${run.id}/batches`)).body;
	expect(run.state).toBe('done');
	return run;
}

/** A private constant of the plugin, read as it is (the test must not assume today's numbers). */
const constant = (name: string) =>
	wpEval<number>(
		site,
		`$c = new ReflectionClass( WP_Media_Cloud\\Url_Replace\\Run_Store::class ); return $c->hasConstant( ${JSON.stringify(name)} ) ? (int) $c->getConstant( ${JSON.stringify(name)} ) : null;`,
	);

test('a real run, then more dry runs than runs are kept: the real run can still be undone and restores the content', async () => {
	seeded = await seed(site, `urlrdry${Date.now().toString(36)}`);
	const keepRuns = await constant('KEEP_RUNS');
	expect(keepRuns).toBeGreaterThan(0);

	const real = await runToEnd(false);
	expect(real).toMatchObject({ dry_run: false, changed: 5 });
	expect(await readRaw(site, seeded)).not.toEqual(seeded.raw);

	for (let i = 0; i <= keepRuns; i++) await runToEnd(true);

	const listed = await rest<Run[]>(site, 'GET', '/url-replace/runs');
	expect(listed.body.map((run) => run.id)).toContain(real.id);
	// Dry runs have their own bound: the list does not grow without end either.
	const keepDryRuns = (await constant('KEEP_DRY_RUNS')) ?? keepRuns;
	expect(listed.body.filter((run) => run.dry_run).length).toBeLessThanOrEqual(keepDryRuns);

	let undone: Run;
	let answer: { status: number; body: Run };
	do {
		answer = await rest<Run>(site, 'DELETE', `/url-replace/runs/${real.id}`);
		undone = answer.body;
	} while (answer.status === 200 && undone.state === 'undoing');
	expect(answer.status).toBe(200);
	expect(undone).toMatchObject({ state: 'undone', restored: 5 });
	expect(await readRaw(site, seeded)).toEqual(seeded.raw);
}, 300_000);

// A library of 5,000 posts is scanned a page at a time: memory stays flat as the library grows.
import { measure, removeLibrary, seedLibrary } from '../../bench/url-replace-workload';
import { getSite, wpEval } from '../support/stack';

const site = getSite('sqlite');
const run = <T>(php: string) => wpEval<T>(site, php);
const SMALL = `urlr_s${Date.now().toString(36)}`;
const LARGE = `urlr_l${Date.now().toString(36)}`;

describe('URL Replace at scale', () => {
	beforeAll(async () => {
		await seedLibrary(run, SMALL, 1000);
		await seedLibrary(run, LARGE, 4000);
	}, 180_000);
	afterAll(async () => {
		await removeLibrary(run, SMALL);
		await removeLibrary(run, LARGE);
	}, 60_000);

	test('scanning 5,000 posts needs no more memory than scanning 1,000', async () => {
		const small = await measure(run, [SMALL], 'scan');
		const large = await measure(run, [SMALL, LARGE], 'scan');
		expect(small).toMatchObject({ rows: 2000, urls: 2000 }); // 1,000 posts + 1,000 meta rows, one offloaded URL each
		expect(large).toMatchObject({ rows: 10000, urls: 10000 });
		// Five times the rows: the peak grows by less than 2 MB (one page of rows plus the capped item list).
		expect(large.peakBytes - small.peakBytes).toBeLessThan(2 * 1024 * 1024);
		expect(large.peakBytes).toBeLessThan(16 * 1024 * 1024);
	}, 180_000);
});

// The admin's sentences about the library and its colour shades, without a browser: what the Dashboard's chart and
// the migration card say for an empty, a partly and a fully offloaded library, and the darker shades of an admin
// colour, which must equal the ones @wordpress/base-styles computes (the well-known #007cba → #006ba1, #005a87).
import { darker } from '../../admin-ui/src/components/admin-scheme';
import { attachmentsSummary, filesSummary, offloadedPercent } from '../../admin-ui/src/components/library-wording';

describe('library wording', () => {
	test('an empty library is "No attachments yet", never "All 0"', () => {
		expect(attachmentsSummary({ offloaded: 0, total: 0 })).toBe('No attachments yet: new uploads go to the bucket.');
		expect(filesSummary({ offloaded: 0, total: 0 })).toBe('No files yet.');
	});

	test('everything offloaded says so with the count in the locale’s format', () => {
		expect(attachmentsSummary({ offloaded: 1234, total: 1234 })).toBe(`All ${(1234).toLocaleString()} attachments are offloaded.`);
		expect(attachmentsSummary({ offloaded: 1, total: 1 })).toBe('1 attachment is offloaded.');
		expect(filesSummary({ offloaded: 5678, total: 5678 })).toBe(`All ${(5678).toLocaleString()} files are offloaded.`);
	});

	test('partly offloaded gives the share, rounded down so one left is never "100%"', () => {
		expect(attachmentsSummary({ offloaded: 1000, total: 1234 })).toBe(
			`${(1000).toLocaleString()} of ${(1234).toLocaleString()} attachments offloaded (81%).`,
		);
		expect(offloadedPercent({ offloaded: 999, total: 1000 })).toBe(99);
		expect(offloadedPercent({ offloaded: 0, total: 0 })).toBe(0);
	});
});

describe('admin colour shades', () => {
	test('darker-10 and darker-20 as base-styles makes them (lightness −5 and −10 points)', () => {
		expect(darker([0, 124, 186], 5)).toEqual([0, 107, 161]);
		expect(darker([0, 124, 186], 10)).toEqual([0, 90, 135]);
	});
});

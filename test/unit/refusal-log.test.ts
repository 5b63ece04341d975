// The sidecar's refusal log on its own (no stack needed): the first refusal of each kind is one line at once,
// repeats within the window are held back and counted in one line when it closes. The window is closed by hand
// here, so nothing depends on the clock; test/sidecar/request-edge.test.ts checks the same through a running sidecar.
import { createLogger } from '../../sidecar/src/log';
import { RefusalLog, refusalWindowMs } from '../../sidecar/src/refusal-log';

function capture() {
	const lines: Array<Record<string, unknown>> = [];
	const logger = createLogger({ WPMC_LOG_LEVEL: 'info' }, (line) => lines.push(JSON.parse(line)));
	return { lines, logger };
}

test('a flood of one kind of refusal is one line, then one line counting the rest', () => {
	const { lines, logger } = capture();
	const refusals = new RefusalLog(3_600_000, logger);
	for (let i = 0; i < 1000; i++)
		refusals.refused(
			'E_UNAUTHORIZED not signed',
			{ code: 'E_UNAUTHORIZED', status: 401, path: '/v1/status' },
			'refused GET /v1/status: The request is not signed.',
		);
	refusals.refused('E_PAYLOAD_TOO_LARGE', { code: 'E_PAYLOAD_TOO_LARGE', status: 413, path: '/v1/offloads' }, 'refused POST /v1/offloads: too large');
	expect(lines.map((line) => [line.level, line.code, line.msg])).toEqual([
		['warn', 'E_UNAUTHORIZED', 'refused GET /v1/status: The request is not signed.'],
		['warn', 'E_PAYLOAD_TOO_LARGE', 'refused POST /v1/offloads: too large'],
	]);

	refusals.closeAll();
	expect(lines.slice(2)).toEqual([
		expect.objectContaining({
			level: 'warn',
			code: 'E_UNAUTHORIZED',
			status: 401,
			held: 999,
			msg: 'refused 999 more request(s) like it (E_UNAUTHORIZED) in the last 3600 s',
		}),
	]);

	// A new window: the next refusal of that kind is logged again at once.
	refusals.refused('E_UNAUTHORIZED not signed', { code: 'E_UNAUTHORIZED', status: 401 }, 'refused again');
	expect(lines.at(-1)).toMatchObject({ msg: 'refused again' });
	refusals.closeAll();
	expect(lines).toHaveLength(4);
});

test('a window of 0 logs every refusal; WPMC_REFUSAL_LOG_SECONDS sets the window', () => {
	const { lines, logger } = capture();
	const refusals = new RefusalLog(0, logger);
	for (let i = 0; i < 3; i++) refusals.refused('k', { code: 'E_BAD_REQUEST' }, `refused ${i}`);
	expect(lines.map((line) => line.msg)).toEqual(['refused 0', 'refused 1', 'refused 2']);
	expect(refusalWindowMs({})).toBe(60_000);
	expect(refusalWindowMs({ WPMC_REFUSAL_LOG_SECONDS: '0' })).toBe(0);
	expect(refusalWindowMs({ WPMC_REFUSAL_LOG_SECONDS: 'soon' })).toBe(60_000);
});

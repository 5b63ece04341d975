// jest globalTeardown: stops every server of the test stack, including sidecars that tests
// stopped and started again (those are found through their run files, not through memory).
import { portInUse, stopServer } from '../../bin/dev/processes';
import { stopRgw } from './rgw';
import { readStackFile, S3_TEST, TEST_SITES } from './stack-file';

export default async function globalTeardown(): Promise<void> {
	const stack = readStackFile();
	const keys = new Set(stack.keys);
	// A sidecar that was not running at setup may have been started by a test.
	for (const site of Object.values(stack.sites)) keys.add(site.keys.sidecar);
	for (const key of [...keys].reverse()) await stopServer(key);
	// Ceph RGW is started on demand by the health suites; a run leaves nothing behind unless asked to keep
	// it for the next run (WPMC_KEEP_RGW=1 saves its ~20 s cold start while iterating).
	if (!process.env.WPMC_KEEP_RGW) await stopRgw();

	const ports = [S3_TEST.port, ...Object.values(TEST_SITES).flatMap((s) => [s.port, s.sidecarPort, s.mariadbPort ?? 0])];
	const busy: number[] = [];
	for (const port of ports.filter(Boolean)) if (await portInUse(port)) busy.push(port);
	if (busy.length) process.stderr.write(`[test] ports still in use after teardown: ${busy.join(', ')}\n`);
}

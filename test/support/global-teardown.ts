// jest globalTeardown: stops every server of the test stack, including sidecars that tests
// stopped and started again (those are found through their run files, not through memory).
import { portInUse, stopServer } from '../../bin/dev/processes';
import { readStackFile, S3_TEST, TEST_SITES } from './stack-file';

export default async function globalTeardown(): Promise<void> {
  const stack = readStackFile();
  const keys = new Set(stack.keys);
  // A sidecar that was not running at setup may have been started by a test.
  for (const site of Object.values(stack.sites)) keys.add(site.keys.sidecar);
  for (const key of [...keys].reverse()) await stopServer(key);

  const ports = [S3_TEST.port, ...Object.values(TEST_SITES).flatMap((s) => [s.port, s.sidecarPort, s.mariadbPort ?? 0])];
  const busy: number[] = [];
  for (const port of ports.filter(Boolean)) if (await portInUse(port)) busy.push(port);
  if (busy.length) process.stderr.write(`[test] ports still in use after teardown: ${busy.join(', ')}\n`);
}

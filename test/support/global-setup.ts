// jest globalSetup: starts the test stack once for the whole run.
//   s3rver :9100 (buckets test-media, test-media-maria, emptied at every run)
//   test-sqlite  WordPress :8890 (SQLite),  sidecar :8790
//   test-maria   WordPress :8891 (MariaDB :3391), sidecar :8791
// Sites are reused between runs (set WPMC_TEST_FRESH=1 to rebuild them); their plugin settings
// are reset to the defaults every run. Everything is described in .data/test/stack.json.
import fs from 'node:fs';
import path from 'node:path';
import { mariadbDir, sitesDir } from '../../bin/dev/paths';
import { assertNotOwnedElsewhere, installCleanupHandlers, stopServer } from '../../bin/dev/processes';
import { startPhpServer, startS3Server, startSidecar } from '../../bin/dev/servers';
import { createSite } from '../../bin/dev/site';
import { ensureSqliteDropin } from '../../bin/dev/sqlite-dropin';
import { ensureSystemPackages } from '../../bin/dev/system-packages';
import { ensureWordPressCore } from '../../bin/dev/wordpress-core';
import { S3_TEST, TEST_SITES, stackFilePath, writeStackFile, type SiteKind, type StackFile, type StackSite } from './stack-file';

/** Stops what an earlier run left behind (a crash, a killed jest) before reusing its ports. */
async function stopPreviousStack(): Promise<void> {
	if (!fs.existsSync(stackFilePath)) return;
	const previous = JSON.parse(fs.readFileSync(stackFilePath, 'utf8')) as StackFile;
	// A live run in this checkout (another jest) is refused, not killed: serialize runs instead.
	for (const key of previous.keys) assertNotOwnedElsewhere(key);
	for (const key of [...previous.keys].reverse()) await stopServer(key);
}

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	// The sidecar supports Node 20, 22 and 24; the SDK's notice about older lines ending support is noise in every test file.
	process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
	// Ctrl-C during the run: stop the servers instead of leaving them behind.
	installCleanupHandlers();
	await stopPreviousStack();
	if (process.env.WPMC_TEST_FRESH) {
		for (const options of Object.values(TEST_SITES)) {
			fs.rmSync(path.join(sitesDir, options.name), { recursive: true, force: true });
			fs.rmSync(path.join(mariadbDir, options.name), { recursive: true, force: true });
		}
	}
	ensureSystemPackages({ mariadb: true });
	for (const options of Object.values(TEST_SITES)) ensureWordPressCore(options.wordpress);
	ensureSqliteDropin();

	const keys: string[] = [];
	const s3 = await startS3Server({ ...S3_TEST, wipe: true });
	keys.push(s3.key);

	const sites = {} as Record<SiteKind, StackSite>;
	for (const kind of Object.keys(TEST_SITES) as SiteKind[]) {
		const site = await createSite({ ...TEST_SITES[kind], resetSettings: true });
		if (site.mariadb) keys.push(site.mariadb.key);
		await startPhpServer(site);
		keys.push(site.keys.php);
		let sidecarStarted = false;
		let sidecarError: string | undefined;
		try {
			sidecarStarted = await startSidecar(site);
			if (sidecarStarted) keys.push(site.keys.sidecar);
		} catch (error) {
			// Tests that need no sidecar (most environment checks) can still run.
			sidecarError = (error as Error).message;
			process.stderr.write(`[test] sidecar for ${site.name} failed to start:\n${sidecarError}\n`);
		}
		sites[kind] = { ...site, kind, sidecarStarted, sidecarError };
	}

	writeStackFile({ startedAt: new Date().toISOString(), s3, sites, keys });
	process.stdout.write(`\n[test] stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${stackFilePath})\n`);
}

// Changes to a test site's wp-config.php for one test (the sidecar secret taken out or replaced), always put back.
// The PHP server's opcache checks a cached file's time stamp at most every 2 s (opcache.revalidate_freq), so each
// write waits until the next request reads the file again.
import fs from 'node:fs';
import path from 'node:path';
import { rest } from './rest';
import type { TestSite } from './stack';

const SECRET_LINE = /^define\( 'WP_MEDIA_CLOUD_SIDECAR_SECRET', .*$/m;
/** Marks a line this helper changed, so a run killed halfway can be repaired by the next one. */
const MARK = '// wpmc-test was: ';

const configOf = (site: TestSite) => path.join(site.dir, 'wp-config.php');

/**
 * Reads `read()` until `done(value)` holds (the web server may still run the cached wp-config.php for a moment),
 * and returns the last value read; after `timeoutMs` the last value is returned for the test to fail on.
 */
export async function whenServed<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const until = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		value = await read();
	}
	return value;
}

async function write(file: string, text: string): Promise<void> {
	fs.writeFileSync(file, text);
	await new Promise((resolve) => setTimeout(resolve, 2500));
}

/**
 * Replaces the WP_MEDIA_CLOUD_SIDECAR_SECRET line (by nothing: the constant is missing) until the returned
 * function puts the original file back.
 */
export async function changeSecretConstant(site: TestSite, replacement = ''): Promise<() => Promise<void>> {
	await repairWpConfig(site);
	const file = configOf(site);
	const original = fs.readFileSync(file, 'utf8');
	const line = SECRET_LINE.exec(original)?.[0];
	if (!line) throw new Error(`No WP_MEDIA_CLOUD_SIDECAR_SECRET line in ${file}`);
	await write(file, original.replace(line, `${MARK}${line}\n${replacement}`));
	return async () => {
		await write(file, original);
		// On a loaded machine the web server once kept signing with the changed secret after the wait above, and the
		// next file's upload went pending ("signature does not match"): read until the sidecar accepts the site again.
		const accepted = await whenServed(
			async () => (await rest<{ steps: Array<{ id: string; state: string }> }>(site, 'GET', '/setup')).body,
			(setup) => setup.steps?.find((step) => step.id === 'sidecar')?.state === 'done',
			120_000,
		);
		if (accepted.steps?.find((step) => step.id === 'sidecar')?.state !== 'done') {
			throw new Error(`wp-config.php was put back, but the site still fails to reach its sidecar: ${JSON.stringify(accepted)}`);
		}
	};
}

/** Puts back what a killed run left changed. */
export async function repairWpConfig(site: TestSite): Promise<void> {
	const file = configOf(site);
	const text = fs.readFileSync(file, 'utf8');
	if (!text.includes(MARK)) return;
	await write(file, text.replace(new RegExp(`^${MARK.replace(/[/]/g, '\\/')}(.*)\\n.*$`, 'm'), '$1'));
}

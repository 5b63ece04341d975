// The contract file is current: plugin/contract.json (what WordPress reads: providers, regions, endpoint and public
// URL templates, capabilities, health check ids, error codes) must be exactly what the sidecar's tables write today.
// It replaces the old parity test, which compared PHP's own copies of those tables with the sidecar's. No stack.
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACT_FILE, contractData, contractJson } from '../../sidecar/src/contract-file';
import { ErrorCodes } from '../../sidecar/src/error-codes';
import { SIDECAR_CHECK_IDS } from '../../sidecar/src/health/check-ids';
import { PROVIDERS } from '../../sidecar/src/storage/providers';

const committedPath = path.join(__dirname, '..', '..', CONTRACT_FILE);

/** Where the two first differ, as a path into the JSON (`providers.hetzner.regions.3`), so the failure names the fact. */
function firstDifference(committed: unknown, generated: unknown, where = ''): string | null {
	if (JSON.stringify(committed) === JSON.stringify(generated)) return null;
	if (committed && generated && typeof committed === 'object' && typeof generated === 'object') {
		const keys = new Set([...Object.keys(committed), ...Object.keys(generated)]);
		for (const key of keys) {
			const found = firstDifference(
				(committed as Record<string, unknown>)[key],
				(generated as Record<string, unknown>)[key],
				where ? `${where}.${key}` : key,
			);
			if (found) return found;
		}
	}
	return `${where || 'the whole file'}: committed ${JSON.stringify(committed) ?? 'nothing'}, the sidecar has ${JSON.stringify(generated) ?? 'nothing'}`;
}

test('plugin/contract.json is what `npm run build:contract` writes from the sidecar today', () => {
	const committed = fs.readFileSync(committedPath, 'utf8');
	const generated = contractJson();
	// The failure reads: Expected "current", Received "out of date: run `npm run build:contract` … (the fact that changed)".
	const state =
		committed === generated
			? 'current'
			: `out of date: run \`npm run build:contract\` and commit ${CONTRACT_FILE} (${firstDifference(JSON.parse(committed), JSON.parse(generated)) ?? 'formatting only'})`;
	expect(state).toBe('current');
});

test('the contract carries every provider with its regions and capabilities, the check ids and the error codes', () => {
	const contract = contractData();
	expect(Object.keys(contract.providers)).toEqual(Object.keys(PROVIDERS));
	expect(contract.providers.s3.regions).toContain('eu-west-1');
	expect(contract.providers.bunny).toMatchObject({ endpoint_by_region: { de: 'https://storage.bunnycdn.com' }, capabilities: { needs_access_key: false } });
	expect(contract.health.sidecar_checks).toEqual([...SIDECAR_CHECK_IDS]);
	expect(contract.error_codes).toEqual(ErrorCodes);
});

test('every sidecar error code the PHP names is one the sidecar has', () => {
	// PHP compares codes the sidecar sends (Contract::error_code() refuses unknown ones at run time); a renamed code
	// would otherwise just never match.
	const named = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.php')) for (const match of fs.readFileSync(full, 'utf8').matchAll(/'(E_[A-Z_]+)'/g)) named.add(match[1]);
		}
	};
	walk(path.join(__dirname, '..', '..', 'plugin', 'inc'));
	expect(named.size).toBeGreaterThan(0);
	expect([...named].filter((code) => !(code in ErrorCodes))).toEqual([]);
});

// Writes plugin/contract.json from the sidecar's tables (providers, health check ids, error codes): the one file
// PHP reads those facts from. Run after changing any of them; the conformance test fails until you do.
//   npm run build:contract
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACT_FILE, contractJson } from '../sidecar/src/contract-file';
import { repoRoot } from './dev/paths';

/** Writes the file when its text changed; returns whether it did. */
export function writeContract(): boolean {
	const file = path.join(repoRoot, CONTRACT_FILE);
	const text = contractJson();
	if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
	fs.writeFileSync(file, text);
	return true;
}

if (require.main === module) {
	console.log(writeContract() ? `wrote ${CONTRACT_FILE}` : `${CONTRACT_FILE} is current`);
}

// `npm run bench -- <name> [--options]` runs bench/<name>.ts; without a name it lists the benchmarks.
// Each benchmark builds its own stack on ports of its own and prints its results; docs/benchmarks.md holds them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benchDir = __dirname;
const available = fs
	.readdirSync(benchDir)
	.filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('-workload.ts'))
	.map((file) => file.replace(/\.ts$/, ''))
	.sort();

const [name, ...options] = process.argv.slice(2);
if (!name || !available.includes(name)) {
	if (name) process.stderr.write(`No benchmark named "${name}".\n`);
	process.stderr.write(`Usage: npm run bench -- <name> [--options]\nBenchmarks: ${available.join(', ')}\nOptions and method: docs/benchmarks.md\n`);
	process.exit(name ? 2 : 0);
}
const tsx = path.join(benchDir, '..', 'node_modules', '.bin', 'tsx');
const result = spawnSync(tsx, [path.join(benchDir, `${name}.ts`), ...options], { stdio: 'inherit' });
process.exit(result.status ?? 1);

import { createAdapter } from '../storage/adapters';
import { providerFor } from '../storage/registry';
import type { StorageSettings } from '../storage/types';
import { probeBody, probeKey, removeProbe } from './probe';
import { RUN_ORDER, SIDECAR_CHECK_IDS, SIDECAR_CHECKS, type SidecarCheckId } from './registry';
import { say } from './health-messages';
import type { HealthContext, HealthResult } from './types';

export interface HealthRunOptions {
	storage: StorageSettings;
	checks: SidecarCheckId[];
	objectPrefix: string;
	timeoutMs: number;
}

/** Builds the CDN base URL from a host setting that may or may not carry a scheme. */
function cdnBaseOf(host: string): string {
	const trimmed = host.trim().replace(/\/+$/, '');
	if (!trimmed) return '';
	return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Runs the requested checks (all by default) and answers in the reporting order. The probe object is always removed. */
export async function runHealth(options: HealthRunOptions): Promise<HealthResult[]> {
	const provider = providerFor(options.storage);
	const context: HealthContext = {
		storage: options.storage,
		provider,
		// One attempt and a short connect timeout: a health check must answer while the user waits.
		adapter: createAdapter(provider, options.storage, { connectionTimeoutMs: options.timeoutMs, maxAttempts: 1 }),
		publicBase: provider.publicBase(options.storage),
		cdnBase: cdnBaseOf(options.storage.cdn_host ?? ''),
		probe: { key: probeKey(options.objectPrefix), body: probeBody(), uploaded: false },
		timeoutMs: options.timeoutMs,
	};
	const wanted = new Set<SidecarCheckId>(options.checks.length ? options.checks : SIDECAR_CHECK_IDS);
	const results = new Map<SidecarCheckId, HealthResult>();
	try {
		// The network facts (and a reachable endpoint) are needed by every other check.
		const network = await SIDECAR_CHECKS.connectivity.run(context);
		if (wanted.has('connectivity')) results.set('connectivity', network);
		for (const id of RUN_ORDER) {
			if (id === 'connectivity' || !wanted.has(id)) continue;
			const { run } = SIDECAR_CHECKS[id];
			results.set(
				id,
				network.status === 'critical'
					? {
							test: id,
							status: 'recommended',
							message: say('check.not_tested_unreachable'),
							cause: 'not_tested',
							fix: network.fix,
						}
					: await run(context),
			);
		}
	} finally {
		await removeProbe(context);
	}
	return SIDECAR_CHECK_IDS.filter((id) => results.has(id)).map((id) => results.get(id)!);
}

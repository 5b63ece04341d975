import { SIDECAR_CHECK_IDS, type SidecarCheckId } from './check-ids';
import { cdn } from './checks/cdn';
import { clockSkew } from './checks/clock-skew';
import { connectivity } from './checks/connectivity';
import { credentials } from './checks/credentials';
import { publicAccess } from './checks/public-access';
import { upload } from './checks/upload';
import type { HealthCheck } from './types';

export { SIDECAR_CHECK_IDS, type SidecarCheckId };

/** The code of each check (ids and their report order: check-ids.ts; WordPress has their translated labels). */
export const SIDECAR_CHECKS = {
	connectivity: { run: connectivity },
	credentials: { run: credentials },
	upload: { run: upload },
	public_access: { run: publicAccess },
	cdn: { run: cdn },
	clock_skew: { run: clockSkew },
} as const satisfies Record<SidecarCheckId, { run: HealthCheck }>;

/**
 * The order they run in: the network first (everything else needs it), the clock from its Date header, then the
 * checks that need the probe object before the upload check deletes it.
 */
export const RUN_ORDER: SidecarCheckId[] = ['connectivity', 'clock_skew', 'credentials', 'public_access', 'cdn', 'upload'];

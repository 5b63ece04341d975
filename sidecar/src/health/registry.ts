import { SIDECAR_CHECK_IDS, type SidecarCheckId } from './check-ids';
import { cdn } from './checks/cdn';
import { clockSkew } from './checks/clock-skew';
import { connectivity } from './checks/connectivity';
import { credentials } from './checks/credentials';
import { publicAccess } from './checks/public-access';
import { upload } from './checks/upload';
import type { HealthCheck } from './types';

export { SIDECAR_CHECK_IDS, type SidecarCheckId };

/** The code and English label of each check (ids and their report order: check-ids.ts). */
export const SIDECAR_CHECKS = {
	connectivity: { label: 'API connectivity', run: connectivity },
	credentials: { label: 'Storage credentials', run: credentials },
	upload: { label: 'Upload test', run: upload },
	public_access: { label: 'Public access', run: publicAccess },
	cdn: { label: 'CDN ping', run: cdn },
	clock_skew: { label: 'Clock', run: clockSkew },
} as const satisfies Record<SidecarCheckId, { label: string; run: HealthCheck }>;

/**
 * The order they run in: the network first (everything else needs it), the clock from its Date header, then the
 * checks that need the probe object before the upload check deletes it.
 */
export const RUN_ORDER: SidecarCheckId[] = ['connectivity', 'clock_skew', 'credentials', 'public_access', 'cdn', 'upload'];

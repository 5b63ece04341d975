import { cdn } from './checks/cdn';
import { clockSkew } from './checks/clock-skew';
import { connectivity } from './checks/connectivity';
import { credentials } from './checks/credentials';
import { publicAccess } from './checks/public-access';
import { upload } from './checks/upload';
import type { HealthCheck } from './types';

/** The sidecar's checks in the order they are reported. */
export const SIDECAR_CHECKS = {
	connectivity: { label: 'API connectivity', run: connectivity },
	credentials: { label: 'Storage credentials', run: credentials },
	upload: { label: 'Upload test', run: upload },
	public_access: { label: 'Public access', run: publicAccess },
	cdn: { label: 'CDN ping', run: cdn },
	clock_skew: { label: 'Clock', run: clockSkew },
} as const satisfies Record<string, { label: string; run: HealthCheck }>;

export type SidecarCheckId = keyof typeof SIDECAR_CHECKS;
export const SIDECAR_CHECK_IDS = Object.keys(SIDECAR_CHECKS) as SidecarCheckId[];

/**
 * The order they run in: the network first (everything else needs it), the clock from its Date header, then the
 * checks that need the probe object before the upload check deletes it.
 */
export const RUN_ORDER: SidecarCheckId[] = ['connectivity', 'clock_skew', 'credentials', 'public_access', 'cdn', 'upload'];

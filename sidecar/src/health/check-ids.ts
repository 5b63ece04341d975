/**
 * The ids of the storage checks the sidecar runs, in the order they are reported, and the ones "Test connection"
 * runs. WordPress (plugin/contract.json) and the admin read them from here; registry.ts gives each its code.
 */
export const SIDECAR_CHECK_IDS = ['connectivity', 'credentials', 'upload', 'public_access', 'cdn', 'clock_skew'] as const;

export type SidecarCheckId = (typeof SIDECAR_CHECK_IDS)[number];

/** What "Test connection" runs; a health run that includes them all counts as a connection test. */
export const CONNECTION_CHECK_IDS: readonly SidecarCheckId[] = ['connectivity', 'credentials', 'upload'];

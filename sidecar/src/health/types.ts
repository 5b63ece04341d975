import type { ProviderDefinition } from '../storage/contract';
import type { StorageAdapter, StorageSettings } from '../storage/types';

/** One check's outcome, in the shape of a WordPress Site Health test result (plus the cause and its fix). */
export interface HealthResult {
	test: string;
	label: string;
	status: 'good' | 'recommended' | 'critical';
	description: string;
	/** What to do next, one sentence (shown as the Site Health "actions"). */
	actions: string;
	/** A stable id of the cause when something is wrong, e.g. `signature_mismatch`, `public_access_denied`. */
	cause?: string;
	/** The exact fix for that cause. */
	fix?: string;
	/** Measurements (milliseconds, hosts…) for the admin page and the CLI's JSON. */
	details?: Record<string, unknown>;
}

/** Timings and facts from the network probe, shared by the checks that follow it. */
export interface NetworkFacts {
	ok: boolean;
	/** The endpoint's `Date` header, for the clock-skew check. */
	serverDate?: Date;
}

/** Everything a check may use; one per health run. */
export interface HealthContext {
	storage: StorageSettings;
	provider: ProviderDefinition;
	adapter: StorageAdapter;
	/** Public base URL of the bucket (no CDN), '' when none. */
	publicBase: string;
	/** CDN base URL, '' when no CDN is configured. */
	cdnBase: string;
	/** The probe object's key and bytes; uploaded at most once per run (see probe.ts). */
	probe: { key: string; body: Buffer; uploaded: boolean; uploadError?: unknown };
	network?: NetworkFacts;
	timeoutMs: number;
}

export type HealthCheck = (context: HealthContext) => Promise<HealthResult>;

export const good = (test: string, label: string, description: string, details?: Record<string, unknown>): HealthResult => ({
	test,
	label,
	status: 'good',
	description,
	actions: '',
	details,
});

export const failed = (
	test: string,
	label: string,
	cause: string,
	description: string,
	fix: string,
	details?: Record<string, unknown>,
	status: HealthResult['status'] = 'critical',
): HealthResult => ({ test, label, status, description, actions: fix, cause, fix, details });

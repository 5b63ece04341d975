import type { Message } from '../messages';
import type { ProviderDefinition } from '../storage/contract';
import type { StorageAdapter, StorageSettings } from '../storage/types';

/**
 * One check's outcome as the sidecar sends it: Site Health's status, and every sentence as a code with its parameters
 * (WordPress words and translates them: plugin/inc/health/class-messages.php, and adds the check's label).
 */
export interface HealthResult {
	test: string;
	status: 'good' | 'recommended' | 'critical';
	/** What the check found (Site Health's description). */
	message: Message;
	/** A stable id of the cause when something is wrong, e.g. `signature_mismatch`, `public_access_denied`. */
	cause?: string;
	/** What to do about it (Site Health's actions). */
	fix?: Message;
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

export const good = (test: string, message: Message, details?: Record<string, unknown>): HealthResult => ({ test, status: 'good', message, details });

export const failed = (
	test: string,
	cause: string,
	message: Message,
	fix: Message,
	details?: Record<string, unknown>,
	status: HealthResult['status'] = 'critical',
): HealthResult => ({ test, status, message, cause, fix, details });

import type { StorageSettings } from '../storage/types';
import type { RunKind } from './job-store';

/** What WordPress sends with every page: the settings a run uses (never stored by the sidecar: secrets). */
export interface RunSettings {
	storage: StorageSettings;
	cache_control: string;
	verify: boolean;
}

export interface PageItem {
	attachment_id: number;
	/** Set when WordPress already knows there is nothing to do (no file in uploads, not offloaded…). */
	skip?: string;
	[field: string]: unknown;
}

/** WordPress' answer to a page request: the next attachments after the cursor. */
export interface PageAnswer {
	settings: RunSettings;
	items: PageItem[];
	next_after: number;
	done: boolean;
}

export interface ProcessedJob {
	result: unknown;
	bytes: number;
}

export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

/** One kind of bulk work on the job engine: migration (upload) or download back. */
export interface JobProcessor {
	readonly kind: RunKind;
	/** WordPress routes (sidecar-signed) that list the work and take the results. */
	readonly pageRoute: string;
	readonly resultsRoute: string;
	process(item: PageItem, settings: RunSettings, schedule: Schedule): Promise<ProcessedJob>;
}

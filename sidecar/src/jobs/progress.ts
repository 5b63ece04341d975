// The progress of a run (migration, download back, move), as `GET /v1/<kind>/current` answers it and WordPress
// passes it on to the admin unchanged (`/media-cloud/v1/migration`, `/downloads`, `/moves`). The one declaration
// of that shape: `KindRunner.progress()` returns it and the admin imports it (type only, nothing is bundled).
import type { ErrorSaid } from './error-said';
import type { RunStateName } from './job-store';
import type { OutageReport } from './storage-outage';

/** `idle` when no run of that kind has ever started. */
export type RunProgressState = 'idle' | RunStateName;

/** A storage-wide error that made the engine pause the run; resuming reads the settings again. */
export interface PausedReason {
	code: string;
	message: string;
	remedy: string;
	/** The message and remedy as codes WordPress words in the site's language (absent: show the English). */
	said?: ErrorSaid;
}

/** One attachment that failed, as the last errors list shows it. */
export interface RunProgressError {
	attachment_id: number;
	/** The E_* code of the last failure. */
	code: string | null;
	reason: string;
	/** What to do about it; '' when the error came without one. */
	remedy: string;
	attempts: number;
	/** No retry will help: it failed for good. */
	permanent: boolean;
	/** The reason and remedy as codes WordPress words in the site's language (absent: show the English). */
	said?: ErrorSaid;
}

export interface RunProgress {
	/** Absent while idle. */
	id?: number;
	/** The site of a network the run belongs to (1 on a single site). */
	site_id?: number;
	state: RunProgressState;
	total: number;
	/** Done or skipped, including the results WordPress has not acknowledged yet. */
	done: number;
	failed: number;
	bytes: number;
	rate_per_second: number;
	eta_seconds: number | null;
	concurrency?: number;
	/** Results uploaded but not yet recorded by WordPress. */
	awaiting_wordpress: number;
	/** Unix seconds. */
	started_at?: number;
	finished_at?: number | null;
	/** Set while the storage does not answer and the run waits for it (it goes on by itself). */
	waiting_for_storage: OutageReport | null;
	/** Set when the engine paused the run itself because the storage refuses the settings. */
	paused_reason: PausedReason | null;
	errors: RunProgressError[];
}

// GET /media-cloud/v1/setup: the first-run checklist's steps 1–3 (the sidecar, the storage settings, the
// connection test) with their live state, the commands for this site and the manual alternative.
import type { HealthResult } from '../types';

export type StepState = 'done' | 'todo' | 'failing';

export type CommandId =
	'setup' | 'start' | 'stop' | 'restart' | 'status' | 'logs';

export interface SetupStep {
	id: 'sidecar' | 'settings' | 'connection';
	title: string;
	state: StepState;
	/** What was found, one or two sentences. */
	summary: string;
	/** What to do about it; '' when done. */
	fix: string;
	/** The commands that fix it, in the order to run them (ids of `SetupResponse.commands`). */
	commands: CommandId[];
	/** The sidecar's URL (step 1). */
	url?: string;
	/** The checks of the last connection test that did not pass (step 3). */
	failing?: HealthResult[];
}

export interface SetupResponse {
	steps: SetupStep[];
	/** The sidecar is configured, the storage saved and the last connection test passed with these settings. */
	storage_works: boolean;
	commands: Record< CommandId, string >;
	/** The manual alternative to `wp media-cloud sidecar setup` (never with the secret itself). */
	manual: { constants: string; environment: string; run: string };
}

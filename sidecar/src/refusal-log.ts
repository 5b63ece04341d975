import type { Logger } from 'pino';
import { log } from './log';

/** How long repeats of one kind of refusal are counted instead of logged (WPMC_REFUSAL_LOG_SECONDS, default 60). */
export function refusalWindowMs(env: NodeJS.ProcessEnv = process.env): number {
	const seconds = Number(env.WPMC_REFUSAL_LOG_SECONDS ?? 60);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

interface Window {
	fields: Record<string, unknown>;
	held: number;
	timer: NodeJS.Timeout;
}

/**
 * One log line per kind of refusal (code and message) per window: a scanner or a misconfigured client sending
 * thousands of unsigned requests must not fill the server's journal, yet the first refusal of each kind is logged
 * at once, with what was refused, and the ones held back are counted in one line when the window closes.
 */
export class RefusalLog {
	private readonly windows = new Map<string, Window>();

	constructor(
		private readonly windowMs = refusalWindowMs(),
		private readonly logger: Logger = log,
	) {}

	refused(kind: string, fields: Record<string, unknown>, message: string): void {
		const open = this.windows.get(kind);
		if (open) {
			open.held++;
			return;
		}
		this.logger.warn(fields, message);
		if (this.windowMs === 0) return;
		// unref(): a pending summary never keeps the sidecar from exiting.
		const timer = setTimeout(() => this.close(kind), this.windowMs).unref();
		this.windows.set(kind, { fields, held: 0, timer });
	}

	/** Writes the count of the refusals held back in this kind's window, if any. */
	close(kind: string): void {
		const window = this.windows.get(kind);
		if (!window) return;
		clearTimeout(window.timer);
		this.windows.delete(kind);
		if (window.held === 0) return;
		const { code, status } = window.fields;
		this.logger.warn(
			{ code, status, held: window.held },
			`refused ${window.held} more request(s) like it (${String(code)}) in the last ${Math.round(this.windowMs / 1000)} s`,
		);
	}

	closeAll(): void {
		for (const kind of [...this.windows.keys()]) this.close(kind);
	}
}

// Sends a site's confirmed results of one kind of run to WordPress until WordPress has acknowledged them all, on
// its own loop so uploads never wait for it. Results are gathered into batches: every request loads WordPress, and
// on a small server that CPU would be taken from the uploads. A partial batch goes after three seconds, or at once
// when nothing else is in flight. It sleeps until woken by a full batch or the last job in flight, not on a polling
// timer, so the end of a run is recorded as soon as it happens. Unsent results live in the job table, so after a
// crash the next process sends them; a confirmed upload is never repeated.
import { log } from '../log';
import type { WordPressClient } from '../wordpress-client';
import type { JobRow, JobStore, RunKind } from './job-store';
import { WakeSignal } from './wake-signal';

const REPORT_INTERVAL_MS = 3000;
/** How long the reporter sleeps when it has nothing to send and nobody wakes it (e.g. results of a killed process). */
const REPORTER_IDLE_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** What the reporter needs from the runner it reports for. */
export interface ReporterHost {
	/** Jobs being processed right now: while none is, a partial batch goes at once. */
	inFlight(): number;
	/** WordPress as the latest run of this site calls it. */
	wordpress(): WordPressClient;
	/** A batch was acknowledged: the runner may finish the run or claim more. */
	reported(): void;
	/** WordPress did not answer; the reporter tries again with backoff. */
	wordpressDown(error: unknown): void;
}

export class ResultReporter {
	private readonly wakeSignal = new WakeSignal();
	/** Results confirmed since the reporter last looked: it is woken when a full batch is ready. */
	private confirmedSinceReport = 0;
	private stopped = false;

	constructor(
		private readonly store: JobStore,
		private readonly kind: RunKind,
		private readonly siteId: number,
		private readonly resultsRoute: string,
		private readonly batchSize: number,
		private readonly host: ReporterHost,
	) {}

	/** A job's result was confirmed. */
	confirmed(): void {
		this.confirmedSinceReport++;
	}

	/** A job finished (either way): a full batch, or the last job in flight, is sent now. */
	jobFinished(): void {
		if (this.host.inFlight() === 0 || this.confirmedSinceReport >= this.batchSize) this.wakeSignal.notify();
	}

	stop(): void {
		this.stopped = true;
		this.wakeSignal.notify();
	}

	async loop(): Promise<void> {
		let failures = 0;
		let lastReport = 0;
		while (!this.stopped) {
			this.confirmedSinceReport = 0;
			const batch = this.store.unacknowledged(this.kind, this.batchSize, this.siteId);
			const dueInMs = this.host.inFlight() === 0 ? 0 : lastReport + REPORT_INTERVAL_MS - Date.now();
			// Every result sent and acknowledged: finished runs (also cancelled ones) give up their done jobs' rows.
			if (batch.length === 0) this.prune();
			if (batch.length === 0 || (batch.length < this.batchSize && dueInMs > 0)) {
				await this.wakeSignal.wait(batch.length === 0 ? REPORTER_IDLE_MS : dueInMs);
				continue;
			}
			lastReport = Date.now();
			try {
				await this.report(batch);
				failures = 0;
				this.host.reported();
			} catch (error) {
				failures++;
				this.host.wordpressDown(error);
				await sleep(Math.min(30_000, 500 * 2 ** failures));
			}
		}
	}

	private async report(jobs: JobRow[]): Promise<void> {
		const results = jobs.map((job) => ({ attachment_id: job.attachment_id, ...(JSON.parse(job.result ?? '{}') as object) }));
		const answer = await this.host.wordpress().post<{ acknowledged: number[] }>(this.resultsRoute, { results });
		const acknowledged = new Set(answer.acknowledged ?? []);
		this.store.acknowledge(jobs.filter((job) => acknowledged.has(job.attachment_id)).map((job) => job.id));
		if (acknowledged.size < jobs.length) throw new Error(`WordPress did not acknowledge ${jobs.length - acknowledged.size} result(s).`);
	}

	private prune(): void {
		try {
			const deleted = this.store.pruneFinished();
			if (deleted > 0)
				log.info(
					{ kind: this.kind, site: this.siteId, deleted },
					`${this.kind}: ${deleted} acknowledged jobs of finished runs removed from the job database (their counts are kept)`,
				);
		} catch (error) {
			log.warn({ kind: this.kind, site: this.siteId, err: error }, `${this.kind}: pruning the job database failed; it is tried again later`);
		}
	}
}

import { SidecarError } from '../errors';
import { log } from '../log';
import type { WordPressClient } from '../wordpress-client';
import { type JobRow, type JobStore, MAIN_SITE, type RunKind, type RunSite, RunState, type RunRow } from './job-store';
import { Limiter } from './limiter';
import type { RunProgress } from './progress';
import { idleProgress, runProgress } from './run-progress';
import type { JobProcessor, PageAnswer, PageItem, RunSettings } from './processor';
import { recordFailure } from './job-failure';
import { saySidecar } from '../sidecar-messages';
import { ResultReporter } from './result-reporter';
import { StorageOutage } from './storage-outage';
import { WakeSignal } from './wake-signal';

export interface RunnerOptions {
	/** Attachments asked from WordPress per page. */
	pageSize: number;
	/** Results sent to WordPress per request. */
	reportBatch: number;
}

export interface StartRequest {
	concurrency: number;
	maxId: number;
	total: number;
	selection: number[] | null;
	/** The site the run belongs to and where its callbacks go; the runner's own site id is the one used. */
	callbackUrl?: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
/** What a run of each kind is called in messages. */
const RUN_NAMES: Record<RunKind, string> = { migrate: 'migration', download: 'download', move: 'move to the current storage' };
const FIRST_PAGE_SIZE = 20;

/**
 * Drives the runs of one kind on one site of a network (each site's runs, pauses and progress are its own; a
 * single site is site 1): asks WordPress for pages of attachments (id cursor, so memory stays flat),
 * claims queued jobs up to the concurrency, processes them, and reports confirmed results back in batches
 * until WordPress acknowledges them. Everything it knows lives in the job table, so a new process resumes
 * where a killed one stopped.
 */
export class KindRunner {
	private settings: RunSettings | null = null;
	private inFlight = 0;
	private fetching = false;
	private stopped = false;
	private readonly engineWake = new WakeSignal();
	private readonly limiter = new Limiter(1);
	private readonly outage = new StorageOutage();
	private wordpressDownSince = 0;
	private readonly reporter: ResultReporter;

	constructor(
		private readonly processor: JobProcessor,
		private readonly store: JobStore,
		private readonly wordpress: WordPressClient,
		private readonly owner: string,
		private readonly options: RunnerOptions,
		readonly siteId: number = MAIN_SITE.id,
	) {
		this.reporter = new ResultReporter(store, processor.kind, siteId, processor.resultsRoute, options.reportBatch, {
			inFlight: () => this.inFlight,
			wordpress: () => this.wordpressFor(this.latestRun()),
			reported: () => this.wake(),
			wordpressDown: (error) => this.noteWordPressDown(error),
		});
	}

	get kind() {
		return this.processor.kind;
	}

	private latestRun(): RunRow | undefined {
		return this.store.latestRun(this.kind, this.siteId);
	}

	/** WordPress as this site's runs call it: the main site, or the site's own URL (stored with the run). */
	private wordpressFor(run: RunRow | undefined): WordPressClient {
		return this.wordpress.at(run?.callback_url ?? null);
	}

	/** Starts a run, or resumes the paused one: starting twice never makes two runs. */
	start(request: StartRequest): RunRow {
		const current = this.latestRun();
		const callbackUrl = request.callbackUrl ?? null;
		if (current && current.state < RunState.CANCELLED && current.callback_url !== callbackUrl) this.store.setCallback(current.id, callbackUrl);
		if (current && current.state === RunState.RUNNING) return current;
		if (current && current.state === RunState.PAUSED) return this.setState(RunState.RUNNING);
		this.settings = null;
		const site: RunSite = { id: this.siteId, callbackUrl };
		const run = this.store.createRun(this.kind, request.concurrency, request.maxId, request.total, request.selection, site);
		this.wake();
		return run;
	}

	setState(state: number): RunRow {
		const run = this.latestRun();
		if (!run || run.state >= RunState.CANCELLED) {
			throw new SidecarError('E_NOT_FOUND', `No ${RUN_NAMES[this.kind]} is running or paused.`, 'Start one first.', {
				said: { message: saySidecar(`sidecar.no_run.${this.kind}`), remedy: saySidecar('sidecar.no_run.fix') },
			});
		}
		const updated = run.state === state ? run : this.store.setState(run, state);
		// Settings are read again before a resumed run uploads: the user may have just fixed them.
		if (state === RunState.RUNNING) this.settings = null;
		this.wake();
		return updated;
	}

	progress(): RunProgress {
		const run = this.latestRun();
		return run ? runProgress(this.store, run, this.siteId, this.outage.report()) : idleProgress(this.siteId);
	}

	/** The main loop: one step, then sleep until a job finishes, a request arrives, or a short timer. */
	async loop(): Promise<void> {
		while (!this.stopped) {
			let waitMs = 1000;
			try {
				waitMs = await this.step();
			} catch (error) {
				log.error({ kind: this.kind, site: this.siteId, err: error }, `${this.kind} engine step failed`);
			}
			await this.engineWake.wait(waitMs);
		}
	}

	/** Sends confirmed results to WordPress until none is left (result-reporter.ts). */
	reportLoop(): Promise<void> {
		return this.reporter.loop();
	}

	stop(): void {
		this.stopped = true;
		this.wake();
		this.reporter.stop();
	}

	wake(): void {
		this.engineWake.notify();
	}

	private async step(): Promise<number> {
		const run = this.latestRun();
		if (!run || run.state !== RunState.RUNNING) return 2000;
		this.limiter.resize(run.concurrency);
		if (!this.fetching && (this.settings === null || (!run.enumerated && this.store.queued(run.id) < this.options.pageSize))) {
			void this.fetchPage(run);
		}
		if (this.settings === null) return 200;

		// Attachments in flight: enough that the PUT limiter always has files waiting, not so many that a pause waits long.
		// Refilled once a quarter of the slots is free: a claim is a write transaction, one per finished attachment is waste.
		const slots = this.outage.allowedSlots(run.concurrency * 2 - this.inFlight, this.inFlight);
		if (slots > 0 && (slots >= Math.max(1, run.concurrency / 2) || this.inFlight === 0)) {
			for (const job of this.store.claim(run.id, this.owner, slots)) {
				this.inFlight++;
				void this.processJob(job, this.settings).finally(() => {
					this.inFlight--;
					this.reporter.jobFinished();
					this.wake();
				});
			}
		}

		// During an outage: sleep until the next probe is due; while a probe runs, its end wakes the loop.
		const outageWaitMs = this.outage.waitMs();
		if (outageWaitMs !== null) return outageWaitMs > 0 ? Math.max(50, Math.min(2000, outageWaitMs)) : 2000;

		if (run.enumerated && this.inFlight === 0) {
			const counts = this.store.counts(run.id);
			if (counts.queued === 0 && counts.running === 0 && counts.confirmed === 0) {
				this.store.setState(run, RunState.DONE);
				log.info(
					{ kind: this.kind, site: this.siteId, run: run.id, done: counts.done + counts.skipped, failed: counts.failed },
					`${this.kind} run ${run.id} finished: ${counts.done + counts.skipped} done, ${counts.failed} failed`,
				);
				return 2000;
			}
			const next = this.store.nextRetryAt(run.id);
			if (next !== null) return Math.max(50, Math.min(2000, next - Date.now()));
		}
		return 250;
	}

	private async fetchPage(run: RunRow): Promise<void> {
		this.fetching = true;
		try {
			// A small first page gets the uploads going sooner; later pages are fetched while the queue still holds work.
			const limit = run.enumerated ? 0 : run.cursor === 0 ? FIRST_PAGE_SIZE : this.options.pageSize;
			const selection = run.selection ? (JSON.parse(run.selection) as number[]) : undefined;
			const page = await this.wordpressFor(run).post<PageAnswer>(this.processor.pageRoute, {
				after: run.cursor,
				limit,
				max_id: run.max_id,
				ids: selection,
			});
			this.settings = page.settings;
			this.wordpressDownSince = 0;
			if (limit > 0) {
				const jobs = page.items.map((item) => ({ attachment_id: item.attachment_id, payload: item }));
				this.store.addPage(run.id, jobs, page.next_after, page.done || page.items.length === 0, 0);
			}
		} catch (error) {
			this.noteWordPressDown(error);
			await sleep(2000);
		} finally {
			this.fetching = false;
			this.wake();
		}
	}

	private async processJob(job: JobRow, settings: RunSettings): Promise<void> {
		const item = JSON.parse(job.payload) as PageItem;
		if (item.skip) {
			this.store.skip(job.id, item.skip);
			return;
		}
		try {
			const processed = await this.processor.process(item, settings, (task) => this.limiter.run(task));
			this.store.confirm(job.id, processed.result, processed.bytes);
			this.reporter.confirmed();
			this.outage.succeeded();
		} catch (error) {
			recordFailure({ store: this.store, outage: this.outage, kind: this.kind, siteId: this.siteId }, job, error);
		}
	}

	private noteWordPressDown(error: unknown): void {
		if (this.wordpressDownSince === 0) {
			this.wordpressDownSince = Date.now();
			log.warn(
				{ kind: this.kind, site: this.siteId },
				`${this.kind}: WordPress did not answer (${(error as Error).message}); retrying, nothing is lost.`,
			);
		}
	}
}

import { randomUUID } from 'node:crypto';
import { log } from '../log';
import type { WordPressClient } from '../wordpress-client';
import type { JobDatabase } from './database';
import { downloadProcessor } from './download-processor';
import { JobStore, MAIN_SITE, type RunKind } from './job-store';
import { KindRunner, type RunnerOptions } from './kind-runner';
import { migrateProcessor } from './migrate-processor';
import type { JobProcessor } from './processor';

/** Concurrent PUTs of a migration unless the user picks another number; see docs/benchmarks.md (Migration). */
export const DEFAULT_CONCURRENCY = 32;
/**
 * Every page and every results batch is a WordPress request, and each one boots WordPress on the CPU the
 * uploads need: large pages (WordPress caps them at 500) and batches keep that to a handful per thousand attachments.
 */
const DEFAULT_RUNNER_OPTIONS: RunnerOptions = { pageSize: 500, reportBatch: 250 };
/** A job claimed longer ago than this is taken to have lost its worker and is queued again. */
const LEASE_MS = 10 * 60_000;

/**
 * The background job engine: one runner per kind of bulk work (migration, move to the current storage,
 * download back) and site of the network (made when a site first needs one), over one SQLite job table. At
 * start it requeues the jobs a previous, killed process had claimed; a timer keeps doing so for jobs whose
 * worker never finished.
 */
export class JobEngine {
	readonly owner = randomUUID();
	readonly store: JobStore;
	private readonly processors = new Map<RunKind, JobProcessor>();
	private readonly runners = new Map<string, KindRunner>();
	private requeueTimer: NodeJS.Timeout | null = null;
	private started = false;

	constructor(
		db: JobDatabase,
		uploadsDir: string,
		private readonly wordpress: WordPressClient,
		private readonly options: RunnerOptions = DEFAULT_RUNNER_OPTIONS,
	) {
		this.store = new JobStore(db);
		for (const processor of [migrateProcessor(uploadsDir), migrateProcessor(uploadsDir, 'move'), downloadProcessor(uploadsDir)]) {
			this.processors.set(processor.kind, processor);
			this.runner(processor.kind);
		}
	}

	/** The runner of a kind on one site (1: a single site, or the network's main site), made on first use. */
	runner(kind: RunKind, siteId = MAIN_SITE.id): KindRunner {
		const key = `${kind}:${siteId}`;
		let runner = this.runners.get(key);
		if (!runner) {
			runner = new KindRunner(this.processors.get(kind)!, this.store, this.wordpress, this.owner, this.options, siteId);
			this.runners.set(key, runner);
			if (this.started) this.run(runner);
		}
		return runner;
	}

	start(): void {
		const requeued = this.store.requeueStale(this.owner, LEASE_MS);
		if (requeued > 0) log.info(`requeued ${requeued} job(s) a previous sidecar process had started`);
		// The sites whose runs a previous process left running, paused or with results to send.
		for (const kind of this.processors.keys()) {
			for (const siteId of this.store.sitesWithWork(kind)) this.runner(kind, siteId);
		}
		for (const runner of this.runners.values()) this.run(runner);
		this.started = true; // Runners made from now on start at once.

		this.requeueTimer = setInterval(() => this.store.requeueStale(this.owner, LEASE_MS), 60_000);
		this.requeueTimer.unref();
	}

	private run(runner: KindRunner): void {
		void runner.loop();
		void runner.reportLoop();
	}

	stop(): void {
		if (this.requeueTimer) clearInterval(this.requeueTimer);
		for (const runner of this.runners.values()) runner.stop();
	}
}

import { randomUUID } from 'node:crypto';
import { log } from '../log';
import type { WordPressClient } from '../wordpress-client';
import type { JobDatabase } from './database';
import { downloadProcessor } from './download-processor';
import { JobStore, type RunKind } from './job-store';
import { KindRunner, type RunnerOptions } from './kind-runner';
import { migrateProcessor } from './migrate-processor';

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
 * download back) over one SQLite
 * job table. At start it requeues the jobs a previous, killed process had claimed; a timer keeps doing so for
 * jobs whose worker never finished.
 */
export class JobEngine {
	readonly owner = randomUUID();
	readonly store: JobStore;
	private readonly runners = new Map<RunKind, KindRunner>();
	private requeueTimer: NodeJS.Timeout | null = null;

	constructor(db: JobDatabase, uploadsDir: string, wordpress: WordPressClient, options: RunnerOptions = DEFAULT_RUNNER_OPTIONS) {
		this.store = new JobStore(db);
		for (const processor of [migrateProcessor(uploadsDir), migrateProcessor(uploadsDir, 'move'), downloadProcessor(uploadsDir)]) {
			this.runners.set(processor.kind, new KindRunner(processor, this.store, wordpress, this.owner, options));
		}
	}

	runner(kind: RunKind): KindRunner {
		return this.runners.get(kind)!;
	}

	start(): void {
		const requeued = this.store.requeueStale(this.owner, LEASE_MS);
		if (requeued > 0) log.info(`requeued ${requeued} job(s) a previous sidecar process had started`);
		for (const runner of this.runners.values()) {
			void runner.loop();
			void runner.reportLoop();
		}
		this.requeueTimer = setInterval(() => this.store.requeueStale(this.owner, LEASE_MS), 60_000);
		this.requeueTimer.unref();
	}

	stop(): void {
		if (this.requeueTimer) clearInterval(this.requeueTimer);
		for (const runner of this.runners.values()) runner.stop();
	}
}

import type { ApiError } from '../../shared/error-codes';
import type { JobState } from '../../shared/job-schemas';
import { toJsonValue } from '../common/json-value';
import { jobFailure, stopReasonError } from './job-errors';
import type { JobJournalEntry } from './job-journal';
import type { JobContext, JobRunner } from './job-types';
import { ProgressThrottle, type ProgressCounters, type ProgressReading } from './progress-throttle';
import { applyProgressUpdate, type ProgressUpdate } from './progress-update';

export type StopReason = 'cancel' | 'shutdown';

export interface RunOutcome {
  state: JobState;
  error: ApiError | null;
}

/** What a run needs from its manager. */
export interface JobRunHost {
  now(): Date;
  writeJournal(record: JobJournalEntry): Promise<void>;
  emitProgress(jobId: string, reading: ProgressReading): void;
}

/**
 * One execution of a runner for one job: builds its context, tracks its
 * progress and checkpoints in the job's record, and works out how it ended.
 * The manager owns the record's state; a run never changes it.
 */
export class JobRun {
  readonly settled: Promise<RunOutcome>;
  private readonly controller = new AbortController();
  private readonly throttle: ProgressThrottle;
  private counters: ProgressCounters;
  private stopReason: StopReason | null = null;
  private active = true;

  constructor(
    private readonly record: JobJournalEntry,
    runner: JobRunner,
    checkpoint: unknown,
    private readonly host: JobRunHost,
  ) {
    // The speed of an earlier run says nothing about this one.
    record.progress = { ...record.progress, rate: 0, eta: null };
    const { bytesDone, bytesTotal, itemsDone, itemsTotal, current } = record.progress;
    this.counters = { bytesDone, bytesTotal, itemsDone, itemsTotal, current };
    this.throttle = new ProgressThrottle({ clock: () => host.now().getTime() });
    this.settled = this.execute(runner, checkpoint);
  }

  /** Aborts the runner's signal; the first reason given decides how the job ends. */
  stop(reason: StopReason): void {
    if (this.stopReason !== null) return;
    this.stopReason = reason;
    this.controller.abort(stopReasonError(reason));
  }

  private async execute(runner: JobRunner, checkpoint: unknown): Promise<RunOutcome> {
    const ctx: JobContext = {
      jobId: this.record.id,
      // Copies: a runner mutating what it was given must not change what the journal holds.
      params: structuredClone(this.record.params),
      checkpoint: checkpoint === null || checkpoint === undefined ? null : structuredClone(checkpoint),
      signal: this.controller.signal,
      progress: (update) => this.onProgress(update),
      saveCheckpoint: (data) => this.onCheckpoint(data),
    };
    let outcome: RunOutcome = { state: 'succeeded', error: null };
    try {
      await runner(ctx);
    } catch (err) {
      if (this.stopReason === null)
        outcome = { state: 'failed', error: jobFailure(err, this.record.kind, this.record.id) };
    }
    // Once stopped, how the runner ended (an abort error, or an early return) does not matter.
    if (this.stopReason !== null)
      outcome = { state: this.stopReason === 'cancel' ? 'cancelled' : 'interrupted', error: null };
    this.active = false;
    const last = this.throttle.flush();
    if (last !== null) this.host.emitProgress(this.record.id, last);
    return outcome;
  }

  private onProgress(update: ProgressUpdate): void {
    // A stray callback after the runner settled must not disturb the final record.
    if (!this.active) return;
    this.counters = applyProgressUpdate(this.counters, update, `${this.record.kind} job ${this.record.id}`);
    const reading = this.throttle.record(this.counters);
    this.record.progress = this.throttle.current() ?? this.record.progress;
    if (reading !== null) this.host.emitProgress(this.record.id, reading);
  }

  private async onCheckpoint(data: unknown): Promise<void> {
    if (!this.active) return;
    this.record.checkpoint = toJsonValue(data, `The checkpoint of the ${this.record.kind} job ${this.record.id}`);
    this.record.updatedAt = this.host.now().toISOString();
    await this.host.writeJournal(this.record);
  }
}

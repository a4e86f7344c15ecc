import type { EventMessage } from '../../shared/api-contract';
import type { ApiError } from '../../shared/error-codes';
import { CasekitError } from '../../shared/error-codes';
import type { JobKind, JobState, JobSummary } from '../../shared/job-schemas';
import { errorMessage } from '../common/error-text';
import { toJsonValue } from '../common/json-value';
import { datedRandomId } from '../common/random-id';
import { jobFinished, jobNotFound, noRunner, shuttingDown } from './job-errors';
import { JobJournal, toJobSummary, type JobJournalEntry, type JournalProblem } from './job-journal';
import { JobRun, type JobRunHost } from './job-run';
export type { JobContext, JobRunner } from './job-types';
import type { JobRunner } from './job-types';
import { EMPTY_PROGRESS } from './progress-update';

export interface JobManagerOptions {
  home: string;
  emit: (msg: EventMessage) => void;
  /** Timestamps and the progress throttle's clock; injectable so tests control time. */
  now?: () => Date;
}

export interface StartJobOptions {
  /** The case the job works on; absent or null for work that belongs to no case. */
  caseId?: string | null;
  params: unknown;
}

interface Job {
  record: JobJournalEntry;
  /** Set while a runner works on the job; `done` settles once the final state is journalled. */
  active: { run: JobRun; done: Promise<void> } | null;
}

/**
 * Runs long work in the background, journals it, and resumes it after a crash.
 * Each state change is written to the journal before it is announced, so
 * what the UI showed is what the next start finds.
 */
export class JobManager {
  private readonly journal: JobJournal;
  private readonly emitMessage: (msg: EventMessage) => void;
  private readonly now: () => Date;
  private readonly host: JobRunHost;
  private readonly runners = new Map<JobKind, JobRunner>();
  private readonly jobs = new Map<string, Job>();
  private journalProblems: JournalProblem[] = [];
  private initialized = false;
  private closing: Promise<void> | null = null;

  constructor(opts: JobManagerOptions) {
    this.journal = new JobJournal({ home: opts.home });
    this.emitMessage = opts.emit;
    this.now = opts.now ?? (() => new Date());
    this.host = {
      now: () => this.now(),
      writeJournal: (record) => this.journal.write(record),
      emitProgress: (jobId, reading) => this.safeEmit({ event: 'jobProgress', payload: { jobId, ...reading } }),
    };
  }

  /** Journal files that could not be loaded at `init`; they are left on disk untouched. */
  get problems(): readonly JournalProblem[] {
    return this.journalProblems;
  }

  registerKind(kind: JobKind, runner: JobRunner): void {
    if (this.runners.has(kind)) {
      throw new CasekitError('INTERNAL', `A runner for ${kind} jobs is already registered; register each kind once.`);
    }
    this.runners.set(kind, runner);
  }

  /** Loads the journals. Jobs that were running when the app died become `interrupted`. */
  async init(): Promise<void> {
    if (this.initialized) return;
    this.initialized = true;
    let loaded: { entries: JobJournalEntry[]; problems: JournalProblem[] };
    try {
      loaded = await this.journal.readAll();
    } catch (err) {
      // Without the old journals Casekit still works: it just cannot show or resume earlier jobs.
      loaded = { entries: [], problems: [{ file: this.journal.dir, message: errorMessage(err) }] };
    }
    this.journalProblems = loaded.problems;
    for (const problem of loaded.problems) console.warn(`[casekit] ${problem.message}`);
    for (const record of loaded.entries) {
      if (this.jobs.has(record.id)) continue;
      const job: Job = { record, active: null };
      this.jobs.set(record.id, job);
      if (record.state === 'running' || record.state === 'queued') {
        record.progress = { ...record.progress, rate: 0, eta: null };
        await this.setState(job, 'interrupted', null).catch((err: unknown) => logLostWrite(job, err));
      }
    }
  }

  /** Journals the job, starts its runner in the background and returns at once. */
  async start(kind: JobKind, opts: StartJobOptions): Promise<JobSummary> {
    const runner = this.runners.get(kind);
    if (runner === undefined) throw noRunner(kind);
    if (this.closing !== null) throw shuttingDown();
    const stamp = this.now().toISOString();
    const record: JobJournalEntry = {
      id: datedRandomId('job', this.now()),
      kind,
      caseId: opts.caseId ?? null,
      params: toJsonValue(opts.params, `The parameters of the ${kind} job`),
      state: 'running',
      checkpoint: null,
      progress: { ...EMPTY_PROGRESS },
      error: null,
      createdAt: stamp,
      updatedAt: stamp,
    };
    await this.journal.write(record);
    const job: Job = { record, active: null };
    this.jobs.set(record.id, job);
    if (this.closing !== null) {
      // Shutdown began while the journal was written: keep the job for the next start instead of running it now.
      await this.setState(job, 'interrupted', null).catch((err: unknown) => logLostWrite(job, err));
      return toJobSummary(record);
    }
    this.emitChanged(job);
    this.launch(job, runner, null);
    return toJobSummary(record);
  }

  /** Newest first. */
  list(): JobSummary[] {
    return [...this.jobs.values()]
      .map((job) => toJobSummary(job.record))
      .sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1));
  }

  get(id: string): JobSummary {
    return toJobSummary(this.require(id).record);
  }

  /** The params a job was started with (a copy), as its runner receives them. */
  paramsOf(id: string): unknown {
    return structuredClone(this.require(id).record.params);
  }

  /** Stops a running job and resolves once its runner has settled; an interrupted job is simply marked cancelled. */
  async cancel(id: string): Promise<JobSummary> {
    const job = this.require(id);
    if (job.active !== null) {
      const { run, done } = job.active;
      run.stop('cancel');
      await done;
    } else if (job.record.state === 'interrupted') {
      await this.setState(job, 'cancelled', null);
    } else {
      throw jobFinished(id, job.record.state);
    }
    return toJobSummary(job.record);
  }

  /** Resolves with the summary once the job is no longer running. */
  async waitFor(id: string): Promise<JobSummary> {
    const job = this.require(id);
    if (job.active !== null) await job.active.done;
    return toJobSummary(job.record);
  }

  /** Restarts every interrupted job whose kind has a runner, handing it its last checkpoint. */
  async resumeInterrupted(): Promise<JobSummary[]> {
    if (this.closing !== null) return [];
    const resumed: JobSummary[] = [];
    const writes: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      const runner = this.runners.get(job.record.kind);
      if (job.active !== null || job.record.state !== 'interrupted' || runner === undefined) continue;
      job.record.state = 'running';
      job.record.error = null;
      job.record.updatedAt = this.now().toISOString();
      this.emitChanged(job);
      // Launched before the write is awaited so that `close` always sees it; journal writes keep their call order.
      writes.push(this.journal.write(job.record).catch((err: unknown) => logLostWrite(job, err)));
      this.launch(job, runner, job.record.checkpoint);
      resumed.push(toJobSummary(job.record));
    }
    await Promise.all(writes);
    return resumed;
  }

  /** Aborts running jobs and leaves them `interrupted`, so that the next start resumes them. */
  close(): Promise<void> {
    if (this.closing === null) {
      const active = [...this.jobs.values()].flatMap((job) => (job.active === null ? [] : [job.active]));
      for (const { run } of active) run.stop('shutdown');
      this.closing = Promise.all(active.map(({ done }) => done)).then(() => undefined);
    }
    return this.closing;
  }

  private launch(job: Job, runner: JobRunner, checkpoint: unknown): void {
    const run = new JobRun(job.record, runner, checkpoint, this.host);
    const done = run.settled.then(async ({ state, error }) => {
      await this.setState(job, state, error).catch((err: unknown) => logLostWrite(job, err));
      // Only now: `close`, `cancel` and `waitFor` wait on `done`, so they see the final state on disk too.
      job.active = null;
    });
    job.active = { run, done };
  }

  /** Journals the new state, then announces it (also when the write failed: the UI must not show a stale state). */
  private async setState(job: Job, state: JobState, error: ApiError | null): Promise<void> {
    job.record.state = state;
    job.record.error = error;
    job.record.updatedAt = this.now().toISOString();
    try {
      await this.journal.write(job.record);
    } finally {
      this.emitChanged(job);
    }
  }

  private require(id: string): Job {
    const job = this.jobs.get(id);
    if (job === undefined) throw jobNotFound(id);
    return job;
  }

  private emitChanged(job: Job): void {
    this.safeEmit({ event: 'jobChanged', payload: toJobSummary(job.record) });
  }

  /** A broken listener must not fail the job it hears about. */
  private safeEmit(msg: EventMessage): void {
    try {
      this.emitMessage(msg);
    } catch (err) {
      console.error(`[casekit] an event listener failed on ${msg.event}:`, err);
    }
  }
}

function logLostWrite(job: Job, err: unknown): void {
  console.error(
    `[casekit] could not record that job ${job.record.id} is ${job.record.state}: ${errorMessage(err)}. ` +
      'After a restart the job may show its previous state.',
  );
}

import type { ProgressUpdate } from './progress-update';

/** What a runner gets for one run of a job. */
export interface JobContext {
  jobId: string;
  /** The params given to `start`, as stored in the journal (a JSON copy). */
  params: unknown;
  /** The last `saveCheckpoint` data of an earlier run, or null on a fresh start. */
  checkpoint: unknown | null;
  /**
   * Aborted on cancel and on shutdown. A runner must stop soon after, by
   * returning or throwing: once it was aborted, the job ends `cancelled` or
   * `interrupted` whatever the runner does.
   */
  signal: AbortSignal;
  /** Cheap to call often: events are throttled. */
  progress(update: ProgressUpdate): void;
  /** Persists resume data; after a crash or shutdown the next run receives it as `checkpoint`. */
  saveCheckpoint(data: unknown): Promise<void>;
}

/**
 * Does the work of one job kind. Resolving means success; throwing a
 * CasekitError fails the job with that error, anything else fails it as INTERNAL.
 */
export type JobRunner = (ctx: JobContext) => Promise<void>;

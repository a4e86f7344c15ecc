import { z } from 'zod';

/** Long work (collect, redact, pack, ship) runs as a job; later issues add their kinds here. */
export const jobKindSchema = z.enum(['collect', 'redact', 'pack', 'ship']);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobIdSchema = z.string().regex(/^job-[a-z0-9-]{6,64}$/, 'Not a job id.');
export type JobId = z.infer<typeof jobIdSchema>;

/**
 * `interrupted`: the app stopped while the job ran; its journal lets it resume
 * from the last checkpoint instead of starting over.
 */
export const jobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobProgressSchema = z.object({
  jobId: jobIdSchema,
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().nullable(),
  itemsDone: z.number().int().nonnegative(),
  itemsTotal: z.number().int().nonnegative().nullable(),
  /** bytes per second, smoothed */
  rate: z.number().nonnegative(),
  /** seconds left, null when unknown */
  eta: z.number().nonnegative().nullable(),
  /** what it is doing now, untrusted text from servers possibly: rendered as text only */
  current: z.string().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSummarySchema = z.object({
  id: jobIdSchema,
  kind: jobKindSchema,
  caseId: z.string().nullable(),
  state: jobStateSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  progress: jobProgressSchema.omit({ jobId: true }),
  error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

/** Progress events are throttled to at most this many per second per job. */
export const PROGRESS_EVENTS_PER_SECOND = 4;

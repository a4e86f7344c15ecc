import type { ApiError, ErrorCode } from '../../../electron/shared/error-codes';
import { ERROR_CODES } from '../../../electron/shared/error-codes';
import type { JobProgress, JobState, JobSummary } from '../../../electron/shared/job-schemas';

/** What the screen knows of one job: the newest of its progress and state events. */
export type JobView = {
  jobId: string;
  state: JobState;
  progress: Omit<JobProgress, 'jobId'> | null;
  error: JobSummary['error'];
};

export const isActive = (state: JobState): boolean => state === 'queued' || state === 'running';

/** A job's error as ErrorNotice shows it; a code this version does not know reads as an internal error. */
export function jobApiError(error: NonNullable<JobSummary['error']>): ApiError {
  const code: ErrorCode = Object.hasOwn(ERROR_CODES, error.code) ? (error.code as ErrorCode) : 'INTERNAL';
  return { code, message: error.message, retryable: error.retryable };
}

export function viewOfSummary(summary: JobSummary): JobView {
  return { jobId: summary.id, state: summary.state, progress: summary.progress, error: summary.error };
}

export function withProgress(view: JobView, progress: JobProgress): JobView {
  // A late progress event must not turn a finished job back into a running one.
  const { jobId: _jobId, ...rest } = progress;
  return { ...view, progress: rest, state: view.state === 'queued' ? 'running' : view.state };
}

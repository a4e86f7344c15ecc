import type { ApiError } from '../../shared/error-codes';
import { CasekitError } from '../../shared/error-codes';
import type { JobKind, JobState } from '../../shared/job-schemas';
import { errorMessage } from '../common/error-text';

/** The error a failed job carries in its summary. */
export function jobFailure(err: unknown, kind: JobKind, id: string): ApiError {
  if (err instanceof CasekitError) return err.toApiError();
  // The stack helps whoever reads the log; the UI only ever gets the message.
  console.error(`[casekit] the ${kind} job ${id} failed:`, err);
  return {
    code: 'INTERNAL',
    message: `Unexpected error in the ${kind} job ${id}: ${errorMessage(err)}`,
    retryable: false,
  };
}

export function jobNotFound(id: string): CasekitError {
  return new CasekitError('JOB_NOT_FOUND', `No job with id ${id} is known to this Casekit. Refresh the job list.`);
}

export function jobFinished(id: string, state: JobState): CasekitError {
  return new CasekitError('JOB_FINISHED', `The job ${id} has already ended (${state}); there is nothing to cancel.`);
}

export function noRunner(kind: JobKind): CasekitError {
  return new CasekitError(
    'INTERNAL',
    `This Casekit cannot run ${kind} jobs: no runner is registered for them. This is a bug in Casekit; please report it.`,
  );
}

export function shuttingDown(): CasekitError {
  return new CasekitError(
    'CANCELLED',
    'The job was not started because Casekit is shutting down. Start it again once Casekit has restarted.',
  );
}

/** The abort reason a runner sees; a runner that rethrows it gives a sensible error. */
export function stopReasonError(reason: 'cancel' | 'shutdown'): CasekitError {
  return reason === 'cancel'
    ? new CasekitError('CANCELLED', 'The job was cancelled.')
    : new CasekitError('CANCELLED', 'Casekit is shutting down; the job will resume when Casekit starts again.');
}

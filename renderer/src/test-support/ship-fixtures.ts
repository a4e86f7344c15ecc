import type { JobState, JobSummary } from '../../../electron/shared/job-schemas';
import { caseRecord } from './fake-api';

export const CASE_ID = 'case-000001';
export const record = caseRecord({ id: CASE_ID, caseNumber: '00012345' });
export const SHIP_HASH = `#/cases/${CASE_ID}/ship`;

/** A jobChanged payload as the job manager sends it. */
export function jobSummary(
  id: string,
  kind: JobSummary['kind'],
  state: JobState,
  error: JobSummary['error'] = null,
): JobSummary {
  return {
    id,
    kind,
    caseId: CASE_ID,
    state,
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:01:00.000Z',
    progress: { bytesDone: 0, bytesTotal: null, itemsDone: 0, itemsTotal: null, rate: 0, eta: null, current: null },
    error,
  };
}

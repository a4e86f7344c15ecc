import { CasekitError } from '../../shared/error-codes';
import { jobProgressSchema } from '../../shared/job-schemas';
import type { ProgressCounters, ProgressReading } from './progress-throttle';

export type ProgressUpdate = Partial<ProgressCounters>;

/** Long server messages in `current` would bloat every event; the UI shows one line anyway. */
const MAX_CURRENT_LENGTH = 500;

const updateSchema = jobProgressSchema
  .pick({ bytesDone: true, bytesTotal: true, itemsDone: true, itemsTotal: true, current: true })
  .partial()
  .strict();

export const EMPTY_PROGRESS: ProgressReading = {
  bytesDone: 0,
  bytesTotal: null,
  itemsDone: 0,
  itemsTotal: null,
  rate: 0,
  eta: null,
  current: null,
};

/** Merges a runner's update into its counters; a bad value is a runner bug, reported as such. */
export function applyProgressUpdate(
  counters: ProgressCounters,
  update: ProgressUpdate,
  jobLabel: string,
): ProgressCounters {
  const parsed = updateSchema.safeParse(update);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'update'}: ${issue.message}`,
    );
    throw new CasekitError(
      'INTERNAL',
      `The ${jobLabel} reported impossible progress (${problems.join('; ')}). This is a bug in Casekit; please report it.`,
    );
  }
  const next = { ...counters };
  const { bytesDone, bytesTotal, itemsDone, itemsTotal, current } = parsed.data;
  if (bytesDone !== undefined) next.bytesDone = bytesDone;
  if (bytesTotal !== undefined) next.bytesTotal = bytesTotal;
  if (itemsDone !== undefined) next.itemsDone = itemsDone;
  if (itemsTotal !== undefined) next.itemsTotal = itemsTotal;
  if (current !== undefined) next.current = current === null ? null : current.slice(0, MAX_CURRENT_LENGTH);
  return next;
}

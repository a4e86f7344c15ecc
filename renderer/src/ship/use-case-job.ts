import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { JobKind, JobProgress, JobSummary } from '../../../electron/shared/job-schemas';
import type { Result } from '../../../electron/shared/result';
import { useApi } from '../app/api-context';
import { settle } from '../ui/safe-call';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { isActive, viewOfSummary, withProgress, type JobView } from './job-view';

type Seen = { summary?: JobSummary; progress?: JobProgress };

/**
 * The one job of `kind` this screen follows for a case. Events can arrive
 * before the start call answers (over the browser bridge they travel on a
 * different connection), so events of unknown jobs are kept until the answer
 * says which job is ours. A job still running when the screen opens (the user
 * left and came back) is picked up again.
 */
export function useCaseJob(caseId: string, kind: JobKind) {
  const api = useApi();
  const [job, setJob] = useState<JobView | null>(null);
  const followed = useRef<string | null>(null);
  const seen = useRef(new Map<string, Seen>());
  // Events of other jobs are kept only while a start call has not answered yet.
  const starting = useRef(false);

  const follow = useCallback((view: JobView): void => {
    followed.current = view.jobId;
    const early = seen.current.get(view.jobId);
    seen.current.clear();
    let next = early?.summary ? viewOfSummary(early.summary) : view;
    if (early?.progress && isActive(next.state)) next = withProgress(next, early.progress);
    setJob(next);
  }, []);

  useCasekitEvent('jobChanged', (summary) => {
    if (summary.kind !== kind || summary.caseId !== caseId) return;
    if (summary.id === followed.current) setJob(viewOfSummary(summary));
    else if (starting.current) seen.current.set(summary.id, { ...seen.current.get(summary.id), summary });
  });
  useCasekitEvent('jobProgress', (progress) => {
    if (progress.jobId === followed.current) {
      setJob((current) => (current === null || !isActive(current.state) ? current : withProgress(current, progress)));
    } else if (starting.current) {
      seen.current.set(progress.jobId, { ...seen.current.get(progress.jobId), progress });
    }
  });

  useEffect(() => {
    let live = true;
    void settle(() => api.listJobs({})).then((result) => {
      if (!live || !result.ok || followed.current !== null) return;
      const running = result.data
        .filter((summary) => summary.kind === kind && summary.caseId === caseId && isActive(summary.state))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      if (running !== undefined) follow(viewOfSummary(running));
    });
    return () => {
      live = false;
    };
  }, [api, caseId, kind, follow]);

  /** Starts a job through `call`; its error (refused before it began) is returned, not followed. */
  const start = useCallback(
    async (call: () => Promise<Result<{ jobId: string }>>): Promise<ApiError | null> => {
      followed.current = null;
      seen.current.clear();
      starting.current = true;
      const result = await settle(call);
      starting.current = false;
      if (!result.ok) {
        seen.current.clear();
        return result.error;
      }
      follow({ jobId: result.data.jobId, state: 'queued', progress: null, error: null });
      return null;
    },
    [follow],
  );

  const cancel = useCallback(async (): Promise<ApiError | null> => {
    const jobId = followed.current;
    if (jobId === null) return null;
    const result = await settle(() => api.cancelJob({ jobId }));
    if (result.ok) {
      setJob((current) => (current?.jobId === jobId ? viewOfSummary(result.data) : current));
      return null;
    }
    // It ended on its own meanwhile: its jobChanged event says how.
    return result.error.code === 'JOB_FINISHED' ? null : result.error;
  }, [api]);

  const forget = useCallback((): void => {
    followed.current = null;
    setJob(null);
  }, []);

  return { job, start, cancel, forget };
}

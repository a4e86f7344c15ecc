import { useRef, type ReactNode } from 'react';
import { ErrorNotice } from '../ui/error-notice';
import { useFocusOnChange } from './focus-on-change';
import { jobApiError, type JobView } from './job-view';

type Props = {
  view: JobView;
  succeeded: string;
  /** Cancelled or interrupted: for a shipment that is a pause. */
  stopped: string;
  failed: string;
  /** Buttons that go with the outcome (Resume, Retry). */
  children?: ReactNode;
};

/**
 * How a job ended, in words, with the error's code translated and its message
 * as detail. Focus lands here when the job ends, so the outcome is read and the
 * next action is one Tab away.
 */
export function JobOutcome({ view, succeeded, stopped, failed, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const ended = view.state === 'queued' || view.state === 'running' ? null : `${view.jobId}:${view.state}`;
  useFocusOnChange(box, ended);
  if (ended === null) return null;
  return (
    <div ref={box} tabIndex={-1} className="job-outcome">
      {view.state === 'succeeded' && (
        <div className="notice notice-success">
          <p>{succeeded}</p>
          {children}
        </div>
      )}
      {(view.state === 'cancelled' || view.state === 'interrupted') && (
        <div className="notice notice-info">
          <p>{stopped}</p>
          {children}
        </div>
      )}
      {view.state === 'failed' && (
        <ErrorNotice
          error={view.error === null ? { code: 'INTERNAL', message: '', retryable: false } : jobApiError(view.error)}
          context={failed}
          live
        >
          {children}
        </ErrorNotice>
      )}
    </div>
  );
}

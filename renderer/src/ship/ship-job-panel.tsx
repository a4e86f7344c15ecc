import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { JobOutcome } from './job-outcome';
import { JobProgress } from './job-progress';
import { isActive, type JobView } from './job-view';

type Props = {
  view: JobView;
  /** Null when this screen does not know what the job was started with (it was picked up running). */
  onResume: (() => void) | null;
  onPause: () => void;
  pausing: boolean;
  pauseRef: Ref<HTMLButtonElement>;
};

/**
 * A shipment under way: per-part progress and Pause; when it stopped, Resume
 * (the same shipment again, which skips what already arrived); when it failed,
 * the reason and Retry.
 */
export function ShipJobPanel({ view, onResume, onPause, pausing, pauseRef }: Props) {
  const { t } = useTranslation();
  const active = isActive(view.state);

  return (
    <div className="job" aria-busy={active}>
      {active && (
        <>
          <JobProgress
            view={view}
            label={t('ship.send.sending')}
            itemsLabel={t('ship.send.partsSent')}
            currentLabel={t('ship.send.currentPart')}
          />
          <div className="actions">
            <button ref={pauseRef} type="button" onClick={onPause} disabled={pausing}>
              {pausing ? t('ship.send.pausing') : t('ship.send.pause')}
            </button>
            <span className="muted">{t('ship.send.pauseHint')}</span>
          </div>
        </>
      )}
      <JobOutcome
        view={view}
        succeeded={t('ship.send.done')}
        stopped={onResume === null ? t('ship.send.pausedUnknown') : t('ship.send.paused')}
        failed={t('ship.send.failed')}
      >
        {onResume !== null && view.state !== 'succeeded' && (
          <div className="actions">
            <button type="button" className="primary" onClick={onResume}>
              {view.state === 'failed' ? t('ship.send.retry') : t('ship.send.resume')}
            </button>
          </div>
        )}
      </JobOutcome>
    </div>
  );
}

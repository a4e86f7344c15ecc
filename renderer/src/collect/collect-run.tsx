import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { JobOutcome } from '../ship/job-outcome';
import { JobProgress } from '../ship/job-progress';
import { isActive, type JobView } from '../ship/job-view';
import type { Collection } from './collect-types';
import { CollectionView } from './collection-view';
import type { LiveItems } from './use-collection';

type Props = {
  job: JobView | null;
  collection: Collection | null;
  live: LiveItems;
  dir: string;
  names: ReadonlyMap<string, string>;
  onCancel: () => void;
  cancelling: boolean;
  cancelRef: Ref<HTMLButtonElement>;
  /** Null when nothing failed, or this screen cannot tell what to run again. */
  onRetry: (() => void) | null;
};

/** The collection under way or as it ended: overall progress and Cancel, then per host and item, and Retry. */
export function CollectRun({ job, collection, live, dir, names, onCancel, cancelling, cancelRef, onRetry }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const active = job !== null && isActive(job.state);
  if (job === null && collection === null) return null;
  const failed = collection?.items.filter((item) => item.status === 'failed').length ?? 0;
  const failedHosts = collection?.hosts.filter((host) => host.status === 'failed').length ?? 0;
  const retry =
    onRetry !== null && !active && (failed > 0 || failedHosts > 0) ? (
      <div className="actions">
        <button type="button" className="primary" onClick={onRetry}>
          {t('collect.run.retry')}
        </button>
        <span className="muted">{t('collect.run.retryHint')}</span>
      </div>
    ) : null;

  return (
    <section className="collect-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('collect.run.title')}</h3>
      {job !== null && (
        <div className="job" aria-busy={active}>
          {active && (
            <>
              <JobProgress
                view={job}
                label={t('collect.run.collecting')}
                itemsLabel={t('collect.run.itemsDone')}
                currentLabel={t('collect.run.current')}
              />
              <div className="actions">
                <button ref={cancelRef} type="button" onClick={onCancel} disabled={cancelling}>
                  {cancelling ? t('collect.run.cancelling') : t('collect.run.cancel')}
                </button>
                <span className="muted">{t('collect.run.cancelHint')}</span>
              </div>
            </>
          )}
          <JobOutcome
            view={job}
            succeeded={t('collect.run.done')}
            stopped={t('collect.run.stopped')}
            failed={t('collect.run.failed')}
          >
            {retry}
          </JobOutcome>
        </div>
      )}
      {job === null && retry}
      {collection !== null && <CollectionView collection={collection} live={live} names={names} dir={dir} />}
    </section>
  );
}

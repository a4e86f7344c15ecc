import { useTranslation } from 'react-i18next';
import type { JobView } from './job-view';
import { useFormatSize } from './use-format-size';
import { useThrottled } from './use-throttled';

type Props = {
  view: JobView;
  /** Names the progress bar: "Packing" or "Sending". */
  label: string;
  /** What the items are: files being packed, parts being sent. */
  itemsLabel: string;
  currentLabel: string;
};

// Often enough to follow a transfer by ear, seldom enough to let the user do something else.
const SPEAK_EVERY_MS = 10_000;

/**
 * Bytes, items, rate, time left and what is being worked on now. The figures
 * update with every event; the live region repeats them at most every few
 * seconds. `current` may be a server's text: rendered as text only.
 */
export function JobProgress({ view, label, itemsLabel, currentLabel }: Props) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const progress = view.progress;
  const total = progress?.bytesTotal ?? null;
  const percent =
    progress !== null && total !== null && total > 0 ? Math.floor((progress.bytesDone / total) * 100) : null;
  const bytesText =
    progress === null
      ? null
      : total === null
        ? format.bytes(progress.bytesDone)
        : t('ship.progress.bytesOf', { done: format.bytes(progress.bytesDone), total: format.bytes(total) });
  const itemsText =
    progress === null
      ? null
      : progress.itemsTotal === null
        ? String(progress.itemsDone)
        : t('ship.progress.itemsOf', { done: progress.itemsDone, total: progress.itemsTotal });
  const etaText =
    progress?.eta === null || progress === null ? t('ship.progress.etaUnknown') : format.duration(progress.eta);
  const spoken =
    progress === null
      ? t('ship.progress.starting', { label })
      : t('ship.progress.spoken', {
          label,
          percent: percent === null ? bytesText : t('ship.progress.percent', { percent }),
          items: itemsText,
          itemsLabel,
          eta: etaText,
        });
  const announced = useThrottled(spoken, SPEAK_EVERY_MS, view.state);

  return (
    <div className="job-progress">
      <progress aria-label={label} value={percent ?? undefined} max={100}>
        {percent === null ? null : t('ship.progress.percent', { percent })}
      </progress>
      {progress === null ? (
        <p className="muted">{t('ship.progress.starting', { label })}</p>
      ) : (
        <dl className="facts job-facts">
          <div>
            <dt>{itemsLabel}</dt>
            <dd>{itemsText}</dd>
          </div>
          <div>
            <dt>{t('ship.progress.bytes')}</dt>
            <dd>{bytesText}</dd>
          </div>
          <div>
            <dt>{t('ship.progress.rate')}</dt>
            <dd>{format.rate(progress.rate)}</dd>
          </div>
          <div>
            <dt>{t('ship.progress.eta')}</dt>
            <dd>{etaText}</dd>
          </div>
          {progress.current !== null && (
            <div className="job-current-fact">
              <dt>{currentLabel}</dt>
              <dd className="job-current">{progress.current}</dd>
            </div>
          )}
        </dl>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}

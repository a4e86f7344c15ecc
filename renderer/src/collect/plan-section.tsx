import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { ErrorNotice } from '../ui/error-notice';
import type { PlanState } from './use-plan';
import { PlanView } from './plan-view';
import { selectionTotals, type Selection } from './plan-selection';

type Props = {
  state: PlanState;
  selection: Selection;
  onSelection: (selection: Selection) => void;
  names: ReadonlyMap<string, string>;
  /** Why Plan cannot run yet (no server chosen), already translated; null when it can. */
  blocked: string | null;
  onPlan: () => void;
  onCollect: () => void;
  startError: ApiError | null;
  /** A collection runs: nothing here may change. */
  busy: boolean;
  planRef: RefObject<HTMLDivElement | null>;
};

/** Plan first, then Collect: the plan is what the user trims and consents to. */
export function PlanSection(props: Props) {
  const { state, selection, onSelection, names, blocked, onPlan, onCollect, startError, busy, planRef } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const ready = state.status === 'ready' ? state : null;
  const totals =
    ready === null ? null : selectionTotals(ready.plan.collection, selection, ready.plan.totals.localFreeBytes);
  const collectHint =
    totals === null
      ? null
      : totals.items === 0
        ? t('collect.plan.nothing')
        : totals.fits
          ? null
          : t('collect.plan.doesNotFit');

  return (
    <section className="collect-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('collect.plan.title')}</h3>
      <p className="muted">{t('collect.plan.intro')}</p>
      <div className="actions">
        <button
          type="button"
          onClick={onPlan}
          disabled={busy || state.status === 'planning'}
          aria-describedby={blocked === null ? undefined : hintId}
        >
          {state.status === 'planning' ? t('collect.plan.planning') : t('collect.plan.plan')}
        </button>
        {blocked !== null && (
          <span id={hintId} className="field-error">
            {blocked}
          </span>
        )}
      </div>
      {state.status === 'planning' && (
        <p aria-busy="true" className="muted">
          {t('collect.plan.planningHint')}
        </p>
      )}
      {state.status === 'failed' && <ErrorNotice error={state.error} context={t('collect.plan.failed')} live />}
      {ready !== null && (
        <div ref={planRef} tabIndex={-1} role="group" aria-label={t('collect.plan.label')}>
          <PlanView plan={ready.plan} selection={selection} onSelection={onSelection} names={names} disabled={busy} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || collectHint !== null}
              aria-describedby={collectHint === null ? undefined : `${hintId}-collect`}
              onClick={onCollect}
            >
              {t('collect.plan.collectNow')}
            </button>
            {collectHint !== null && !busy && (
              <span id={`${hintId}-collect`} className="muted">
                {collectHint}
              </span>
            )}
          </div>
        </div>
      )}
      {startError !== null && <ErrorNotice error={startError} context={t('collect.run.startFailed')} live />}
    </section>
  );
}

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteFocus } from '../app/route-context';
import { StepPager } from './step-pager';
import { STEP_IDS, type StepId } from './steps';

/**
 * What a step will do, clearly marked as not built: during an outage nobody
 * should mistake an empty page for work that was done.
 */
export function StepPage({ caseId, step }: { caseId: string; step: StepId }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  const index = STEP_IDS.indexOf(step);

  return (
    <section className="step-page" aria-labelledby="step-heading">
      <p className="eyebrow">{t('steps.position', { number: index + 1, total: STEP_IDS.length })}</p>
      <h2 id="step-heading" ref={heading} tabIndex={-1}>
        {t(`steps.${step}.title`)}
      </h2>
      <p>
        <span className="badge badge-not-built">{t('steps.notBuilt')}</span>
      </p>
      <p className="step-description">{t(`steps.${step}.description`)}</p>
      <p className="muted">{t('steps.notBuiltBody')}</p>
      <StepPager caseId={caseId} step={step} />
    </section>
  );
}

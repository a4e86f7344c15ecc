import { useTranslation } from 'react-i18next';
import { StepPager } from './step-pager';
import { StepHeading } from './step-heading';
import type { StepId } from './steps';

/**
 * What a step will do, clearly marked as not built: during an outage nobody
 * should mistake an empty page for work that was done.
 */
export function StepPage({ caseId, step }: { caseId: string; step: StepId }) {
  const { t } = useTranslation();

  return (
    <section className="step-page" aria-labelledby="step-heading">
      <StepHeading step={step} />
      <p>
        <span className="badge badge-not-built">{t('steps.notBuilt')}</span>
      </p>
      <p className="step-description">{t(`steps.${step}.description`)}</p>
      <p className="muted">{t('steps.notBuiltBody')}</p>
      <StepPager caseId={caseId} step={step} />
    </section>
  );
}

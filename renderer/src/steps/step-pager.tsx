import { useTranslation } from 'react-i18next';
import { stepHref } from '../app/routes';
import { STEP_IDS, type StepId } from './steps';

/** Links to the step before and after this one. */
export function StepPager({ caseId, step }: { caseId: string; step: StepId }) {
  const { t } = useTranslation();
  const index = STEP_IDS.indexOf(step);
  const previous = STEP_IDS[index - 1];
  const next = STEP_IDS[index + 1];
  return (
    <div className="step-pager">
      {previous !== undefined && (
        <a href={stepHref(caseId, previous)}>{t('steps.previous', { title: t(`steps.${previous}.title`) })}</a>
      )}
      {next !== undefined && (
        <a href={stepHref(caseId, next)} className="pager-next">
          {t('steps.next', { title: t(`steps.${next}.title`) })}
        </a>
      )}
    </div>
  );
}

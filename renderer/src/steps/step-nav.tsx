import { useTranslation } from 'react-i18next';
import { stepHref } from '../app/routes';
import { BUILT_STEPS, STEP_IDS, type StepId } from './steps';

export function StepNav({ caseId, active }: { caseId: string; active: StepId | null }) {
  const { t } = useTranslation();
  return (
    <nav className="step-nav" aria-label={t('steps.navLabel')}>
      <ol>
        {STEP_IDS.map((step, index) => (
          <li key={step}>
            <a href={stepHref(caseId, step)} aria-current={step === active ? 'page' : undefined}>
              {/* The ordered list already tells screen readers the position. */}
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>{t(`steps.${step}.title`)}</span>
              {!BUILT_STEPS.has(step) && (
                <>
                  {' '}
                  <span className="step-soon">{t('steps.soon')}</span>
                </>
              )}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteFocus } from '../app/route-context';
import { STEP_IDS, type StepId } from './steps';

/**
 * A step's "Step N of M" and its title, which takes the focus when the step
 * is navigated to (screen readers then announce where the user is). The
 * section around it is labelled by `step-heading`.
 */
export function StepHeading({ step }: { step: StepId }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  return (
    <>
      <p className="eyebrow">{t('steps.position', { number: STEP_IDS.indexOf(step) + 1, total: STEP_IDS.length })}</p>
      <h2 id="step-heading" ref={heading} tabIndex={-1}>
        {t(`steps.${step}.title`)}
      </h2>
    </>
  );
}

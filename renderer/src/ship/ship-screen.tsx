import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { StepPager } from '../steps/step-pager';
import { StepHeading } from '../steps/step-heading';
import { BundleSection } from './bundle-section';
import { ReceiptsSection } from './receipts-section';
import { SendSection } from './send-section';

const STEP = 'ship';

/** Step 6: pack the redacted files into parts, send them by one channel or another, and keep the receipts. */
export function ShipScreen({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const sendHeading = useRef<HTMLHeadingElement>(null);
  const [bundleDir, setBundleDir] = useState<string | null>(null);

  const choose = (dir: string): void => {
    setBundleDir(dir);
    // The next thing to do is below: take the user there.
    sendHeading.current?.focus();
  };

  return (
    <section className="step-page ship-screen" aria-labelledby="step-heading">
      <StepHeading step={STEP} />
      <p className="step-description">{t('ship.intro')}</p>
      {record.caseNumber === null && (
        <div className="notice notice-warning">
          <p>{t('ship.noCaseNumber')}</p>
        </div>
      )}
      <BundleSection caseId={record.id} chosen={bundleDir} onChoose={choose} />
      <SendSection caseId={record.id} bundleDir={bundleDir} headingRef={sendHeading} />
      <ReceiptsSection caseId={record.id} />
      <StepPager caseId={record.id} step={STEP} />
    </section>
  );
}

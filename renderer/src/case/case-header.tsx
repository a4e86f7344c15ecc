import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { useRouteFocus } from '../app/route-context';
import { useDocumentTitle } from '../ui/use-document-title';

function FocusingHeading({ title }: { title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {title}
    </h1>
  );
}

/** On step pages the step heading takes focus, so only the overview focuses the case title. */
export function CaseHeader({ record, focusOnNavigation }: { record: CaseRecord; focusOnNavigation: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(record.title);
  return (
    <header className="case-header">
      {focusOnNavigation ? <FocusingHeading title={record.title} /> : <h1>{record.title}</h1>}
      <p className="case-header-meta">
        <span className={record.caseNumber === null ? 'muted' : undefined}>
          {record.caseNumber === null ? t('case.noCaseNumber') : t('list.caseNumber', { number: record.caseNumber })}
        </span>
        <span>{t('list.vendor', { vendor: t(`vendor.${record.vendor}`) })}</span>
      </p>
    </header>
  );
}

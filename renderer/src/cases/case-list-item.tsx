import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../electron/shared/case-schemas';
import { caseHref } from '../app/routes';
import { useFormatDate } from '../ui/use-format-date';

export function CaseListItem({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className="case-item">
      <a className="case-item-title" href={caseHref(summary.id)}>
        {summary.title}
      </a>
      <p className="case-item-meta">
        <span className={summary.caseNumber === null ? 'muted' : undefined}>
          {summary.caseNumber === null ? t('list.noCaseNumber') : t('list.caseNumber', { number: summary.caseNumber })}
        </span>
        <span>{t('list.vendor', { vendor: t(`vendor.${summary.vendor}`) })}</span>
        <time dateTime={summary.updatedAt}>{t('list.updated', { time: formatDate(summary.updatedAt) })}</time>
      </p>
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { useFormatDate } from '../ui/use-format-date';

export function CaseFacts({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <dl className="facts">
      <div>
        <dt>{t('case.caseNumber')}</dt>
        <dd className={record.caseNumber === null ? 'muted' : undefined}>
          {record.caseNumber ?? t('case.noCaseNumber')}
        </dd>
      </div>
      <div>
        <dt>{t('case.vendor')}</dt>
        <dd>{t(`vendor.${record.vendor}`)}</dd>
      </div>
      <div>
        <dt>{t('case.created')}</dt>
        <dd>
          <time dateTime={record.createdAt}>{formatDate(record.createdAt)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('case.updated')}</dt>
        <dd>
          <time dateTime={record.updatedAt}>{formatDate(record.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}

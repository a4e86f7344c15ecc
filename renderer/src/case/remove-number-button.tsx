import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { settle } from '../ui/safe-call';

/** No confirmation: the number is easy to type again, and nothing else is lost. */
export function RemoveNumberButton({
  record,
  onRemoved,
}: {
  record: CaseRecord;
  onRemoved: (next: CaseRecord) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);

  const onClick = async (): Promise<void> => {
    setBusy(true);
    const result = await settle(() => api.setCaseNumber({ id: record.id, caseNumber: null }));
    setBusy(false);
    if (result.ok) onRemoved(result.data);
    else announce(`${t('case.removeNumberFailed')} ${t(`errors.${result.error.code}`)}`, 'error');
  };

  return (
    <button type="button" onClick={() => void onClick()} disabled={busy}>
      {t('case.removeNumber')}
    </button>
  );
}

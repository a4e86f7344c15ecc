import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { useApi } from '../app/api-context';
import { ConfirmDeleteDialog } from '../ui/confirm-delete-dialog';

type Props = {
  record: CaseRecord;
  onCancel: () => void;
  onBusy: (busy: boolean) => void;
  onDeleted: () => void;
};

export function DeleteCaseDialog({ record, onCancel, onBusy, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ConfirmDeleteDialog
      title={t('deleteDialog.title', { title: record.title })}
      body={
        <>
          <p>{t('deleteDialog.body')}</p>
          <p>
            <strong>{t('deleteDialog.irreversible')}</strong>
          </p>
        </>
      }
      confirmLabel={t('deleteDialog.confirm')}
      busyLabel={t('deleteDialog.deleting')}
      run={() => api.deleteCase({ id: record.id })}
      onCancel={onCancel}
      onDone={onDeleted}
      onBusy={onBusy}
    />
  );
}

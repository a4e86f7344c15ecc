import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';

type Props = {
  record: CaseRecord;
  onCancel: () => void;
  onBusy: (busy: boolean) => void;
  onDeleted: () => void;
};

/** Mounted only while asked; Cancel has focus so that a stray Enter keeps the case. */
export function DeleteCaseDialog({ record, onCancel, onBusy, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
    cancel.current?.focus();
  }, []);

  // Cancel was disabled while the delete ran, which dropped focus; give it back.
  useEffect(() => {
    if (error !== null) cancel.current?.focus();
  }, [error]);

  const onConfirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    onBusy(true);
    const result = await settle(() => api.deleteCase({ id: record.id }));
    onBusy(false);
    setBusy(false);
    if (result.ok) onDeleted();
    else setError(result.error);
  };

  // Escape fires "cancel"; while the delete runs the dialog must stay put.
  const onNativeCancel = (event: SyntheticEvent<HTMLDialogElement>): void => {
    if (busy) event.preventDefault();
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={onNativeCancel}
      onClose={onCancel}
    >
      <h2 id={titleId}>{t('deleteDialog.title', { title: record.title })}</h2>
      <div id={bodyId}>
        <p>{t('deleteDialog.body')}</p>
        <p>
          <strong>{t('deleteDialog.irreversible')}</strong>
        </p>
      </div>
      {error !== null && <ErrorNotice error={error} live />}
      <div className="actions">
        <button ref={cancel} type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void onConfirm()} disabled={busy}>
          {busy ? t('deleteDialog.deleting') : t('deleteDialog.confirm')}
        </button>
      </div>
    </dialog>
  );
}

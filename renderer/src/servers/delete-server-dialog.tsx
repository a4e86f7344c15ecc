import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { serverName } from './server-item';

type Props = {
  scope: ServerScope;
  server: ServerRecord;
  onCancel: () => void;
  onDeleted: () => void;
};

/** Mounted only while asked; Cancel has focus so that a stray Enter keeps the server. */
export function DeleteServerDialog({ scope, server, onCancel, onDeleted }: Props) {
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

  const onConfirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await settle(() => api.deleteServer({ scope, id: server.id }));
    setBusy(false);
    if (result.ok) onDeleted();
    else {
      setError(result.error);
      cancel.current?.focus();
    }
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
      <h2 id={titleId}>{t('servers.deleteDialog.title', { name: serverName(server) })}</h2>
      <p id={bodyId}>{t('servers.deleteDialog.body')}</p>
      {error !== null && <ErrorNotice error={error} live />}
      <div className="actions">
        <button ref={cancel} type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void onConfirm()} disabled={busy}>
          {t('servers.deleteDialog.confirm')}
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { Result } from '../../../electron/shared/result';
import { ErrorNotice } from './error-notice';
import { settle } from './safe-call';

type Props = {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  /** The deletion itself; its error is shown in the dialog, which stays open. */
  run: () => Promise<Result<unknown>>;
  onCancel: () => void;
  onDone: () => void;
  onBusy?: (busy: boolean) => void;
};

/**
 * A modal confirmation for something that cannot be undone. Mounted only while
 * asked; Cancel has focus so that a stray Enter keeps what would be deleted.
 */
export function ConfirmDeleteDialog({ title, body, confirmLabel, busyLabel, run, onCancel, onDone, onBusy }: Props) {
  const { t } = useTranslation();
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

  // Cancel was disabled while the deletion ran, which dropped focus; give it back.
  useEffect(() => {
    if (error !== null) cancel.current?.focus();
  }, [error]);

  const onConfirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    onBusy?.(true);
    const result = await settle(run);
    onBusy?.(false);
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  // Escape fires "cancel"; while the deletion runs the dialog must stay put.
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
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{body}</div>
      {error !== null && <ErrorNotice error={error} live />}
      <div className="actions">
        <button ref={cancel} type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void onConfirm()} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

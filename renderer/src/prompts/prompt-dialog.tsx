import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { PromptAnswer, PromptRequest } from '../../../electron/shared/prompt-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { CertificatePrompt } from './certificate-prompt';
import { HostKeyPrompt } from './host-key-prompt';
import { KeyboardInteractivePrompt } from './keyboard-interactive-prompt';
import { SecretPrompt } from './secret-prompt';

/** What each kind of prompt renders inside the dialog; `answer` sends, `cancel` declines. */
export type PromptBodyProps<R> = {
  request: R;
  titleId: string;
  busy: boolean;
  answer: (answer: PromptAnswer) => void;
  cancel: () => void;
};

/**
 * The modal shell shared by every prompt: sends the answer, closes on success,
 * and treats Escape as "cancel", which the back end takes as "no". Focus goes
 * back where it was when the dialog closes.
 */
export function PromptDialog({ request, onDone }: { request: PromptRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const element = dialog.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element !== null && !element.open) element.showModal();
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (element?.open) element.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  const send = async (answer: PromptAnswer): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await settle(() => api.answerPrompt({ id: request.id, answer }));
    setBusy(false);
    if (result.ok) return onDone();
    // Answered elsewhere, timed out, or the operation ended: the question is gone, so is the dialog.
    if (result.error.code === 'NOT_FOUND') {
      announce(t('prompts.gone'), 'error');
      return onDone();
    }
    setError(result.error);
  };
  const cancel = (): void => void send({ kind: 'cancel' });

  // Escape: the browser would close the dialog by itself; we answer "cancel" and let the answer close it.
  const onNativeCancel = (event: SyntheticEvent<HTMLDialogElement>): void => {
    event.preventDefault();
    cancel();
  };

  const props = { titleId, busy, answer: (answer: PromptAnswer) => void send(answer), cancel };
  let body: ReactNode;
  switch (request.kind) {
    case 'hostKey':
      body = <HostKeyPrompt {...props} request={request} />;
      break;
    case 'secret':
      body = <SecretPrompt {...props} request={request} />;
      break;
    case 'keyboardInteractive':
      body = <KeyboardInteractivePrompt {...props} request={request} />;
      break;
    case 'certificate':
      body = <CertificatePrompt {...props} request={request} />;
      break;
  }

  return (
    <dialog ref={dialog} className="dialog prompt-dialog" aria-labelledby={titleId} onCancel={onNativeCancel}>
      {body}
      {error !== null && <ErrorNotice error={error} context={t('prompts.answerFailed')} live />}
    </dialog>
  );
}

/** A prompt's form: Enter submits, nothing is posted anywhere (our CSP forbids form actions anyway). */
export function PromptForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  const handle = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="form" noValidate onSubmit={handle}>
      {children}
    </form>
  );
}

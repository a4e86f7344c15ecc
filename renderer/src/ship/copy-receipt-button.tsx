import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { afterRender } from './focus-on-change';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard === undefined) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Denied, no focus, or not a secure context: the text box below lets the user copy it.
    return false;
  }
}

/**
 * The receipt as plain text for the portal or a reply. Where the clipboard
 * cannot be written, the text is shown selected in a read-only box instead.
 */
export function CopyReceiptButton({ caseId, index }: { caseId: string; index: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const boxId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const copy = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await settle(() => api.getReceiptText({ caseId, index }));
    if (!result.ok) {
      setBusy(false);
      return setError(result.error);
    }
    const copied = await writeClipboard(result.data.text);
    setBusy(false);
    if (copied) {
      setFallback(null);
      return announce(t('ship.receipts.copied'));
    }
    setFallback(result.data.text);
    afterRender(() => {
      box.current?.focus();
      box.current?.select();
    });
  };

  return (
    <div className="copy-receipt">
      <div className="actions">
        <button type="button" onClick={() => void copy()} disabled={busy}>
          {t('ship.receipts.copy')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} context={t('ship.receipts.copyFailed')} live />}
      {fallback !== null && (
        <div className="field">
          <label htmlFor={boxId}>{t('ship.receipts.textLabel')}</label>
          <p id={`${boxId}-hint`} className="field-hint">
            {t('ship.receipts.textHint')}
          </p>
          <textarea
            id={boxId}
            ref={box}
            readOnly
            rows={12}
            value={fallback}
            spellCheck={false}
            aria-describedby={`${boxId}-hint`}
          />
        </div>
      )}
    </div>
  );
}

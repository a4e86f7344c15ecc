import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { caseHref } from '../app/routes';
import { useAnnounce } from '../app/status-context';
import { navigate } from '../app/use-hash-route';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextField } from '../ui/text-field';
import { parseCaseNumber, titleError, type CaseNumberError, type TitleError } from './case-validation';

export const NEW_CASE_FORM_ID = 'new-case-form';

export function NewCaseForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [title, setTitle] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [errors, setErrors] = useState<{ title: TitleError | null; caseNumber: CaseNumberError | null }>({
    title: null,
    caseNumber: null,
  });
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const numberInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const number = parseCaseNumber(caseNumber);
    const next = { title: titleError(title), caseNumber: number.ok ? null : number.error };
    setErrors(next);
    setServerError(null);
    if (next.title !== null) return titleInput.current?.focus();
    if (!number.ok) return numberInput.current?.focus();

    setBusy(true);
    const result = await settle(() =>
      api.createCase({ title: title.trim(), caseNumber: number.value, vendor: 'zimbra' }),
    );
    setBusy(false);
    if (!result.ok) return setServerError(result.error);
    announce(t('newCase.created', { title: result.data.title }));
    navigate(caseHref(result.data.id));
  };

  return (
    <form
      id={NEW_CASE_FORM_ID}
      className="card form"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-labelledby="new-case-heading"
    >
      <h2 id="new-case-heading">{t('newCase.heading')}</h2>
      <TextField
        ref={titleInput}
        label={t('newCase.title')}
        hint={t('newCase.titleHint')}
        error={errors.title && t(errors.title)}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        required
        autoFocus
      />
      <TextField
        ref={numberInput}
        label={t('newCase.caseNumber')}
        hint={t('newCase.caseNumberHint')}
        error={errors.caseNumber && t(errors.caseNumber)}
        value={caseNumber}
        onChange={(event) => setCaseNumber(event.target.value)}
        onBlur={() => {
          // Only clear on blur: an error appearing here would shift the layout under a
          // pointer on its way to "Create case" and swallow that click. Submit shows errors.
          if (parseCaseNumber(caseNumber).ok) setErrors((previous) => ({ ...previous, caseNumber: null }));
        }}
        numeric
      />
      <p className="field">{t('newCase.vendor', { vendor: t('vendor.zimbra') })}</p>
      {serverError !== null && <ErrorNotice error={serverError} live />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('newCase.submitting') : t('newCase.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

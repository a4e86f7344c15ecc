import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { Result } from '../../../electron/shared/result';
import { ErrorNotice } from './error-notice';
import { settle } from './safe-call';
import { TextField } from './text-field';

type Props<T> = {
  label: string;
  hint?: string;
  initialValue: string;
  submitLabel: string;
  /** Returns a translated message, or null when the value may be sent. */
  validate: (value: string) => string | null;
  save: (value: string) => Promise<Result<T>>;
  onSaved: (data: T) => void;
  onCancel: () => void;
  numeric?: boolean;
};

/** One field edited in place: Enter saves, Escape or Cancel leaves it unchanged. */
export function InlineEditForm<T>({
  label,
  hint,
  initialValue,
  submitLabel,
  validate,
  save,
  onSaved,
  onCancel,
  numeric,
}: Props<T>) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const problem = validate(value);
    setError(problem);
    setServerError(null);
    if (problem !== null) return;
    setBusy(true);
    const result = await settle(() => save(value));
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else setServerError(result.error);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="card form inline-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <TextField
        label={label}
        hint={hint}
        error={error}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        numeric={numeric}
        autoFocus
      />
      {serverError !== null && <ErrorNotice error={serverError} live />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

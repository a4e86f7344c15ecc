import { useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { CheckboxField } from '../ui/checkbox-field';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import {
  SERVER_FIELDS,
  formValuesOf,
  parseServerForm,
  type ServerField,
  type ServerFieldError,
  type ServerFormErrors,
  type ServerFormValues,
} from './server-form-values';

type Props = {
  scope: ServerScope;
  /** null adds a new server. */
  record: ServerRecord | null;
  onSaved: (record: ServerRecord) => void;
  onCancel: () => void;
};

type FieldElement = HTMLInputElement | HTMLTextAreaElement;

/** Add or edit one server. Escape or Cancel leaves everything as it was. */
export function ServerForm({ scope, record, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const headingId = useId();
  const [values, setValues] = useState<ServerFormValues>(() => formValuesOf(record));
  const [errors, setErrors] = useState<ServerFormErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const labelRef = useRef<HTMLInputElement>(null);
  const hostRef = useRef<HTMLInputElement>(null);
  const portRef = useRef<HTMLInputElement>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const identityFileRef = useRef<HTMLInputElement>(null);
  const jumpRef = useRef<HTMLTextAreaElement>(null);
  // Read only in the submit handler, to move focus to the first field with a problem.
  const elementOf = (field: ServerField): FieldElement | null =>
    ({
      label: labelRef,
      host: hostRef,
      port: portRef,
      user: userRef,
      identityFile: identityFileRef,
      jump: jumpRef,
    })[field].current;

  const set = <K extends keyof ServerFormValues>(key: K, value: ServerFormValues[K]): void =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const message = (error: ServerFieldError | undefined): string | null => {
    if (error === undefined) return null;
    if (error.key === 'servers.validation.jump') return t(error.key, { line: error.line });
    if (error.key === 'servers.validation.tooLong' || error.key === 'servers.validation.tooManyJumps') {
      return t(error.key, { max: error.max });
    }
    return t(error.key);
  };
  const text = (field: Exclude<ServerField, 'jump'>) => ({
    value: values[field],
    error: message(errors[field]),
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field, event.target.value),
  });
  const host = text('host');
  const port = text('port');
  const user = text('user');
  const identityFile = text('identityFile');
  const label = text('label');
  const onJump = (event: ChangeEvent<HTMLTextAreaElement>): void => set('jump', event.target.value);
  const onSudo = (event: ChangeEvent<HTMLInputElement>): void => set('useSudo', event.target.checked);
  const onLegacy = (event: ChangeEvent<HTMLInputElement>): void => set('legacyAlgorithms', event.target.checked);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseServerForm(values);
    setServerError(null);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = SERVER_FIELDS.find((field) => parsed.errors[field] !== undefined);
      if (first !== undefined) elementOf(first)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await settle(() => api.saveServer({ scope, id: record?.id ?? null, server: parsed.input }));
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else setServerError(result.error);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="card form server-form"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={onKeyDown}
    >
      <h3 id={headingId}>
        {record === null ? t('servers.form.addHeading') : t('servers.form.editHeading', { name: record.host })}
      </h3>
      <TextField {...host} label={t('servers.form.host')} hint={t('servers.form.hostHint')} required autoFocus />
      <TextField {...port} ref={portRef} label={t('servers.form.port')} hint={t('servers.form.portHint')} numeric />
      <TextField {...user} ref={userRef} label={t('servers.form.user')} hint={t('servers.form.userHint')} />
      <TextField {...identityFile} label={t('servers.form.identityFile')} hint={t('servers.form.identityFileHint')} />
      <TextAreaField
        ref={jumpRef}
        label={t('servers.form.jump')}
        hint={t('servers.form.jumpHint')}
        error={message(errors.jump)}
        value={values.jump}
        rows={3}
        onChange={onJump}
      />
      <TextField {...label} ref={labelRef} label={t('servers.form.label')} hint={t('servers.form.labelHint')} />
      <CheckboxField
        label={t('servers.form.useSudo')}
        hint={t('servers.form.useSudoHint')}
        checked={values.useSudo}
        onChange={onSudo}
      />
      <CheckboxField
        label={t('servers.form.legacy')}
        hint={<p className="field-warning">{t('servers.form.legacyWarning')}</p>}
        checked={values.legacyAlgorithms}
        onChange={onLegacy}
      />
      {serverError !== null && <ErrorNotice error={serverError} context={t('servers.form.saveFailed')} live />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : record === null ? t('servers.form.add') : t('servers.form.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

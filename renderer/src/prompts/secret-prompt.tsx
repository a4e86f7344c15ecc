import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import { useApi } from '../app/api-context';
import { CheckboxField } from '../ui/checkbox-field';
import { TextField } from '../ui/text-field';
import { useApiQuery } from '../ui/use-api-query';
import { HopLabel } from './hop-label';
import { PromptForm, type PromptBodyProps } from './prompt-dialog';

type SecretRequest = Extract<PromptRequest, { kind: 'secret' }>;

/** Why "remember" cannot be ticked: the keychain's own reason when the back end gives one. */
function KeychainReason() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.getKeychainStatus({}), [api]);
  const { state } = useApiQuery(query);
  const reason = state.status === 'ready' ? state.data.reason : null;
  return (
    <>
      <p>{t('prompts.secret.rememberUnavailable')}</p>
      {reason !== null && <p>{reason}</p>}
    </>
  );
}

/** A password, key passphrase or sudo password. The value lives only in this form until it is sent. */
export function SecretPrompt({ request, titleId, busy, answer, cancel }: PromptBodyProps<SecretRequest>) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(false);
  const { purpose, subject, attempt, canRemember } = request;
  const title = {
    'ssh-password': () => t('prompts.secret.passwordTitle', { subject }),
    'ssh-passphrase': () => t('prompts.secret.passphraseTitle', { subject }),
    'sudo-password': () => t('prompts.secret.sudoTitle', { subject }),
    'ftp-password': () => t('prompts.secret.ftpTitle', { subject }),
    'portal-token': () => t('prompts.secret.portalTitle', { subject }),
  }[purpose]();
  const submit = (): void => answer({ kind: 'secret', value, remember: canRemember && remember });
  const label =
    purpose === 'ssh-passphrase'
      ? t('prompts.secret.passphrase')
      : purpose === 'portal-token'
        ? t('prompts.secret.token')
        : t('prompts.secret.password');
  const sudo = purpose === 'sudo-password';
  // An upload's secret is not a server's of the Servers page: it is forgotten elsewhere, and it logs nobody in.
  const upload = purpose === 'ftp-password' || purpose === 'portal-token';

  return (
    <PromptForm onSubmit={submit}>
      <HopLabel hop={request.hop} />
      <h2 id={titleId}>{title}</h2>
      {sudo && <p>{t('prompts.secret.sudoHint')}</p>}
      {attempt > 1 && (
        <p className="field-error" role="alert">
          {t('prompts.secret.retry', { attempt })}
        </p>
      )}
      <TextField
        label={label}
        type="password"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        data-autofocus
      />
      <CheckboxField
        label={t('prompts.secret.remember')}
        checked={canRemember && remember}
        disabled={!canRemember}
        onChange={(event) => setRemember(event.target.checked)}
        hint={
          canRemember ? (
            t(upload ? 'prompts.secret.rememberHintUpload' : 'prompts.secret.rememberHint')
          ) : (
            <KeychainReason />
          )
        }
      />
      <div className="actions">
        <button type="button" onClick={cancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {sudo
            ? t('prompts.secret.sudoSubmit')
            : upload
              ? t('prompts.secret.uploadSubmit')
              : t('prompts.secret.submit')}
        </button>
      </div>
    </PromptForm>
  );
}

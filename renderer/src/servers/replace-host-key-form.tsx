import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { hostKeyInfoSchema, type ServerRecord, type ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextField } from '../ui/text-field';

/**
 * After HOST_KEY_CHANGED: the user types or pastes the fingerprint the
 * server's administrator confirmed, and only that exact key is trusted.
 * Deliberately not a single click.
 */
export function ReplaceHostKeyForm({
  scope,
  server,
  onReplaced,
}: {
  scope: ServerScope;
  server: ServerRecord;
  onReplaced: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [fingerprint, setFingerprint] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const value = fingerprint.trim();
    const valid = hostKeyInfoSchema.shape.fingerprint.safeParse(value).success;
    setInvalid(!valid);
    setError(null);
    if (!valid || busy) return;
    setBusy(true);
    const result = await settle(() => api.replaceHostKey({ scope, id: server.id, fingerprint: value }));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    announce(t('servers.replaceKey.done', { fingerprint: result.data.fingerprint }));
    onReplaced();
  };

  return (
    <form className="form inline-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <p>{t('servers.replaceKey.intro')}</p>
      <TextField
        label={t('servers.replaceKey.fingerprint')}
        hint={t('servers.replaceKey.hint')}
        error={invalid ? t('servers.replaceKey.invalid') : null}
        value={fingerprint}
        onChange={(event) => setFingerprint(event.target.value)}
        className="fingerprint"
      />
      {error !== null && <ErrorNotice error={error} live />}
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          {t('servers.replaceKey.submit')}
        </button>
      </div>
    </form>
  );
}

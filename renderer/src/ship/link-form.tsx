import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { ChannelForm } from './channel-form';
import { expiryInstant, LINK_SCHEMES, webUrlProblem } from './ship-inputs';
import { useUrlProblemText } from './use-problem-text';

const NOTE_MAX = 2000;

/**
 * A link the user shared from their own file service: recorded with the case
 * so the receipt says where support can fetch the files and until when.
 */
export function LinkForm({ caseId, disabled }: { caseId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const urlText = useUrlProblemText();
  const [url, setUrl] = useState('');
  const [expires, setExpires] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const expiry = expiryInstant(expires);
  const urlError = checked ? urlText(webUrlProblem(url, LINK_SCHEMES), 'https://') : null;
  const expiryError = checked && !expiry.ok ? t('ship.link.expiryInvalid') : null;
  const noteError = note.trim().length > NOTE_MAX ? t('ship.link.noteTooLong', { max: NOTE_MAX }) : null;

  const submit = (): boolean => {
    setChecked(true);
    if (webUrlProblem(url, LINK_SCHEMES) !== null || !expiry.ok || noteError !== null) return false;
    void record(expiry.iso);
    return true;
  };

  const record = async (expiresAt: string | undefined): Promise<void> => {
    setBusy(true);
    setError(null);
    const text = note.trim();
    const result = await settle(() =>
      api.recordDownloadLink({
        caseId,
        link: {
          url: url.trim(),
          ...(expiresAt === undefined ? {} : { expiresAt }),
          ...(text === '' ? {} : { note: text }),
        },
      }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error);
    announce(t('ship.link.recorded'));
    setUrl('');
    setExpires('');
    setNote('');
    setChecked(false);
  };

  return (
    <>
      <ChannelForm
        label={t('ship.channels.link')}
        submitLabel={busy ? t('common.saving') : t('ship.link.record')}
        disabled={disabled || busy}
        onSubmit={submit}
      >
        <p>{t('ship.link.intro')}</p>
        <TextField
          label={t('ship.link.url')}
          hint={t('ship.link.urlHint')}
          error={urlError}
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          disabled={disabled || busy}
          spellCheck={false}
        />
        <TextField
          label={t('ship.link.expires')}
          hint={t('ship.link.expiresHint')}
          error={expiryError}
          type="datetime-local"
          value={expires}
          onChange={(event) => setExpires(event.target.value)}
          disabled={disabled || busy}
        />
        <TextAreaField
          label={t('ship.link.note')}
          hint={t('ship.link.noteHint')}
          error={noteError}
          value={note}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          disabled={disabled || busy}
        />
      </ChannelForm>
      {error !== null && <ErrorNotice error={error} context={t('ship.link.failed')} live />}
    </>
  );
}

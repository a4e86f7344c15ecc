import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextField } from '../ui/text-field';
import { ChannelForm } from './channel-form';
import { afterRender } from './focus-on-change';
import { checkSize, DEFAULT_LIMIT, emailProblem } from './ship-inputs';
import type { EmailResult } from './ship-types';
import { useSizeProblemText } from './use-problem-text';
import { useFormatSize } from './use-format-size';

type Props = { caseId: string; bundleDir: string; disabled: boolean };

/**
 * Casekit writes the messages; the user's own mail client sends them, so the
 * result says where they are and what to do with them.
 */
export function EmailForm({ caseId, bundleDir, disabled }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const format = useFormatSize();
  const sizeText = useSizeProblemText();
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [written, setWritten] = useState<EmailResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const limitCheck = checkSize(limit);
  const problemText = (problem: 'required' | 'invalid' | null): string | null =>
    !checked || problem === null
      ? null
      : problem === 'required'
        ? t('ship.email.toRequired')
        : t('ship.email.addressInvalid');

  const submit = (): boolean => {
    setChecked(true);
    if (emailProblem(to, true) !== null || emailProblem(from, false) !== null || !limitCheck.ok) return false;
    void write(limitCheck.bytes);
    return true;
  };

  const write = async (limitBytes: number): Promise<void> => {
    setBusy(true);
    setError(null);
    setWritten(null);
    const sender = from.trim();
    const result = await settle(() =>
      api.writeEmailBundle({
        caseId,
        bundleDir,
        to: to.trim(),
        limit: limitBytes,
        ...(sender === '' ? {} : { from: sender }),
      }),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setWritten(result.data);
    announce(t('ship.email.written', { count: result.data.messages.length }));
    afterRender(() => resultRef.current?.focus());
  };

  return (
    <>
      <ChannelForm
        label={t('ship.channels.email')}
        submitLabel={busy ? t('ship.email.writing') : t('ship.email.write')}
        disabled={disabled || busy}
        onSubmit={submit}
      >
        <TextField
          label={t('ship.email.to')}
          hint={t('ship.email.toHint')}
          error={problemText(emailProblem(to, true))}
          type="email"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          disabled={disabled || busy}
        />
        <TextField
          label={t('ship.email.from')}
          hint={t('ship.email.fromHint')}
          error={problemText(emailProblem(from, false))}
          type="email"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          disabled={disabled || busy}
        />
        <TextField
          label={t('ship.email.limit')}
          hint={t('ship.email.limitHint')}
          error={limitCheck.ok ? null : sizeText(limitCheck.problem)}
          value={limit}
          onChange={(event) => setLimit(event.target.value)}
          disabled={disabled || busy}
          spellCheck={false}
        />
      </ChannelForm>
      {error !== null && <ErrorNotice error={error} context={t('ship.email.failed')} live />}
      {written !== null && (
        <div ref={resultRef} tabIndex={-1} className="notice notice-success">
          <p>{t('ship.email.written', { count: written.messages.length })}</p>
          <p>{t('ship.email.howToSend')}</p>
          <ul className="mail-list">
            {written.messages.map((message) => (
              <li key={message.path}>
                <code className="file-path">{message.path}</code> ({format.bytes(message.size)}){' '}
                <span className="muted">{t('ship.email.attachments', { names: message.attachments.join(', ') })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from '../ui/field-frame';
import { TextField } from '../ui/text-field';
import { ChannelForm } from './channel-form';
import { ftpUrlProblem, resolveTls, tlsProblem, type TlsChoice } from './ship-inputs';
import type { ShipChannelInput } from './ship-types';
import { useUrlProblemText } from './use-problem-text';

const TLS_CHOICES: readonly TlsChoice[] = ['auto', 'explicit', 'implicit', 'off'];

type Props = { disabled: boolean; onStart: (channel: ShipChannelInput) => void };

/** Upload by FTP or FTPS: the password comes from the keychain or is asked for, never typed into the address. */
export function FtpForm({ disabled, onStart }: Props) {
  const { t } = useTranslation();
  const urlText = useUrlProblemText();
  const [url, setUrl] = useState('');
  const [tls, setTls] = useState<TlsChoice>('auto');
  const [checked, setChecked] = useState(false);
  const urlError = checked ? urlText(ftpUrlProblem(url), t('ship.ftp.schemes')) : null;
  const tlsError = tlsProblem(url, tls) === null ? null : t('ship.ftp.tlsContradiction');

  const submit = (): boolean => {
    setChecked(true);
    if (ftpUrlProblem(url) !== null || tlsError !== null) return false;
    onStart({ kind: 'ftp', url: url.trim(), tls: resolveTls(url, tls) });
    return true;
  };

  return (
    <ChannelForm
      label={t('ship.channels.ftp')}
      submitLabel={t('ship.send.start')}
      disabled={disabled}
      onSubmit={submit}
    >
      <TextField
        label={t('ship.ftp.url')}
        hint={t('ship.ftp.urlHint')}
        error={urlError}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        disabled={disabled}
        spellCheck={false}
      />
      <FieldFrame label={t('ship.ftp.tls')} hint={t('ship.ftp.tlsHint')} error={tlsError}>
        {(wiring) => (
          <select
            {...wiring}
            value={tls}
            disabled={disabled}
            onChange={(event) => setTls(event.target.value as TlsChoice)}
          >
            {TLS_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`ship.ftp.tlsChoice.${choice}`)}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {tls === 'off' && tlsError === null && <p className="field-warning">{t('ship.ftp.tlsOffWarning')}</p>}
    </ChannelForm>
  );
}

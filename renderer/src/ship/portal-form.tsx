import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../ui/text-field';
import { ChannelForm } from './channel-form';
import { checkSize, DEFAULT_LIMIT, PORTAL_SCHEMES, webUrlProblem } from './ship-inputs';
import type { ShipChannelInput } from './ship-types';
import { useSizeProblemText, useUrlProblemText } from './use-problem-text';

type Props = { disabled: boolean; onStart: (channel: ShipChannelInput) => void };

/** Upload to the support portal, one request per part, none over the limit; the token is asked for. */
export function PortalForm({ disabled, onStart }: Props) {
  const { t } = useTranslation();
  const urlText = useUrlProblemText();
  const sizeText = useSizeProblemText();
  const [url, setUrl] = useState('');
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [checked, setChecked] = useState(false);
  const limitCheck = checkSize(limit);
  const urlError = checked ? urlText(webUrlProblem(url, PORTAL_SCHEMES), 'https://') : null;

  const submit = (): boolean => {
    setChecked(true);
    if (webUrlProblem(url, PORTAL_SCHEMES) !== null || !limitCheck.ok) return false;
    onStart({ kind: 'portal', url: url.trim(), limit: limitCheck.bytes });
    return true;
  };

  return (
    <ChannelForm
      label={t('ship.channels.portal')}
      submitLabel={t('ship.send.start')}
      disabled={disabled}
      onSubmit={submit}
    >
      <TextField
        label={t('ship.portal.url')}
        hint={t('ship.portal.urlHint')}
        error={urlError}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        disabled={disabled}
        spellCheck={false}
      />
      <TextField
        label={t('ship.portal.limit')}
        hint={t('ship.portal.limitHint')}
        error={limitCheck.ok ? null : sizeText(limitCheck.problem)}
        value={limit}
        onChange={(event) => setLimit(event.target.value)}
        disabled={disabled}
        spellCheck={false}
      />
    </ChannelForm>
  );
}

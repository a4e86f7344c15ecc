import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import { TextField } from '../ui/text-field';
import { HopLabel } from './hop-label';
import { PromptForm, type PromptBodyProps } from './prompt-dialog';

type KeyboardRequest = Extract<PromptRequest, { kind: 'keyboardInteractive' }>;

/**
 * The server's own questions (a 2FA code, a PAM password). Their wording comes
 * from the server and is untrusted: it is shown as text, never as markup.
 */
export function KeyboardInteractivePrompt({
  request,
  titleId,
  busy,
  answer,
  cancel,
}: PromptBodyProps<KeyboardRequest>) {
  const { t } = useTranslation();
  const [responses, setResponses] = useState<string[]>(() => request.prompts.map(() => ''));
  const submit = (): void => answer({ kind: 'keyboardInteractive', responses });

  return (
    <PromptForm onSubmit={submit}>
      <HopLabel hop={request.hop} />
      <h2 id={titleId}>{t('prompts.keyboard.title', { subject: request.subject })}</h2>
      <p className="muted">{t('prompts.keyboard.fromServer')}</p>
      {request.name !== '' && <p className="server-text">{request.name}</p>}
      {request.instructions !== '' && <p className="server-text">{request.instructions}</p>}
      {request.prompts.map((prompt, index) => (
        <TextField
          // Prompts have no ids of their own; their order is what the server expects back.
          key={index}
          label={prompt.prompt.trim() === '' ? t('prompts.keyboard.answer', { number: index + 1 }) : prompt.prompt}
          type={prompt.echo ? 'text' : 'password'}
          value={responses[index] ?? ''}
          onChange={(event) => {
            const next = [...responses];
            next[index] = event.target.value;
            setResponses(next);
          }}
          {...(index === 0 ? { 'data-autofocus': true } : {})}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={cancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('prompts.keyboard.submit')}
        </button>
      </div>
    </PromptForm>
  );
}

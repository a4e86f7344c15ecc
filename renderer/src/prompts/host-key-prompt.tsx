import { useTranslation } from 'react-i18next';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import { HopLabel } from './hop-label';
import type { PromptBodyProps } from './prompt-dialog';

type HostKeyRequest = Extract<PromptRequest, { kind: 'hostKey' }>;

/** The command that prints the server's own fingerprints, to compare with the one shown. */
const SERVER_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub';

/**
 * First contact with a server: show what it claims to be and let the user
 * compare. "Don't connect" has focus, so a stray Enter never trusts a key.
 */
export function HostKeyPrompt({ request, titleId, busy, answer, cancel }: PromptBodyProps<HostKeyRequest>) {
  const { t } = useTranslation();
  const { host, port, keyType, fingerprint } = request.hostKey;
  return (
    <>
      <HopLabel hop={request.hop} />
      <h2 id={titleId}>{t('prompts.hostKey.title', { server: `${host}:${port}` })}</h2>
      <p>{t('prompts.hostKey.intro', { keyType })}</p>
      <p className="fingerprint-box">
        <code className="fingerprint" aria-label={t('prompts.hostKey.fingerprintLabel')}>
          {fingerprint}
        </code>
      </p>
      <p>{t('prompts.hostKey.compare')}</p>
      <pre className="command">
        <code>{SERVER_COMMAND}</code>
      </pre>
      <p>{t('prompts.hostKey.match')}</p>
      <div className="actions">
        <button type="button" onClick={cancel} disabled={busy} data-autofocus>
          {t('prompts.hostKey.refuse')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => answer({ kind: 'hostKey', trust: true })}
          disabled={busy}
        >
          {t('prompts.hostKey.trust')}
        </button>
      </div>
    </>
  );
}

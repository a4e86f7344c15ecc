import { useTranslation } from 'react-i18next';
import type { PromptRequest } from '../../../electron/shared/prompt-schemas';
import type { PromptBodyProps } from './prompt-dialog';

type CertificateRequest = Extract<PromptRequest, { kind: 'certificate' }>;

/**
 * A TLS server (FTPS, the support portal) whose certificate nothing vouches
 * for. Everything shown comes from the certificate and is rendered as text.
 * "Don't send" has focus, so a stray Enter never trusts a certificate.
 */
export function CertificatePrompt({ request, titleId, busy, answer }: PromptBodyProps<CertificateRequest>) {
  const { t } = useTranslation();
  const { subject, fingerprint, subjectName, issuer, validTo } = request;
  return (
    <>
      <h2 id={titleId}>{t('prompts.certificate.title', { server: subject })}</h2>
      <p>{t('prompts.certificate.intro')}</p>
      <p className="fingerprint-box">
        <code className="fingerprint" aria-label={t('prompts.certificate.fingerprint')}>
          {fingerprint}
        </code>
      </p>
      <dl>
        <dt>{t('prompts.certificate.subjectName')}</dt>
        <dd>{subjectName}</dd>
        <dt>{t('prompts.certificate.issuer')}</dt>
        <dd>{issuer}</dd>
        <dt>{t('prompts.certificate.validTo')}</dt>
        <dd>{validTo}</dd>
      </dl>
      <p>{t('prompts.certificate.compare')}</p>
      <div className="actions">
        <button
          type="button"
          onClick={() => answer({ kind: 'certificate', trust: false })}
          disabled={busy}
          data-autofocus
        >
          {t('prompts.certificate.refuse')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => answer({ kind: 'certificate', trust: true })}
          disabled={busy}
        >
          {t('prompts.certificate.trust')}
        </button>
      </div>
    </>
  );
}

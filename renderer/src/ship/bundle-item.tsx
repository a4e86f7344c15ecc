import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { useFormatDate } from '../ui/use-format-date';
import type { Bundle, VerifyResult } from './ship-types';
import { useFormatSize } from './use-format-size';
import { VerifyOutcome } from './verify-outcome';

type Verify =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: VerifyResult }
  | { status: 'error'; error: ApiError };

type Props = { caseId: string; bundle: Bundle; chosen: boolean; onChoose: () => void };

/** One bundle: its parts and checksum, Verify, and the choice to send it. */
export function BundleItem({ caseId, bundle, chosen, onChoose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormatSize();
  const formatDate = useFormatDate();
  const headingId = useId();
  const [verify, setVerify] = useState<Verify>({ status: 'idle' });

  const runVerify = async (): Promise<void> => {
    setVerify({ status: 'running' });
    const result = await settle(() => api.verifyBundle({ caseId, bundleDir: bundle.dir }));
    setVerify(result.ok ? { status: 'done', result: result.data } : { status: 'error', error: result.error });
  };

  return (
    <li className="card bundle-item" aria-labelledby={headingId}>
      <h5 id={headingId} className="bundle-name">
        {bundle.bundleName}
        {chosen && (
          <>
            {' '}
            <span className="badge">{t('ship.bundles.chosen')}</span>
          </>
        )}
      </h5>
      <p className="muted">
        {t('ship.bundles.summary', {
          count: bundle.parts.length,
          size: format.bytes(bundle.bundleSize),
          format: bundle.format,
          date: formatDate(bundle.createdAt),
        })}
      </p>
      <details>
        <summary>{t('ship.bundles.details')}</summary>
        <p className="muted">{bundle.dir}</p>
        <p>
          {t('ship.bundles.sha256')} <code className="checksum">{bundle.bundleSha256}</code>
        </p>
        <ul className="part-list">
          {bundle.parts.map((part) => (
            <li key={part.name}>
              <span className="file-name">{part.name}</span> ({format.bytes(part.size)}){' '}
              <code className="checksum">{part.sha256}</code>
            </li>
          ))}
        </ul>
      </details>
      <div className="actions">
        <button type="button" className={chosen ? undefined : 'primary'} aria-pressed={chosen} onClick={onChoose}>
          {t('ship.bundles.choose')}
        </button>
        <button type="button" onClick={() => void runVerify()} disabled={verify.status === 'running'}>
          {verify.status === 'running' ? t('ship.bundles.verifying') : t('ship.bundles.verify')}
        </button>
      </div>
      <div aria-live="polite">
        {verify.status === 'done' && <VerifyOutcome result={verify.result} parts={bundle.parts.length} />}
        {verify.status === 'error' && <ErrorNotice error={verify.error} context={t('ship.bundles.verifyFailed')} />}
      </div>
    </li>
  );
}

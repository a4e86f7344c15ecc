import { useTranslation } from 'react-i18next';
import type { ConnectionTest, HostKeyInfo } from '../../../electron/shared/server-schemas';
import { SudoCheckFact, SudoCheckProblem } from './sudo-check-result';

function HostKey({ hostKey }: { hostKey: HostKeyInfo }) {
  return (
    <>
      <span>{hostKey.keyType}</span> <code className="fingerprint">{hostKey.fingerprint}</code>
    </>
  );
}

/** What "Test connection" found. Everything from the server (names, key types) is rendered as text only. */
export function ConnectionResult({ result }: { result: ConnectionTest }) {
  const { t } = useTranslation();
  const seconds = (result.durationMs / 1000).toFixed(1);
  const { sudoCheck, remoteUser } = result;
  return (
    <>
      <div className="notice notice-success">
        <p className="notice-title">{t('servers.result.connected', { seconds })}</p>
        <dl className="facts facts-compact">
          <div className="facts-wide">
            <dt>{t('servers.result.hostKey')}</dt>
            <dd>
              <HostKey hostKey={result.hostKey} />
            </dd>
          </div>
          <div>
            <dt>{t('servers.result.authMethod')}</dt>
            <dd>{t(`servers.auth.${result.authMethod}`)}</dd>
          </div>
          <div>
            <dt>{t('servers.result.remoteUser')}</dt>
            <dd>
              <code>{result.remoteUser}</code>
              {result.isRoot && <> {t('servers.result.isRoot')}</>}
            </dd>
          </div>
          <div>
            <dt>{t('servers.result.hostname')}</dt>
            <dd>
              <code>{result.hostname}</code>
            </dd>
          </div>
          <div>
            <dt>{t('servers.result.sudo')}</dt>
            <dd>{t(`servers.sudo.${result.sudo}`)}</dd>
          </div>
          {sudoCheck !== null && (
            <div>
              <dt>{t('servers.result.sudoCheck')}</dt>
              <dd>
                <SudoCheckFact check={sudoCheck} user={remoteUser} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('servers.result.zimbraUser')}</dt>
            <dd>{result.zimbraUser ? t('servers.result.zimbraFound') : t('servers.result.zimbraMissing')}</dd>
          </div>
          {result.hops.length > 0 && (
            <div>
              <dt>{t('servers.result.hops')}</dt>
              <dd>
                <ol className="plain-list">
                  {result.hops.map((hop) => (
                    <li key={`${hop.host}:${hop.port}`}>
                      {hop.host}:{hop.port} <HostKey hostKey={hop} />
                    </li>
                  ))}
                </ol>
              </dd>
            </div>
          )}
        </dl>
        {result.warnings.map((warning) => (
          <p key={warning} className="notice-detail">
            <span className="notice-detail-label">{t('servers.result.warning')}</span> <span>{warning}</span>
          </p>
        ))}
      </div>
      {sudoCheck?.status === 'failed' && <SudoCheckProblem check={sudoCheck} user={remoteUser} />}
    </>
  );
}

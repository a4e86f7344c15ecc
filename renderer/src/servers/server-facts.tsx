import { useTranslation } from 'react-i18next';
import type { ServerRecord } from '../../../electron/shared/server-schemas';

/** The saved settings of a server; empty ones say what applies instead (~/.ssh/config, then ssh's defaults). */
export function ServerFacts({ server }: { server: ServerRecord }) {
  const { t } = useTranslation();
  const fallback = t('servers.facts.fromConfig');
  return (
    <dl className="facts facts-compact">
      <div>
        <dt>{t('servers.facts.host')}</dt>
        <dd>
          <code>{server.host}</code>
        </dd>
      </div>
      <div>
        <dt>{t('servers.facts.user')}</dt>
        <dd className={server.user === null ? 'muted' : undefined}>{server.user ?? fallback}</dd>
      </div>
      <div>
        <dt>{t('servers.facts.port')}</dt>
        <dd className={server.port === null ? 'muted' : undefined}>{server.port ?? fallback}</dd>
      </div>
      <div>
        <dt>{t('servers.facts.jump')}</dt>
        <dd className={server.jump.length === 0 ? 'muted' : undefined}>
          {server.jump.length === 0 ? t('servers.facts.noJump') : server.jump.join(' → ')}
        </dd>
      </div>
      {server.identityFile !== null && (
        <div>
          <dt>{t('servers.facts.identityFile')}</dt>
          <dd>
            <code>{server.identityFile}</code>
          </dd>
        </div>
      )}
      {(server.useSudo || server.legacyAlgorithms) && (
        <div>
          <dt>{t('servers.facts.options')}</dt>
          <dd>
            {[
              server.useSudo ? t('servers.facts.useSudo') : null,
              server.legacyAlgorithms ? t('servers.facts.legacy') : null,
            ]
              .filter((option) => option !== null)
              .join(', ')}
          </dd>
        </div>
      )}
    </dl>
  );
}

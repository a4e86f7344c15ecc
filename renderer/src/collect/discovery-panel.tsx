import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ServerRecord } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { serverName } from '../servers/server-item';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import type { Discovery } from './collect-types';

type Props = {
  caseId: string;
  discovery: Discovery;
  /** The server that was asked: the new ones get its access settings. */
  from: ServerRecord;
  disabled: boolean;
};

/** The installation's servers as one of them lists them, and "add the new ones" with the same access settings. */
export function DiscoveryPanel({ caseId, discovery, from, disabled }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Names added in this panel: the servers list updates by its own event, this list right away.
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  // A server that could not be described (its name is no host name) cannot be added either.
  const fresh = discovery.servers.filter(
    (server) => server.savedServerId === null && server.error === null && !added.has(server.name),
  );
  const fromName = serverName(from);

  const addAll = async (): Promise<void> => {
    setAdding(true);
    setError(null);
    const names = fresh.map((server) => server.name);
    const result = await settle(() => api.addDiscoveredServers({ caseId, fromServerId: from.id, names }));
    setAdding(false);
    if (!result.ok) return setError(result.error);
    setAdded((current) => new Set([...current, ...names]));
    announce(t('collect.discovery.added', { count: result.data.added.length }));
  };

  return (
    <div className="card discovery" role="group" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('collect.discovery.title', { name: fromName })}</h4>
      <table className="collect-table">
        <thead>
          <tr>
            <th scope="col">{t('collect.discovery.server')}</th>
            <th scope="col">{t('collect.discovery.services')}</th>
            <th scope="col">{t('collect.discovery.inCase')}</th>
          </tr>
        </thead>
        <tbody>
          {discovery.servers.map((server) => (
            <tr key={server.name}>
              <th scope="row" className="file-path">
                {server.name}
              </th>
              <td>
                {server.error !== null ? (
                  <span className="field-error">{server.error.message}</span>
                ) : server.services.length === 0 ? (
                  t('collect.discovery.noServices')
                ) : (
                  server.services.join(', ')
                )}
              </td>
              <td>
                {server.savedServerId !== null || added.has(server.name)
                  ? t('collect.discovery.saved')
                  : server.error !== null
                    ? t('collect.discovery.cannotAdd')
                    : t('collect.discovery.new')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fresh.length === 0 ? (
        <p className="muted">{t('collect.discovery.allSaved')}</p>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void addAll()} disabled={disabled || adding}>
            {t('collect.discovery.addAll', { count: fresh.length, name: fromName })}
          </button>
          <span className="muted">{t('collect.discovery.sameAccess', { name: fromName })}</span>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} context={t('collect.discovery.addFailed')} live />}
    </div>
  );
}

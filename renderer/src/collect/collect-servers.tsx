import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ServerRecord } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { caseServersHref } from '../app/routes';
import { serverName } from '../servers/server-item';
import { CheckboxField } from '../ui/checkbox-field';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import type { Discovery } from './collect-types';
import { DiscoveryPanel } from './discovery-panel';

type Props = {
  caseId: string;
  servers: readonly ServerRecord[];
  selected: ReadonlySet<string>;
  onSelect: (serverId: string, chosen: boolean) => void;
  /** What discovery or an earlier collection said each server runs, by server id. */
  services: ReadonlyMap<string, readonly string[]>;
  onDiscovered: (discovery: Discovery) => void;
  disabled: boolean;
};

type Asking = { serverId: string } | null;

/**
 * The case's servers, each ticked to collect from it, with its roles once
 * known. Discovery asks one of them for every server of the installation,
 * and offers to add the rest with the same access settings.
 */
export function CollectServers({ caseId, servers, selected, onSelect, services, onDiscovered, disabled }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const headingId = useId();
  const [asking, setAsking] = useState<Asking>(null);
  const [discovery, setDiscovery] = useState<Discovery | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const discover = async (server: ServerRecord): Promise<void> => {
    setAsking({ serverId: server.id });
    setError(null);
    const result = await settle(() => api.discoverServers({ caseId, serverId: server.id }));
    setAsking(null);
    if (!result.ok) return setError(result.error);
    setDiscovery(result.data);
    onDiscovered(result.data);
  };

  const from = discovery === null ? undefined : servers.find((server) => server.id === discovery.serverId);

  return (
    <section className="collect-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('collect.servers.title')}</h3>
      {servers.length === 0 ? (
        <div className="notice notice-info">
          <p>{t('collect.servers.none')}</p>
          <p>
            <a href={caseServersHref(caseId)}>{t('collect.servers.addLink')}</a>
          </p>
        </div>
      ) : (
        <ul className="card-list" aria-label={t('collect.servers.listLabel')}>
          {servers.map((server) => {
            const roles = services.get(server.id) ?? [];
            const name = serverName(server);
            return (
              <li key={server.id} className="card collect-server">
                <CheckboxField
                  label={t('collect.servers.choose', { name, host: server.host })}
                  checked={selected.has(server.id)}
                  onChange={(event) => onSelect(server.id, event.target.checked)}
                  disabled={disabled}
                  hint={
                    roles.length === 0
                      ? t('collect.servers.rolesUnknown')
                      : t('collect.servers.roles', { roles: roles.join(', ') })
                  }
                />
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => void discover(server)}
                    disabled={disabled || asking !== null}
                    aria-label={t('collect.servers.discoverFrom', { name })}
                  >
                    {asking?.serverId === server.id ? t('collect.servers.discovering') : t('collect.servers.discover')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error !== null && <ErrorNotice error={error} context={t('collect.servers.discoverFailed')} live />}
      {discovery !== null && from !== undefined && (
        <DiscoveryPanel caseId={caseId} discovery={discovery} from={from} disabled={disabled} />
      )}
    </section>
  );
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context';
import { useApiQuery } from '../ui/use-api-query';

/** Where remembered passwords go, or why they cannot be remembered here. */
export function KeychainStatus() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.getKeychainStatus({}), [api]);
  const { state } = useApiQuery(query);

  if (state.status === 'loading') return <p aria-busy="true">{t('servers.keychain.checking')}</p>;
  if (state.status === 'error') return <p className="muted">{t('servers.keychain.unknown')}</p>;
  if (state.data.available) return <p className="keychain-status">{t('servers.keychain.available')}</p>;
  return (
    <div className="notice notice-warning keychain-status">
      <p className="notice-title">{t('servers.keychain.unavailable')}</p>
      {state.data.reason !== null && (
        <p className="notice-detail">
          <span className="notice-detail-label">{t('servers.keychain.why')}</span> <span>{state.data.reason}</span>
        </p>
      )}
    </div>
  );
}

import { createContext, useContext, type ReactNode } from 'react';
import type { CasekitApi } from '../../../electron/shared/api-contract';

const ApiContext = createContext<CasekitApi | null>(null);

export function ApiProvider({ api, children }: { api: CasekitApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): CasekitApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}

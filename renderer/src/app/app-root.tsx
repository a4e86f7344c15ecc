import type { i18n } from 'i18next';
import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { CasekitApi } from '../../../electron/shared/api-contract';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { Settings } from '../../../electron/shared/settings-schemas';
import { ApiProvider } from './api-context';
import { AppShell } from './app-shell';
import { ErrorBoundary } from './error-boundary';
import { SettingsProvider } from './settings-context';
import { StatusProvider } from './status-context';

export type AppRootProps = {
  api: CasekitApi;
  i18n: i18n;
  settings: Settings;
  /** Why the saved settings could not be read, if they could not. */
  settingsError?: ApiError | null;
};

export function AppRoot({ api, i18n, settings, settingsError = null }: AppRootProps) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ErrorBoundary>
          <ApiProvider api={api}>
            <StatusProvider>
              <SettingsProvider initial={settings}>
                <AppShell settingsError={settingsError} />
              </SettingsProvider>
            </StatusProvider>
          </ApiProvider>
        </ErrorBoundary>
      </I18nextProvider>
    </StrictMode>
  );
}

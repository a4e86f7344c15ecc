import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings-schemas';
import type { ApiError } from '../../electron/shared/error-codes';
import { AppRoot } from './app/app-root';
import { selectBridge } from './bridge/select-bridge';
import { createI18n } from './i18n/create-i18n';
import { pickInitialLanguage } from './i18n/initial-language';
import { settle } from './ui/safe-call';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/servers.css';
import './styles/ship.css';
import './styles/collect.css';

// Zod probes for eval with `new Function`, which our CSP (rightly) forbids: tell it not to try.
z.config({ jitless: true });

async function start(): Promise<void> {
  const api = selectBridge();
  // Settings come first so the first paint is already in the right language and theme.
  const result = await settle(() => api.getSettings({}));
  const settings: Settings = result.ok ? result.data : DEFAULT_SETTINGS;
  const settingsError: ApiError | null = result.ok ? null : result.error;
  const i18n = createI18n(pickInitialLanguage(settings.language, navigator.language));

  document.documentElement.dataset.theme = settings.theme;
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element.');
  createRoot(container).render(<AppRoot api={api} i18n={i18n} settings={settings} settingsError={settingsError} />);
}

void start();

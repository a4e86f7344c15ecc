import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../electron/shared/settings-schemas';
import { settle } from '../ui/safe-call';
import { useApi } from './api-context';
import { useAnnounce } from './status-context';

type SettingsValue = {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
};

const SettingsContext = createContext<SettingsValue | null>(null);

/**
 * Holds the settings and applies the theme. A change shows at once and is then
 * saved; if saving fails the choice still holds for this session and the user
 * is told it was not kept.
 */
export function SettingsProvider({ initial, children }: { initial: Settings; children: ReactNode }) {
  const api = useApi();
  const announce = useAnnounce();
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initial);

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);

  const update = useCallback(
    async (patch: Partial<Settings>): Promise<void> => {
      setSettings((previous) => ({ ...previous, ...patch }));
      const result = await settle(() => api.updateSettings(patch));
      if (result.ok) {
        setSettings(result.data);
      } else {
        announce(`${t('settings.saveFailed')} ${t(`errors.${result.error.code}`)}`, 'error');
      }
    },
    [api, announce, t],
  );

  const value = useMemo(() => ({ settings, update }), [settings, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (value === null) throw new Error('useSettings() needs a <SettingsProvider> above it.');
  return value;
}

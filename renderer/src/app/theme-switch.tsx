import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { themeSchema } from '../../../electron/shared/settings-schemas';
import { useSettings } from './settings-context';

export function ThemeSwitch() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const id = useId();

  const onChange = (event: ChangeEvent<HTMLSelectElement>): void => {
    const parsed = themeSchema.safeParse(event.target.value);
    if (parsed.success) void update({ theme: parsed.data });
  };

  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('settings.theme')}</label>
      <select id={id} value={settings.theme} onChange={onChange}>
        {themeSchema.options.map((theme) => (
          <option key={theme} value={theme}>
            {t(`theme.${theme}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

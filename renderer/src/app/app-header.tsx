import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import { listHref } from './routes';
import { ThemeSwitch } from './theme-switch';

export function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="app-name" href={listHref()} aria-label={t('app.homeLink')}>
        {t('app.name')}
      </a>
      <div className="app-settings" role="group" aria-label={t('settings.label')}>
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import { useRoute } from './route-context';
import { listHref, serversHref } from './routes';
import { ThemeSwitch } from './theme-switch';

export function AppHeader() {
  const { t } = useTranslation();
  const { route } = useRoute();
  return (
    <header className="app-header">
      <a className="app-name" href={listHref()} aria-label={t('app.homeLink')}>
        {t('app.name')}
      </a>
      <nav className="app-nav" aria-label={t('app.navLabel')}>
        <a href={listHref()} aria-current={route.name === 'list' ? 'page' : undefined}>
          {t('app.navCases')}
        </a>
        <a href={serversHref()} aria-current={route.name === 'servers' ? 'page' : undefined}>
          {t('app.navServers')}
        </a>
      </nav>
      <div className="app-settings" role="group" aria-label={t('settings.label')}>
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
    </header>
  );
}

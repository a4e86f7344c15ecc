import { useTranslation } from 'react-i18next';
import { listHref } from './routes';

export function CrashScreen({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="crash-title">
      <h1 id="crash-title">{t('app.crash.title')}</h1>
      <div className="notice notice-error" role="alert">
        <p>{t('app.crash.body')}</p>
        <details>
          <summary>{t('app.crash.detail')}</summary>
          <pre className="crash-detail">{error.message}</pre>
        </details>
      </div>
      <p className="actions">
        <button type="button" onClick={() => window.location.reload()}>
          {t('app.crash.reload')}
        </button>
        <a href={listHref()}>{t('app.notFound.back')}</a>
      </p>
    </section>
  );
}

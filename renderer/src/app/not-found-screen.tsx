import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteFocus } from './route-context';
import { useDocumentTitle } from '../ui/use-document-title';
import { listHref } from './routes';

export function NotFoundScreen() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  useDocumentTitle(t('app.notFound.title'));
  return (
    <section className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t('app.notFound.title')}
      </h1>
      <p>{t('app.notFound.body')}</p>
      <p>
        <a href={listHref()}>{t('app.notFound.back')}</a>
      </p>
    </section>
  );
}

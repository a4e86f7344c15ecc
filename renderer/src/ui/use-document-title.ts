import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Window and tab titles name the page, so a switcher or screen reader can tell windows apart. */
export function useDocumentTitle(page: string | null): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = page === null ? product : `${page} – ${product}`;
  }, [page, product]);
}

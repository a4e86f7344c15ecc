import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { toLanguage } from '../i18n/current-language';

/** Screen readers pick their voice from <html lang>, so it must follow every switch. */
export function useDocumentLanguage(): void {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}

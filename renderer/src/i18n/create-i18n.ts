import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../electron/shared/settings-schemas';
import { resources } from './resources';

/** A fresh, fully loaded instance; tests make their own so they cannot leak a language. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // The resources are bundled, so init finishes before this returns.
    initAsync: false,
    // React escapes text itself; escaping here would show "&amp;" in titles.
    interpolation: { escapeValue: false },
  });
  return instance;
}

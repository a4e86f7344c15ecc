import 'i18next';
import type en from './en.json';

// English is the reference: t('…') with a key that en.json lacks fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

import type { Language } from '../../../electron/shared/settings-schemas';
import en from './en.json';
import pl from './pl.json';

export const resources = {
  en: { translation: en },
  pl: { translation: pl },
} as const satisfies Record<Language, { translation: object }>;

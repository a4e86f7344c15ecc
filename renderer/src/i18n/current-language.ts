import { languageSchema, type Language } from '../../../electron/shared/settings-schemas';

/** i18next may report a region variant ("pl-PL") or nothing at all before init. */
export function toLanguage(value: string | undefined): Language {
  const base = value?.split('-')[0];
  const parsed = languageSchema.safeParse(base);
  return parsed.success ? parsed.data : 'en';
}

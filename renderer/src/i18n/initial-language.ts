import type { Language } from '../../../electron/shared/settings-schemas';

/** The saved choice wins; otherwise follow the system, with English as the fallback. */
export function pickInitialLanguage(saved: Language | null, systemLanguage: string | undefined): Language {
  if (saved !== null) return saved;
  return systemLanguage?.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

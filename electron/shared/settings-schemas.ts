import { z } from 'zod';

export const LANGUAGES = ['en', 'pl'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const settingsSchema = z.object({
  /** null until the user picks one: the UI then follows the system language. */
  language: languageSchema.nullable(),
  theme: themeSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { language: null, theme: 'system' };

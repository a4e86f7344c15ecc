import { describe, expect, it } from 'vitest';
import { caseProblemSchema, vendorIdSchema } from '../../../electron/shared/case-schemas';
import { ERROR_CODES } from '../../../electron/shared/error-codes';
import { connectionTestSchema } from '../../../electron/shared/server-schemas';
import { LANGUAGES, themeSchema } from '../../../electron/shared/settings-schemas';
import { STEP_IDS } from '../steps/steps';
import en from './en.json';
import pl from './pl.json';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
// Vite inlines the sources at build time, so the test needs no file system access.
const SOURCES: Record<string, string> = import.meta.glob(
  ['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../**/*.d.ts'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null) for (const entry of leaves(value, path)) out.set(...entry);
    else out.set(path, value);
  }
  return out;
}

/** Keys as t() sees them: "list.count_few" and "list.count_one" are both "list.count". */
function baseKeys(tree: object): Set<string> {
  return new Set([...leaves(tree).keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

describe('translations', () => {
  it('have the same keys in English and Polish', () => {
    expect([...baseKeys(pl)].sort()).toEqual([...baseKeys(en)].sort());
  });

  it('have no empty values', () => {
    for (const [language, tree] of [
      ['en', en],
      ['pl', pl],
    ] as const) {
      for (const [key, value] of leaves(tree)) {
        expect(typeof value === 'string' && value.trim() !== '', `${language}: ${key}`).toBe(true);
      }
    }
  });

  it('give every plural the forms its language needs', () => {
    for (const [language, tree] of [
      ['en', en],
      ['pl', pl],
    ] as const) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = [...leaves(tree).keys()];
      const plurals = new Set(
        keys.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')),
      );
      for (const base of plurals) {
        for (const category of categories)
          expect(keys, `${language}: ${base}_${category}`).toContain(`${base}_${category}`);
      }
    }
    expect(new Intl.PluralRules('pl').resolvedOptions().pluralCategories).toEqual(
      expect.arrayContaining(['one', 'few', 'many']),
    );
  });

  it('contain every key the sources pass to t()', () => {
    const known = baseKeys(en);
    const used = new Set<string>();
    expect(Object.keys(SOURCES)).toContain('../cases/new-case-form.tsx');
    for (const source of Object.values(SOURCES)) {
      for (const match of source.matchAll(/\bt\(\s*['"]([^'"]+)['"]/g)) used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });

  it('contain the keys that the sources build from codes and ids', () => {
    const known = baseKeys(en);
    const built = [
      ...Object.keys(ERROR_CODES).map((code) => `errors.${code}`),
      ...caseProblemSchema.shape.code.options.map((code) => `errors.${code}`),
      ...STEP_IDS.flatMap((step) => [`steps.${step}.title`, `steps.${step}.description`]),
      ...LANGUAGES.map((language) => `language.${language}`),
      ...themeSchema.options.map((theme) => `theme.${theme}`),
      ...vendorIdSchema.options.map((vendor) => `vendor.${vendor}`),
      'validation.titleRequired',
      'validation.titleTooLong',
      'validation.caseNumber',
      ...connectionTestSchema.shape.authMethod.options.map((method) => `servers.auth.${method}`),
      ...connectionTestSchema.shape.sudo.options.map((sudo) => `servers.sudo.${sudo}`),
      ...['hostRequired', 'host', 'port', 'tooLong', 'jump', 'tooManyJumps'].map((key) => `servers.validation.${key}`),
    ];
    expect(built.filter((key) => !known.has(key))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { toLanguage } from './current-language';
import { pickInitialLanguage } from './initial-language';

describe('initial language', () => {
  it('prefers the saved setting', () => {
    expect(pickInitialLanguage('en', 'pl-PL')).toBe('en');
    expect(pickInitialLanguage('pl', 'en-US')).toBe('pl');
  });

  it('follows the system language when nothing is saved', () => {
    expect(pickInitialLanguage(null, 'pl-PL')).toBe('pl');
    expect(pickInitialLanguage(null, 'pl')).toBe('pl');
    expect(pickInitialLanguage(null, 'de-DE')).toBe('en');
    expect(pickInitialLanguage(null, undefined)).toBe('en');
  });

  it('reduces what i18next reports to a supported language', () => {
    expect(toLanguage('pl-PL')).toBe('pl');
    expect(toLanguage('fr')).toBe('en');
    expect(toLanguage(undefined)).toBe('en');
  });
});

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings-schemas';
import { useStoreFixture } from '../testing/store-fixture';
import { SETTINGS_SCHEMA_VERSION, SettingsStore } from './settings-store';

const fixture = useStoreFixture((home) => new SettingsStore({ home }));
const settingsFile = (): string => path.join(fixture.home, 'settings.json');

describe('SettingsStore', () => {
  it('gives the defaults while there is no settings file, without creating one', async () => {
    expect(await fixture.store.get()).toEqual(DEFAULT_SETTINGS);
    await expect(fs.stat(settingsFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('merges an update into the stored settings and persists it', async () => {
    expect(await fixture.store.update({ theme: 'dark' })).toEqual({ language: null, theme: 'dark' });
    expect(await fixture.store.update({ language: 'pl' })).toEqual({ language: 'pl', theme: 'dark' });
    expect(await new SettingsStore({ home: fixture.home }).get()).toEqual({ language: 'pl', theme: 'dark' });
    expect(JSON.parse(await fs.readFile(settingsFile(), 'utf8'))).toEqual({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      language: 'pl',
      theme: 'dark',
    });
  });

  it('treats a key set to undefined as not given', async () => {
    await fixture.store.update({ theme: 'light' });
    expect(await fixture.store.update({ theme: undefined, language: 'en' })).toEqual({
      language: 'en',
      theme: 'light',
    });
  });

  it('rejects a value outside the schema', async () => {
    const patch = JSON.parse('{"theme": "blue"}') as { theme: 'dark' };
    await expect(fixture.store.update(patch)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^settings\.theme: .*Correct it and try again\.$/),
    });
  });

  it.each([
    ['corrupt', '{"schemaVersion": 1, "theme": "dark",', /is not valid JSON .*fix it by hand, or delete it/],
    [
      'invalid',
      '{"schemaVersion": 1, "language": "xx", "theme": "dark"}',
      /does not match the expected format \(language:/,
    ],
    [
      'newer',
      '{"schemaVersion": 5, "theme": "dark", "density": "compact"}',
      /newer Casekit \(format version 5;.*update Casekit/,
    ],
  ])('reports a %s file as SETTINGS_CORRUPT and never overwrites it', async (_label, content, message) => {
    await fs.writeFile(settingsFile(), content);
    await expect(fixture.store.get()).rejects.toMatchObject({
      code: 'SETTINGS_CORRUPT',
      message: expect.stringMatching(message),
    });
    await expect(fixture.store.update({ theme: 'light' })).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT' });
    expect(await fs.readFile(settingsFile(), 'utf8')).toBe(content);
  });
});

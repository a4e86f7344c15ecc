import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings-schemas';
import { makeTempHome } from '../testing/temp-home';
import { SETTINGS_SCHEMA_VERSION, SettingsStore } from './settings-store';

let home: string;
let remove: () => Promise<void>;
let store: SettingsStore;
let file: string;

beforeEach(async () => {
  ({ home, remove } = await makeTempHome());
  store = new SettingsStore({ home });
  file = path.join(home, 'settings.json');
});
afterEach(() => remove());

describe('SettingsStore', () => {
  it('gives the defaults while there is no settings file, without creating one', async () => {
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('merges an update into the stored settings and persists it', async () => {
    expect(await store.update({ theme: 'dark' })).toEqual({ language: null, theme: 'dark' });
    expect(await store.update({ language: 'pl' })).toEqual({ language: 'pl', theme: 'dark' });
    expect(await new SettingsStore({ home }).get()).toEqual({ language: 'pl', theme: 'dark' });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      language: 'pl',
      theme: 'dark',
    });
  });

  it('treats a key set to undefined as not given', async () => {
    await store.update({ theme: 'light' });
    expect(await store.update({ theme: undefined, language: 'en' })).toEqual({ language: 'en', theme: 'light' });
  });

  it('rejects a value outside the schema', async () => {
    const patch = JSON.parse('{"theme": "blue"}') as { theme: 'dark' };
    await expect(store.update(patch)).rejects.toMatchObject({
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
    await fs.writeFile(file, content);
    await expect(store.get()).rejects.toMatchObject({
      code: 'SETTINGS_CORRUPT',
      message: expect.stringMatching(message),
    });
    await expect(store.update({ theme: 'light' })).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT' });
    expect(await fs.readFile(file, 'utf8')).toBe(content);
  });
});

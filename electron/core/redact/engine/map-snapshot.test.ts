import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { loadMap, newMapSnapshot, saveMap } from './map-snapshot';
import { redactText } from './test-harness';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-map-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

describe('the pseudonym map', () => {
  it('starts with a fresh random key and nothing in it', () => {
    const [a, b] = [newMapSnapshot(), newMapSnapshot()];
    expect(Buffer.from(a.key, 'base64')).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(Object.values(a.entries).every((table) => Object.keys(table).length === 0)).toBe(true);
  });

  it('is saved readable by the owner only and loaded back equal, non-ASCII originals included', async () => {
    const file = path.join(dir, 'sub', 'case.map.json');
    const { map } = await redactText(
      Buffer.from('mail from j\xf6rg@example.com and jdoe@example.com at 10.1.2.3\n', 'latin1'),
    );
    expect(Object.keys(map.entries.email)).toContain('j\xf6rg@example.com');
    await saveMap(file, map);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadMap(file)).toEqual(map);
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['case.map.json']);
  });

  it('keeps mode 0600 when it replaces a more open file', async () => {
    const file = path.join(dir, 'map.json');
    await fs.writeFile(file, '{}', { mode: 0o644 });
    await saveMap(file, newMapSnapshot());
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('gives a fresh map for a missing file', async () => {
    const map = await loadMap(path.join(dir, 'none.json'));
    expect(Buffer.from(map.key, 'base64')).toHaveLength(32);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1, "key": '],
    ['a wrong key', JSON.stringify({ schemaVersion: 1, key: 'c2hvcnQ=', entries: {}, vocabulary: {} })],
    ['a missing table', JSON.stringify({ schemaVersion: 1, key: Buffer.alloc(32).toString('base64'), entries: {} })],
    ['a newer format', JSON.stringify({ schemaVersion: 9 })],
  ])('refuses a file with %s, says so and leaves it untouched', async (_what, content) => {
    const file = path.join(dir, 'map.json');
    await fs.writeFile(file, content);
    const error = await loadMap(file).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CasekitError);
    expect((error as CasekitError).code).toBe('INVALID_INPUT');
    expect((error as CasekitError).message).toContain(file);
    expect(await fs.readFile(file, 'utf8')).toBe(content);
  });
});

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CasekitError } from '../../shared/error-codes';
import { makeTempHome } from '../testing/temp-home';
import { parseJsonDocument, readJsonDocument, writeJsonDocument, type ReadOptions } from './json-document';

const schema = z.object({ name: z.string(), count: z.number() });
const opts: ReadOptions<z.infer<typeof schema>> = { currentVersion: 2, schema, label: 'test file' };
const FILE = '/data/doc.json';

let home: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ home, remove } = await makeTempHome()));
afterEach(() => remove());

describe('writeJsonDocument', () => {
  it('writes the envelope pretty-printed with a trailing newline, owner-only', async () => {
    const file = path.join(home, 'nested', 'deeper', 'doc.json');
    await writeJsonDocument(file, 2, { name: 'a', count: 1 });
    expect(await fs.readFile(file, 'utf8')).toBe('{\n  "schemaVersion": 2,\n  "name": "a",\n  "count": 1\n}\n');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('never lets the data override schemaVersion', async () => {
    const file = path.join(home, 'doc.json');
    await writeJsonDocument(file, 2, { schemaVersion: 99, name: 'a', count: 1 });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ schemaVersion: 2, name: 'a', count: 1 });
  });

  it('replaces the previous content completely and leaves no temp file', async () => {
    const file = path.join(home, 'doc.json');
    await writeJsonDocument(file, 2, { name: 'first', count: 1 });
    await writeJsonDocument(file, 2, { name: 'second', count: 2 });
    expect(await readJsonDocument(file, opts)).toEqual({
      status: 'ok',
      data: { name: 'second', count: 2 },
      version: 2,
    });
    expect(await fs.readdir(home)).toEqual(['doc.json']);
  });

  it('reports a folder it cannot create as IO_ERROR naming the file', async () => {
    await fs.writeFile(path.join(home, 'blocker'), 'a file, not a folder');
    const file = path.join(home, 'blocker', 'doc.json');
    const error = await writeJsonDocument(file, 1, { name: 'a', count: 1 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CasekitError);
    expect(error).toMatchObject({ code: 'IO_ERROR', retryable: true });
    expect((error as CasekitError).message).toContain(file);
  });
});

describe('readJsonDocument', () => {
  it('reports a missing file as missing', async () => {
    expect(await readJsonDocument(path.join(home, 'none.json'), opts)).toEqual({ status: 'missing' });
    expect(await readJsonDocument(path.join(home, 'none', 'deeper.json'), opts)).toEqual({ status: 'missing' });
  });

  it('throws IO_ERROR when the path cannot be read as a file', async () => {
    await fs.mkdir(path.join(home, 'dir.json'));
    await expect(readJsonDocument(path.join(home, 'dir.json'), opts)).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe('parseJsonDocument', () => {
  const corruptMessage = (text: string, options = opts): string => {
    const result = parseJsonDocument(text, FILE, options);
    if (result.status !== 'corrupt') throw new Error(`expected corrupt, got ${result.status}`);
    return result.message;
  };

  it('returns the data without the envelope, and the version found', () => {
    expect(parseJsonDocument('{"schemaVersion":2,"name":"a","count":3}', FILE, opts)).toEqual({
      status: 'ok',
      data: { name: 'a', count: 3 },
      version: 2,
    });
  });

  it('accepts a leading byte-order mark', () => {
    expect(parseJsonDocument('\uFEFF{"schemaVersion":2,"name":"a","count":3}', FILE, opts).status).toBe('ok');
  });

  it('points at the line of a JSON syntax error', () => {
    const message = corruptMessage('{\n  "schemaVersion": 2,\n  "name": ,\n  "count": 1\n}\n');
    expect(message).toMatch(
      /^The test file \/data\/doc\.json is not valid JSON \(Unexpected token .* at line 3, column 11\)\.$/,
    );
    expect(message).not.toContain("is not valid JSON (Unexpected token ',', \"");
  });

  it('explains truncated and empty files', () => {
    expect(corruptMessage('{"schemaVersion": 2, "na')).toContain('at line 1');
    expect(corruptMessage('')).toBe('The test file /data/doc.json is empty.');
    expect(corruptMessage('{"schemaVersion": 2}\n}')).toBe(
      'The test file /data/doc.json is not valid JSON (Unexpected non-whitespace character after JSON at line 2, column 1).',
    );
  });

  it('rejects JSON that is not an object', () => {
    expect(corruptMessage('[1, 2]')).toBe('The test file /data/doc.json does not hold a JSON object.');
    expect(corruptMessage('null')).toContain('does not hold a JSON object');
  });

  it('rejects a missing or invalid schemaVersion', () => {
    expect(corruptMessage('{"name":"a","count":1}')).toContain('has no schemaVersion');
    expect(corruptMessage('{"schemaVersion":"2","name":"a","count":1}')).toContain('invalid schemaVersion ("2")');
    expect(corruptMessage('{"schemaVersion":0,"name":"a","count":1}')).toContain('invalid schemaVersion (0)');
    expect(corruptMessage('{"schemaVersion":1.5,"name":"a","count":1}')).toContain('invalid schemaVersion (1.5)');
  });

  it('names the first field that fails the schema', () => {
    const message = corruptMessage('{"schemaVersion":2,"name":"a","count":"three"}');
    expect(message).toMatch(
      /^The test file \/data\/doc\.json does not match the expected format \(count: .*number.*\)\.$/,
    );
  });

  it('reports a newer version without judging its content', () => {
    expect(parseJsonDocument('{"schemaVersion":7,"whatever":true}', FILE, opts)).toEqual({
      status: 'newer',
      version: 7,
    });
  });

  it('treats an older version as corrupt when there is no migration', () => {
    expect(corruptMessage('{"schemaVersion":1,"name":"a","count":1}')).toContain(
      'is in format version 1, which this Casekit cannot upgrade to version 2',
    );
  });

  it('migrates an older version, then validates the result', () => {
    const migrating: ReadOptions<z.infer<typeof schema>> = {
      ...opts,
      migrate: (data, from) => ({ name: data.title, count: from }),
    };
    expect(parseJsonDocument('{"schemaVersion":1,"title":"old"}', FILE, migrating)).toEqual({
      status: 'ok',
      data: { name: 'old', count: 1 },
      version: 1,
    });
    expect(corruptMessage('{"schemaVersion":1,"title":5}', migrating)).toContain(
      'does not match the expected format (name:',
    );
  });

  it('reports a migration that throws', () => {
    const failing: ReadOptions<z.infer<typeof schema>> = {
      ...opts,
      migrate: () => {
        throw new Error('no title');
      },
    };
    expect(corruptMessage('{"schemaVersion":1}', failing)).toBe(
      'The test file /data/doc.json could not be upgraded from format version 1 (no title).',
    );
  });
});

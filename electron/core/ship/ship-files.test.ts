import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caught } from '../testing/caught';
import { listShipFiles, parseSums } from './ship-files';

const hex = (c: string) => c.repeat(64);
let dir: string | null = null;
afterEach(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('parseSums', () => {
  it('reads text and binary mode lines', () => {
    expect(parseSums(`${hex('a')}  one.part001\n${hex('b')} *two.sha256\n\n`)).toEqual([
      { name: 'one.part001', sha256: hex('a') },
      { name: 'two.sha256', sha256: hex('b') },
    ]);
  });

  it.each([`${hex('a')}  ../x`, `${hex('a')}  a/b`, `${hex('a')}  ..`, 'nonsense', `${hex('a')}  SHA256SUMS`])(
    'refuses %j',
    (line) => {
      expect(() => parseSums(line)).toThrow(/line 1/);
    },
  );

  it('refuses a name listed twice', () => {
    expect(() => parseSums(`${hex('a')}  x\n${hex('b')}  x\n`)).toThrow(/twice \(line 2\)/);
  });
});

describe('listShipFiles', () => {
  it('lists the parts with their sizes, then SHA256SUMS', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ship-files-'));
    await fs.writeFile(path.join(dir, 'b.part001'), 'xyz');
    await fs.writeFile(path.join(dir, 'SHA256SUMS'), `${hex('c')}  b.part001\n`);
    const files = await listShipFiles(dir);
    expect(files.map((f) => [f.name, f.size, f.sha256])).toEqual([
      ['b.part001', 3, hex('c')],
      ['SHA256SUMS', 76, null],
    ]);
  });

  it('names a listed file that is missing', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ship-files-'));
    await fs.writeFile(path.join(dir, 'SHA256SUMS'), `${hex('c')}  gone.part002\n`);
    const error = await caught(listShipFiles(dir));
    expect(error).toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('gone.part002') });
  });

  it('says a folder without SHA256SUMS was not made by casekit pack', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ship-files-'));
    expect(await caught(listShipFiles(dir))).toMatchObject({ code: 'BUNDLE_INVALID' });
  });
});

import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWith } from './pack-bundle';
import type { PackResult } from './pack-types';
import { testRunner, writeRedactedTree } from './testing/redacted-tree';
import { verifyBundle } from './verify-bundle';

let dir: string;
let packed: PackResult;
let clean: string;
let copies = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-verify-'));
  const fixture = await writeRedactedTree(dir);
  // a consented binary of random bytes: incompressible, so the bundle takes several parts
  await mkdir(path.join(fixture.source, 'dumps'));
  await writeFile(
    path.join(fixture.source, 'dumps', 'core.77'),
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(20_000)]),
  );
  clean = path.join(dir, 'clean');
  packed = await packWith(
    {
      sourceDir: fixture.source,
      outDir: clean,
      caseNumber: '00012345',
      format: 'tar.gz',
      partSize: 4096,
      appVersion: '1.2.3',
      mapFile: fixture.mapFile,
      consentedBinaries: ['dumps/core.77'],
    },
    testRunner,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function copy(): Promise<string> {
  const target = path.join(dir, `copy-${copies++}`);
  await cp(clean, target, { recursive: true });
  return target;
}

const part = (n: number) => packed.parts[n - 1]?.name ?? '';

describe('verifyBundle', () => {
  it('passes a fresh bundle folder, parts in order', async () => {
    expect(packed.parts.length).toBeGreaterThanOrEqual(5);
    const result = await verifyBundle(clean);
    expect(result).toMatchObject({
      ok: true,
      bundleName: packed.bundleName,
      problems: [],
      filesListed: packed.parts.length + 2,
    });
    expect(result.parts).toEqual(packed.parts.map((p) => p.name));
  });

  it('names a part with a flipped byte, and says the reassembly fails', async () => {
    const folder = await copy();
    const handle = await open(path.join(folder, part(2)), 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, 100);
    byte[0] = (byte[0] ?? 0) ^ 0x01;
    await handle.write(byte, 0, 1, 100);
    await handle.close();
    const result = await verifyBundle(folder);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.kind, p.name])).toEqual([
      ['mismatch', part(2)],
      ['reassembly-mismatch', packed.bundleName],
    ]);
  });

  it('names a missing part, in the middle or at the end', async () => {
    for (const n of [3, packed.parts.length]) {
      const folder = await copy();
      await rm(path.join(folder, part(n)));
      const result = await verifyBundle(folder);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => [p.kind, p.name])).toEqual([['missing-part', part(n)]]);
    }
  });

  it('names a part missing from SHA256SUMS and from the folder, and a part that is not listed', async () => {
    const folder = await copy();
    const sums = await readFile(path.join(folder, 'SHA256SUMS'), 'utf8');
    await writeFile(
      path.join(folder, 'SHA256SUMS'),
      sums
        .split('\n')
        .filter((line) => !line.endsWith(part(2)))
        .join('\n'),
    );
    await rm(path.join(folder, part(2)));
    await writeFile(path.join(folder, `${packed.bundleName}.part999`), 'stray');
    const result = await verifyBundle(folder);
    expect(result.problems.map((p) => [p.kind, p.name])).toEqual(
      expect.arrayContaining([
        ['extra-part', `${packed.bundleName}.part999`],
        ['missing-part', part(2)],
      ]),
    );
    expect(result.ok).toBe(false);
  });

  it('checks a bundle put together in the folder, and leaves other files (a channel journal) alone', async () => {
    const folder = await copy();
    const parts = await Promise.all(packed.parts.map((p) => readFile(path.join(folder, p.name))));
    await writeFile(path.join(folder, packed.bundleName), Buffer.concat(parts));
    await writeFile(path.join(folder, '.portal-journal.json'), '{}');
    expect((await verifyBundle(folder)).problems).toEqual([]);
    await writeFile(path.join(folder, packed.bundleName), Buffer.concat(parts.slice(1)));
    expect((await verifyBundle(folder)).problems.map((p) => p.kind)).toEqual(['reassembly-mismatch']);
  });

  it('reports a folder without SHA256SUMS, and a damaged one', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    expect((await verifyBundle(empty)).problems.map((p) => p.kind)).toEqual(['no-sums']);
    const folder = await copy();
    await writeFile(path.join(folder, 'SHA256SUMS'), 'not a checksum line\n');
    expect((await verifyBundle(folder)).problems.map((p) => p.kind)).toEqual(['bad-sums']);
    expect(await readdir(folder)).toContain('README.txt');
  });
});

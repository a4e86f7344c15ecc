import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWith } from './pack-bundle';
import type { PackOptions, PackResult } from './pack-types';
import { testRunner, writeRedactedTree } from './testing/redacted-tree';
import { verifyBundle } from './verify-bundle';

// Splitting at the level of the whole pack: parts never exceed the limit,
// put together they are the bundle, and the bundle unpacks to the folder.

const exec = promisify(execFile);
let dir: string;
let mapFile: string;
let runs = 0;
const NOW = new Date('2026-11-26T02:00:00Z');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-pack-split-'));
  ({ mapFile } = await writeRedactedTree(dir));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function packFolder(
  files: Record<string, Buffer>,
  extra: Partial<PackOptions>,
): Promise<PackResult & { dir: string }> {
  const source = path.join(dir, `src-${runs}`);
  await mkdir(source, { recursive: true });
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(source, rel)), { recursive: true });
    await writeFile(path.join(source, rel), body);
    // the same bytes and times give the same bundle, whatever the run
    await utimes(path.join(source, rel), NOW, NOW);
  }
  const outDir = path.join(dir, `out-${runs++}`);
  const result = await packWith(
    {
      sourceDir: source,
      outDir,
      caseNumber: '00000042',
      format: 'tar.gz',
      partSize: 1024,
      appVersion: 'test',
      mapFile,
      consentedBinaries: [],
      caseSummary: '# Case\n',
      now: NOW,
      ...extra,
    },
    testRunner,
  );
  return { ...result, dir: outDir };
}

async function reassemble(result: PackResult & { dir: string }): Promise<Buffer> {
  const bodies = await Promise.all(result.parts.map((part) => readFile(path.join(result.dir, part.name))));
  return Buffer.concat(bodies);
}

const hexText = (bytes: Uint8Array): Buffer =>
  Buffer.from(
    Buffer.from(bytes)
      .toString('hex')
      .replace(/(.{64})/g, '$1\n'),
    'latin1',
  );

describe('pack splitting', () => {
  it('keeps the bundle whole at exactly the limit, and splits one byte under it', async () => {
    let x = 88172645;
    const noise = new Uint8Array(6000).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    const files = { 'h-a.d-b.invalid/a.log': hexText(noise) };
    const whole = await packFolder(files, { partSize: 1024 * 1024 });
    const size = whole.bundleSize;
    expect(size).toBeGreaterThan(2048);
    for (const [partSize, parts] of [
      [size, 1],
      [size + 1, 1],
      [size - 1, 2],
      [Math.ceil(size / 3), 3],
      [1024, Math.ceil(size / 1024)],
    ] as const) {
      const result = await packFolder(files, { partSize });
      expect(result.bundleSha256).toBe(whole.bundleSha256);
      expect(result.parts).toHaveLength(parts);
      expect(result.parts.map((part) => part.name)).toEqual(
        parts === 1
          ? [result.bundleName]
          : result.parts.map((_, i) => `${result.bundleName}.part${String(i + 1).padStart(3, '0')}`),
      );
      expect(await readdir(result.dir)).toHaveLength(parts + 3);
      const bundle = await reassemble(result);
      expect(createHash('sha256').update(bundle).digest('hex')).toBe(whole.bundleSha256);
    }
  });

  it('parts of any folder stay within the limit and put together unpack to the same files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.uint8Array({ maxLength: 9000 }).map(hexText), {
          minKeys: 1,
          maxKeys: 4,
        }),
        fc.integer({ min: 1024, max: 6000 }),
        fc.constantFrom<'tar.gz' | 'zip'>('tar.gz', 'zip'),
        async (named, partSize, format) => {
          const files = Object.fromEntries(
            Object.entries(named).map(([name, body]) => [`h-x.d-y.invalid/${name}.log`, body]),
          );
          const result = await packFolder(files, { partSize, format });
          expect(result.parts.every((part) => part.size <= partSize && part.size > 0)).toBe(true);
          expect((await verifyBundle(result.dir)).ok).toBe(true);
          const bundlePath = path.join(result.dir, `whole.${format}`);
          await writeFile(bundlePath, await reassemble(result));
          const unpacked = path.join(result.dir, 'unpacked');
          await mkdir(unpacked);
          if (format === 'zip') await exec('unzip', ['-q', bundlePath, '-d', unpacked]);
          else await exec('tar', ['xzf', bundlePath, '-C', unpacked]);
          for (const [rel, body] of Object.entries(files)) {
            expect((await readFile(path.join(unpacked, rel))).equals(body)).toBe(true);
          }
          const manifest = JSON.parse(
            await readFile(path.join(unpacked, 'MANIFEST.json'), 'utf8'),
          ) as PackResult['manifest'];
          expect(manifest.files.map((file) => file.sha256).sort()).toEqual(
            Object.values(files)
              .map((body) => createHash('sha256').update(body).digest('hex'))
              .sort(),
          );
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh } from './testing/build-tree';
import { craftTar, craftZip, type CraftedEntry } from './testing/craft-archives';
import { runPasses } from './testing/run-passes';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-refusals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function passTar(name: string, entries: CraftedEntry[]) {
  const input = path.join(dir, name);
  await craftTar(input, entries);
  const part = path.join(dir, 'out', `${name}.part`);
  return { ...(await runPasses(input, name, part)), part };
}

describe('archives with entries that could escape are refused whole and never written', () => {
  const cases: Array<[string, CraftedEntry[], RegExp]> = [
    [
      'dotdot.tar',
      [
        { name: 'ok.log', data: 'SECRET' },
        { name: 'logs/../../evil.log', data: 'x' },
      ],
      /".." component/,
    ],
    ['absolute.tar', [{ name: '/etc/cron.d/evil', data: 'x' }], /absolute path/],
    ['symlink.tar', [{ name: 'logs/link', symlink: '../../etc/shadow' }], /points outside the archive/],
    ['abs-symlink.tar', [{ name: 'link', symlink: '/etc/shadow' }], /points to the absolute path/],
    [
      'hardlink.tar',
      [
        { name: 'ok.log', data: 'a' },
        { name: 'hard', hardlink: '../outside' },
      ],
      /".." component|outside/,
    ],
  ];
  for (const [name, entries, reason] of cases) {
    it(`${name}`, async () => {
      const { learned, redacted, part } = await passTar(name, entries);
      expect(learned.whole).toMatch(/^refused: /);
      expect(learned.whole).toMatch(reason);
      expect(learned.whole).toContain(`the archive ${name} is left out`);
      expect(redacted).toBeNull();
      await expect(stat(part)).rejects.toThrow(/ENOENT/);
    });
  }

  it('keeps a symbolic link that stays inside the archive, target unchanged', async () => {
    const { learned, redacted, part } = await passTar('inside.tar', [
      { name: 'a/real.log', data: 'SECRET\n' },
      { name: 'a/b/link', symlink: '../real.log' },
    ]);
    expect(learned.whole).toBeNull();
    expect(redacted!.leftOut).toEqual([]);
    expect(sh('tar', ['-tvf', part]).toString()).toMatch(/a\/b\/link -> \.\.\/real\.log/);
  });

  it('refuses zip entries with ".." or absolute names', async () => {
    const zips: Array<[string, string]> = [
      ['dotdot.zip', '../evil.log'],
      ['absolute.zip', '/tmp/evil.log'],
    ];
    for (const [name, entry] of zips) {
      const input = path.join(dir, name);
      await writeFile(
        input,
        craftZip([
          { name: 'ok.log', data: 'SECRET' },
          { name: entry, data: 'x' },
        ]),
      );
      const { learned, redacted } = await runPasses(input, name, path.join(dir, 'out', name));
      expect(learned.whole).toMatch(/^refused: an entry has an unsafe name \((invalid relative path|absolute path)/);
      expect(redacted).toBeNull();
    }
  });

  it('leaves out only the nested archive that is refused, and says where it was', async () => {
    const nest = path.join(dir, 'nest');
    await mkdir(nest, { recursive: true });
    await craftTar(path.join(nest, 'bad.tar'), [{ name: '../evil.log', data: 'x' }]);
    sh('gzip', ['-f', path.join(nest, 'bad.tar')]);
    await writeFile(path.join(nest, 'good.log'), 'SECRET here\n');
    sh('tar', ['-cjf', path.join(dir, 'outer.tar.bz2'), '-C', nest, 'good.log', 'bad.tar.gz']);
    const part = path.join(dir, 'out', 'outer.tar.bz2');
    const { learned, redacted, checker } = await runPasses(path.join(dir, 'outer.tar.bz2'), 'outer.tar.bz2', part);
    expect(learned.whole).toBeNull();
    expect(learned.leftOut).toHaveLength(1);
    expect(learned.leftOut[0]!.path).toBe('outer.tar.bz2!/bad.tar.gz');
    expect(learned.leftOut[0]!.reason).toMatch(/refused: the entry "..\/evil.log" has a ".." component/);
    expect(redacted!.leftOut).toEqual(learned.leftOut);
    expect(sh('tar', ['-tjf', part]).toString().trim().split('\n')).toEqual(['good.log']);
    expect(checker.findings()).toEqual([]);
  });
});

describe('damaged content is left out with the reason', () => {
  it('a truncated .gz', async () => {
    const whole = gzipSync(Buffer.from('SECRET line\n'.repeat(5000)));
    const input = path.join(dir, 'cut.log.gz');
    await writeFile(input, whole.subarray(0, whole.length >> 1));
    const { learned, redacted } = await runPasses(input, 'cut.log.gz', path.join(dir, 'out', 'cut.log.gz'));
    expect(learned.whole).toMatch(/^damaged gzip data \(unexpected end of file\)/);
    expect(redacted).toBeNull();
  });

  it('a damaged .bz2 member of a tar is left out, the rest written', async () => {
    const nest = path.join(dir, 'damaged');
    await mkdir(nest, { recursive: true });
    await writeFile(path.join(nest, 'ok.log'), 'fine SECRET\n');
    await writeFile(path.join(nest, 'x.log'), 'SECRET\n'.repeat(3000));
    sh('bzip2', ['-f', path.join(nest, 'x.log')]);
    const bz = await readFile(path.join(nest, 'x.log.bz2'));
    bz.writeUInt8(bz.readUInt8(bz.length - 20) ^ 0xff, bz.length - 20);
    await writeFile(path.join(nest, 'x.log.bz2'), bz);
    sh('tar', ['-cf', path.join(dir, 'd.tar'), '-C', nest, 'ok.log', 'x.log.bz2']);
    const part = path.join(dir, 'out', 'd.tar');
    const { learned } = await runPasses(path.join(dir, 'd.tar'), 'd.tar', part);
    expect(learned.leftOut).toEqual([
      { path: 'd.tar!/x.log.bz2', reason: expect.stringMatching(/^damaged bzip2 data/) },
    ]);
    expect(sh('tar', ['-tf', part]).toString().trim()).toBe('ok.log');
  });
});

import { mkdir, mkdtemp, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSourceTree, CORE, MAILBOX_LOG, MTIME, OLD_LOG, redacted, sh } from './testing/build-tree';
import { runPasses } from './testing/run-passes';

let dir: string;
let src: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-archives-'));
  src = path.join(dir, 'src');
  await buildSourceTree(src);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Extracts `archive` with the system tool into a fresh folder and returns it. */
async function extract(archive: string): Promise<string> {
  const into = await mkdtemp(path.join(dir, 'x-'));
  if (archive.endsWith('.zip')) sh('unzip', ['-q', archive, '-d', into]);
  else sh('tar', ['-xpf', archive, '-C', into]);
  return into;
}

async function expectRedactedTree(root: string, options: { core: boolean }) {
  expect(await readFile(path.join(root, 'logs/mailbox.log'))).toEqual(redacted(MAILBOX_LOG));
  expect(gunzipSync(await readFile(path.join(root, 'logs/old.log.gz')))).toEqual(redacted(OLD_LOG));
  expect(await readFile(path.join(root, 'logs/empty.log'))).toEqual(Buffer.alloc(0));
  const mailbox = await stat(path.join(root, 'logs/mailbox.log'));
  expect(mailbox.mode & 0o777).toBe(0o640);
  expect(mailbox.mtime.getTime()).toBe(MTIME.getTime());
  if (options.core) expect(await readFile(path.join(root, 'bin/core.1234'))).toEqual(CORE);
  else await expect(stat(path.join(root, 'bin/core.1234'))).rejects.toThrow(/ENOENT/);
}

const FORMATS: Array<{ name: string; build: (out: string) => void }> = [
  { name: 'b.tar', build: (out) => sh('tar', ['-cf', out, '-C', src, 'logs', 'bin']) },
  { name: 'b.tar.gz', build: (out) => sh('tar', ['-czf', out, '-C', src, 'logs', 'bin']) },
  { name: 'b.tgz', build: (out) => sh('tar', ['-czf', out, '-C', src, 'logs', 'bin']) },
  { name: 'b.tar.bz2', build: (out) => sh('tar', ['-cjf', out, '-C', src, 'logs', 'bin']) },
  { name: 'b.zip', build: (out) => sh('zip', ['-q', '-r', out, 'logs', 'bin'], src) },
];

describe('archives are rewritten in their own format with redacted members', () => {
  for (const format of FORMATS) {
    it(`${format.name}: same names, modes and mtimes; binaries left out; opens with the system tools`, async () => {
      const input = path.join(dir, format.name);
      format.build(input);
      const part = path.join(dir, 'out', `${format.name}.part`);
      const { learned, redacted: result, redactor, checker } = await runPasses(input, format.name, part);
      expect(learned.whole).toBeNull();
      expect(result!.leftOut).toEqual([
        { path: `${format.name}!/bin/core.1234`, reason: 'binary: an ELF file (program or core dump)' },
      ]);
      expect(checker.findings()).toEqual([]);
      expect(redactor.counts[`${format.name}!/logs/mailbox.log`]).toEqual({ marker: 2 });
      expect(redactor.counts[`${format.name}!/logs/old.log.gz`]).toEqual({ marker: 1000 });
      // the same format as the input, as the system tools see it
      const final = path.join(dir, 'out', format.name);
      await rename(part, final);
      if (format.name.endsWith('bz2')) sh('bzip2', ['-t', final]);
      if (format.name.endsWith('gz')) sh('gzip', ['-t', final]);
      if (format.name.endsWith('zip')) sh('unzip', ['-tq', final]);
      await expectRedactedTree(await extract(final), { core: false });
    });
  }

  it('includes and scans binaries when asked, byte for byte', async () => {
    const input = path.join(dir, 'inc.tar.bz2');
    sh('tar', ['-cjf', input, '-C', src, 'logs', 'bin']);
    const part = path.join(dir, 'out', 'inc.tar.bz2');
    const { redacted: result, redactor } = await runPasses(input, 'inc.tar.bz2', part, { includeBinary: true });
    expect(result!.leftOut).toEqual([]);
    expect(redactor.binaryFindings).toEqual([
      { file: 'inc.tar.bz2!/bin/core.1234', rule: 'marker', count: 1, firstOffset: CORE.length - 6 },
    ]);
    await expectRedactedTree(await extract(part), { core: true });
  });

  it('rewrites archives nested in archives: a .gz and a .zip in a .tar.bz2, a .tar.gz in a .zip', async () => {
    const nest = path.join(dir, 'nest');
    await mkdir(path.join(nest, 'inner'), { recursive: true });
    sh('tar', ['-czf', path.join(nest, 'inner', 'logs.tar.gz'), '-C', src, 'logs']);
    sh('zip', ['-q', '-r', path.join(nest, 'inner', 'more.zip'), 'logs'], src);
    sh('zip', ['-q', '-r', path.join(dir, 'outer.zip'), 'inner'], nest);
    sh('cp', [path.join(dir, 'outer.zip'), path.join(nest, 'outer.zip')]);
    sh('tar', ['-cjf', path.join(dir, 'outer.tar.bz2'), '-C', nest, 'inner', 'outer.zip']);

    const part = path.join(dir, 'out', 'outer.tar.bz2');
    const {
      redacted: result,
      redactor,
      checker,
    } = await runPasses(path.join(dir, 'outer.tar.bz2'), 'outer.tar.bz2', part);
    expect(result!.leftOut).toEqual([]);
    expect(checker.findings()).toEqual([]);
    expect(redactor.counts['outer.tar.bz2!/outer.zip!/inner/logs.tar.gz!/logs/old.log.gz']).toEqual({ marker: 1000 });
    const top = await extract(part);
    for (const archive of ['inner/logs.tar.gz', 'inner/more.zip', 'outer.zip']) {
      expect(await stat(path.join(top, archive))).toBeTruthy();
    }
    const logs = await extract(path.join(top, 'inner/logs.tar.gz'));
    expect(await readFile(path.join(logs, 'logs/mailbox.log'))).toEqual(redacted(MAILBOX_LOG));
    const zipped = await extract(path.join(top, 'outer.zip'));
    const deep = await extract(path.join(zipped, 'inner/logs.tar.gz'));
    expect(gunzipSync(await readFile(path.join(deep, 'logs/old.log.gz')))).toEqual(redacted(OLD_LOG));
    const more = await extract(path.join(zipped, 'inner/more.zip'));
    expect(await readFile(path.join(more, 'logs/mailbox.log'))).toEqual(redacted(MAILBOX_LOG));
  });

  it('keeps the links of a zip as links, and every member after them whole', async () => {
    const linked = path.join(dir, 'linked');
    await mkdir(path.join(linked, 'logs'), { recursive: true });
    await writeFile(path.join(linked, 'logs', 'a.log'), MAILBOX_LOG);
    await symlink('a.log', path.join(linked, 'logs', 'current.log'));
    await writeFile(path.join(linked, 'logs', 'z.log'), OLD_LOG);
    const input = path.join(dir, 'linked.zip');
    sh('zip', ['-q', '-y', '-r', input, 'logs/a.log', 'logs/current.log', 'logs/z.log'], linked);
    const part = path.join(dir, 'out', 'linked.zip');
    const { redacted: result } = await runPasses(input, 'linked.zip', part);
    expect(result!.leftOut).toEqual([]);
    const root = await extract(part);
    expect(await readlink(path.join(root, 'logs', 'current.log'))).toBe('a.log');
    expect(await readFile(path.join(root, 'logs', 'z.log'))).toEqual(redacted(OLD_LOG));
    expect(await readFile(path.join(root, 'logs', 'a.log'))).toEqual(redacted(MAILBOX_LOG));
  });

  it('keeps a plain .gz a .gz and a plain .bz2 a .bz2', async () => {
    for (const [name, tool] of [
      ['single.log.gz', 'gzip'],
      ['single.log.bz2', 'bzip2'],
    ] as const) {
      const plain = path.join(dir, name.replace(/\.(gz|bz2)$/, ''));
      await writeFile(plain, MAILBOX_LOG);
      sh(tool, ['-f', '-k', plain]);
      const part = path.join(dir, 'out', name);
      const { redacted: result } = await runPasses(path.join(dir, name), name, part);
      expect(result!.leftOut).toEqual([]);
      expect(sh(tool, ['-dc', part])).toEqual(redacted(MAILBOX_LOG));
    }
  });
});

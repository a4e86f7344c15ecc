import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { freshBundleDir, listCaseBundles, resolveBundleDir } from './case-bundles';

let bundles: string;

beforeEach(async () => {
  bundles = path.join(await mkdtemp(path.join(os.tmpdir(), 'casekit-case-bundles-')), 'bundles');
  await mkdir(bundles);
});
afterEach(() => rm(path.dirname(bundles), { recursive: true, force: true }));

/** A bundle folder as `casekit pack` leaves it, checksums by the real sha256sum. */
async function writeBundle(name: string, parts: number): Promise<string> {
  const dir = path.join(bundles, name);
  await mkdir(dir);
  const names = parts === 1 ? [name] : Array.from({ length: parts }, (_, i) => `${name}.part00${i + 1}`);
  for (const part of names) await writeFile(path.join(dir, part), randomBytes(3000));
  const whole = execFileSync('sh', ['-c', `cat ${names.join(' ')} | sha256sum`], { cwd: dir }).toString();
  await writeFile(path.join(dir, `${name}.sha256`), `${whole.split(' ')[0]}  ${name}\n`);
  await writeFile(path.join(dir, 'README.txt'), 'cat the parts, then sha256sum -c\n');
  const listed = [...names, `${name}.sha256`, 'README.txt'];
  await writeFile(path.join(dir, 'SHA256SUMS'), execFileSync('sha256sum', listed, { cwd: dir }));
  return dir;
}

describe('a case bundles folder', () => {
  it('lists complete bundles with their parts and checksum, and nothing else', async () => {
    const dir = await writeBundle('case-00012345-20261126T010000Z.tar.gz', 3);
    await writeBundle('case-00012345-20261126T020000Z.zip', 1);
    await mkdir(path.join(bundles, 'case-00012345-20261126T010000Z.tar.gz-mail'));
    await mkdir(path.join(bundles, 'half-packed', '.casekit-pack-abc'), { recursive: true });
    const listed = await listCaseBundles(bundles);
    expect(listed.map((b) => [b.bundleName, b.format, b.parts.length]).sort()).toEqual([
      ['case-00012345-20261126T010000Z.tar.gz', 'tar.gz', 3],
      ['case-00012345-20261126T020000Z.zip', 'zip', 1],
    ]);
    const multi = listed.find((b) => b.dir === dir);
    const whole = execFileSync('sh', ['-c', 'cat *.part* | sha256sum'], { cwd: dir }).toString().split(' ')[0];
    expect(multi?.bundleSha256).toBe(whole);
    expect(multi?.bundleSize).toBe(9000);
    expect(await listCaseBundles(path.join(bundles, 'none'))).toEqual([]);
  });

  it('resolves a bundle by name or path only inside the folder', async () => {
    const dir = await writeBundle('case-00012345-20261126T010000Z.tar.gz', 1);
    expect(await resolveBundleDir(bundles, path.basename(dir))).toBe(dir);
    expect(await resolveBundleDir(bundles, dir)).toBe(dir);
    for (const outside of ['..', '../bundles', `${path.basename(dir)}/..`, '/etc', 'a/b', '.']) {
      expect((await caught(resolveBundleDir(bundles, outside))).code).toBe('INVALID_INPUT');
    }
    expect((await caught(resolveBundleDir(bundles, 'gone'))).code).toBe('NOT_FOUND');
  });

  it('gives a second bundle of the same name its own folder', async () => {
    const name = 'case-00012345-20261126T010000Z.tar.gz';
    expect(await freshBundleDir(bundles, name)).toBe(path.join(bundles, name));
    await writeBundle(name, 1);
    expect(await freshBundleDir(bundles, name)).toBe(path.join(bundles, `${name}-2`));
  });
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CasekitError } from '../../shared/error-codes';
import { packWith } from './pack-bundle';
import type { PackOptions } from './pack-types';
import { fixtureOptions, testRunner, writeRedactedTree } from './testing/redacted-tree';
import { verifyBundle } from './verify-bundle';

const exec = promisify(execFile);
let dir: string;
let fixture: Awaited<ReturnType<typeof writeRedactedTree>>;
const NOW = new Date('2026-11-26T01:49:33.250Z');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-pack-'));
  fixture = await writeRedactedTree(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = (outDir: string, extra: Partial<PackOptions> = {}): PackOptions =>
  fixtureOptions(fixture, dir, outDir, { partSize: 9.5 * 1024 * 1024, now: NOW, ...extra });

describe('packWith', () => {
  it('packs a redacted folder into one file with its checksum, README and SHA256SUMS', async () => {
    const result = await packWith(options('one'), testRunner);
    const bundle = 'case-00012345-20261126T014933Z.tar.gz';
    expect(result.bundleName).toBe(bundle);
    expect(result.parts.map((part) => part.name)).toEqual([bundle]);
    expect((await readdir(path.join(dir, 'one'))).sort()).toEqual(
      [bundle, `${bundle}.sha256`, 'README.txt', 'SHA256SUMS'].sort(),
    );
    const { stdout } = await exec('tar', ['tzf', path.join(dir, 'one', bundle)]);
    const names = stdout.trim().split('\n');
    expect(names[0]).toBe('CASE-SUMMARY.md');
    expect(names.at(-1)).toBe('MANIFEST.json');
    expect(names).toEqual(expect.arrayContaining(fixture.files));
    expect(result.manifest.hosts).toHaveLength(2);
    expect(result.manifest.files.map((file) => file.path).sort()).toEqual([...fixture.files].sort());
    expect((await verifyBundle(path.join(dir, 'one'))).problems).toEqual([]);
  });

  it('refuses a planted original with LEAK_CHECK_FAILED naming file, line and rule, and leaves nothing', async () => {
    const leaky = path.join(dir, 'leaky');
    await exec('cp', ['-r', fixture.source, leaky]);
    const target = path.join(leaky, fixture.files[0] ?? '');
    await writeFile(target, `${await readFile(target, 'utf8')}contact alice@example.com\n`);
    const error = await packWith(options('leak-out', { sourceDir: leaky }), testRunner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CasekitError);
    expect((error as CasekitError).code).toBe('LEAK_CHECK_FAILED');
    expect((error as CasekitError).message).toContain(`${fixture.files[0]} line 3`);
    expect((error as CasekitError).message).not.toContain('alice');
    await expect(readdir(path.join(dir, 'leak-out'))).rejects.toThrow();
  });

  it('refuses an unconsented binary, and packs it once consented', async () => {
    const withCore = path.join(dir, 'with-core');
    await exec('cp', ['-r', fixture.source, withCore]);
    const host = fixture.files[0]?.split('/')[0] ?? '';
    await mkdir(path.join(withCore, host, 'dumps'), { recursive: true });
    await writeFile(path.join(withCore, host, 'dumps', 'core.1234'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    const refused = await packWith(options('core-out', { sourceDir: withCore }), testRunner).catch((e: unknown) => e);
    expect((refused as CasekitError).code).toBe('CONSENT_REQUIRED');
    expect((refused as CasekitError).message).toContain(`${host}/dumps/core.1234`);
    const result = await packWith(
      options('core-out', { sourceDir: withCore, consentedBinaries: [`${host}/dumps/core.1234`], partSize: 1024 }),
      testRunner,
    );
    const core = result.manifest.files.find((file) => file.path.endsWith('core.1234'));
    expect(core).toMatchObject({ kind: 'binary', consented: true });
    expect(result.manifest.leakCheck.consentedBinaries).toEqual([`${host}/dumps/core.1234`]);
  });
});

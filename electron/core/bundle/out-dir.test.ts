import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasekitError } from '../../shared/error-codes';
import { freeBytes, prepareOutDir, STAGING_PREFIX } from './out-dir';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-outdir-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('prepareOutDir', () => {
  it('creates a missing folder with a hidden staging folder; commit moves files in, discard removes what it made', async () => {
    const out = await prepareOutDir(path.join(dir, 'new'), 1);
    expect(path.basename(out.staging).startsWith(STAGING_PREFIX)).toBe(true);
    await writeFile(path.join(out.staging, 'a'), 'x');
    await out.commit(['a']);
    expect(await readdir(path.join(dir, 'new'))).toEqual(['a']);

    const gone = await prepareOutDir(path.join(dir, 'gone'), 1);
    await writeFile(path.join(gone.staging, 'a'), 'x');
    await gone.discard();
    await expect(readdir(path.join(dir, 'gone'))).rejects.toThrow();
  });

  it('keeps an empty folder it did not create', async () => {
    await mkdir(path.join(dir, 'mine'));
    const out = await prepareOutDir(path.join(dir, 'mine'), 1);
    await out.discard();
    expect(await readdir(path.join(dir, 'mine'))).toEqual([]);
  });

  it('refuses a folder that is not empty, a file, and more than the free space', async () => {
    await mkdir(path.join(dir, 'full'));
    await writeFile(path.join(dir, 'full', 'old.part001'), 'x');
    await expect(prepareOutDir(path.join(dir, 'full'), 1)).rejects.toThrow(/not empty/);
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(prepareOutDir(path.join(dir, 'file'), 1)).rejects.toThrow(/is a file/);
    const free = await freeBytes(path.join(dir, 'deep', 'er'));
    expect(free).toBeGreaterThan(0);
    const error = (await prepareOutDir(path.join(dir, 'big'), free * 2).catch((e: unknown) => e)) as CasekitError;
    expect(error.code).toBe('LOCAL_DISK_FULL');
    await expect(readdir(path.join(dir, 'big'))).rejects.toThrow();
  });
});

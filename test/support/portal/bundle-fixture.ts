import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface BundleFixture {
  dir: string;
  /** Every file a channel should deliver, SHA256SUMS included, by name. */
  contents: Map<string, Buffer>;
}

/**
 * A bundle folder as `casekit pack` lays it out, made without the packer:
 * random parts, a README, and SHA256SUMS written by the real `sha256sum`.
 */
export async function makeBundle(partSizes: number[], parent: string = os.tmpdir()): Promise<BundleFixture> {
  const dir = await mkdtemp(path.join(parent, 'casekit-bundle-'));
  const base = 'case-00012345-20261126T015000Z.tar.gz';
  const contents = new Map<string, Buffer>();
  for (const [index, size] of partSizes.entries()) {
    contents.set(`${base}.part${String(index + 1).padStart(3, '0')}`, randomBytes(size));
  }
  contents.set('README.txt', Buffer.from(`Reassemble with: cat ${base}.part* > ${base}\n`));
  for (const [name, bytes] of contents) await writeFile(path.join(dir, name), bytes);
  const { stdout } = await run('sha256sum', [...contents.keys()], { cwd: dir });
  await writeFile(path.join(dir, 'SHA256SUMS'), stdout);
  contents.set('SHA256SUMS', Buffer.from(stdout));
  return { dir, contents };
}

/** Rewrites SHA256SUMS with `sha256sum` after a test changed a part. */
export async function rewriteSums(dir: string, names: string[]): Promise<Buffer> {
  const { stdout } = await run('sha256sum', names, { cwd: dir });
  await writeFile(path.join(dir, 'SHA256SUMS'), stdout);
  return Buffer.from(stdout);
}

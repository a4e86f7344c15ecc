import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatByteSize } from '../../shared/byte-size';
import { CasekitError } from '../../shared/error-codes';
import { errnoCode, errorMessage, ioError } from '../common/error-text';

/** Prefix of the hidden folder inside OUTDIR where the bundle is written until it is complete. */
export const STAGING_PREFIX = '.casekit-pack-';

export interface OutDir {
  dir: string;
  /** Hidden, inside `dir`: the same file system, so finishing is a rename per file. */
  staging: string;
  /** Moves the named files from staging into OUTDIR and removes staging. */
  commit(names: readonly string[]): Promise<void>;
  /** Removes everything this pack wrote (and OUTDIR itself when the pack created it). */
  discard(): Promise<void>;
}

async function nearestExisting(dir: string): Promise<string> {
  let at = path.resolve(dir);
  for (;;) {
    if (
      await fs.stat(at).then(
        () => true,
        () => false,
      )
    )
      return at;
    const parent = path.dirname(at);
    if (parent === at) return at;
    at = parent;
  }
}

/** Free space for an unprivileged user where OUTDIR is (or will be). */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await fs.statfs(await nearestExisting(dir));
  return stats.bavail * stats.bsize;
}

/**
 * OUTDIR must be empty or missing, so parts of an older bundle never mix in.
 * `upperBound` (the source's size plus archive overhead: compression only
 * shrinks logs) must fit in the free space.
 */
export async function prepareOutDir(dir: string, upperBound: number): Promise<OutDir> {
  const existing = await fs.readdir(dir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    if (errnoCode(error) === 'ENOTDIR') {
      throw new CasekitError(
        'INVALID_INPUT',
        `The output ${dir} is a file, not a folder. Name an empty or new folder.`,
      );
    }
    throw ioError(`read the output folder ${dir}`, error);
  });
  if (existing !== null && existing.length > 0) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The output folder ${dir} is not empty (${existing.length} entr${existing.length === 1 ? 'y' : 'ies'}, e.g. ${existing[0]}). A bundle goes into an empty or new folder so that parts of another bundle never mix in; name another folder or empty this one.`,
    );
  }
  const free = await freeBytes(dir);
  if (free < upperBound) {
    throw new CasekitError(
      'LOCAL_DISK_FULL',
      `The bundle may take up to ${formatByteSize(upperBound)} but only ${formatByteSize(free)} is free where ${dir} is. Free some space or pack to another disk.`,
    );
  }
  const created = existing === null;
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw ioError(`create the output folder ${dir}`, error);
  }
  const staging = await fs.mkdtemp(path.join(dir, STAGING_PREFIX));
  const discard = async () => {
    await fs.rm(staging, { recursive: true, force: true });
    // only an OUTDIR this pack made, and only if nothing else arrived in it meanwhile
    if (created) await fs.rmdir(dir).catch(() => undefined);
  };
  return {
    dir,
    staging,
    discard,
    commit: async (names) => {
      try {
        for (const name of names) await fs.rename(path.join(staging, name), path.join(dir, name));
        await fs.rm(staging, { recursive: true, force: true });
      } catch (error) {
        await Promise.all(names.map((name) => fs.rm(path.join(dir, name), { force: true })));
        await discard();
        throw new CasekitError(
          'IO_ERROR',
          `Could not move the bundle into ${dir} (${errorMessage(error)}); nothing was left there. Pack again.`,
        );
      }
    },
  };
}

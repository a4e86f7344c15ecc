import { promises as fs } from 'node:fs';
import { CasekitError } from '../../../shared/error-codes';

/** Free bytes for an unprivileged writer on the file system holding `folder`; injectable for tests. */
export type FreeSpace = (folder: string) => Promise<number>;

export const freeSpaceOf: FreeSpace = async (folder) => {
  const stats = await fs.statfs(folder);
  return stats.bavail * stats.bsize;
};

// Room left over for the file system's own blocks and for whatever else writes meanwhile.
const marginFor = (bytes: number) => Math.max(16 * 1024 * 1024, Math.ceil(bytes / 100));

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Throws LOCAL_DISK_FULL, naming what is needed against what is free, before a
 * byte is written: better than failing an hour into a copy. `what` names the copy.
 */
export async function ensureRoom(folder: string, what: string, bytesToWrite: number, freeSpace = freeSpaceOf) {
  if (bytesToWrite <= 0) return;
  const free = await freeSpace(folder);
  const needed = bytesToWrite + marginFor(bytesToWrite);
  if (free < needed)
    throw new CasekitError(
      'LOCAL_DISK_FULL',
      `Not enough free space in ${folder}: copying ${what} needs ${mb(needed)} but only ${mb(free)} is free. Free some space or choose another folder.`,
    );
}

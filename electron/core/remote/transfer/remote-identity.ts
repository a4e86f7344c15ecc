import type { SFTPWrapper, Stats } from 'ssh2';
import { sftpCloseQuietly, sftpFstat, sftpOpen, sftpRead, sftpStat } from './sftp-calls';

export interface ChangeCheck {
  /** Why the file at the path is no longer the one we copied; null if it still is. */
  changed: string | null;
  /** It grew while we copied (a log being written): we copied the size it had when opened. */
  grew: boolean;
}

const sameFile = (a: Stats, b: Stats) =>
  a.size === b.size && a.mtime === b.mtime && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;

/**
 * Compares the open file with what it was when opened, and with whatever the
 * path names now. SFTP has no inode numbers, so a rotation (rename, then a new
 * file under the old name) shows as the handle and the path disagreeing: the
 * handle still reads the old file. A log written meanwhile can make the two
 * differ for an instant, hence the few tries. Times have one-second steps, so
 * a same-size file put there within the second is caught by `tail` (our last
 * bytes, ending at opened.size) not being what the path holds.
 */
export async function checkUnchanged(
  sftp: SFTPWrapper,
  handle: Buffer,
  remotePath: string,
  opened: Stats,
  tail: Buffer,
): Promise<ChangeCheck> {
  for (let attempt = 0; ; attempt += 1) {
    const [byHandle, byPath] = await Promise.all([
      sftpFstat(sftp, handle),
      sftpStat(sftp, remotePath).catch(() => null),
    ]);
    if (byHandle.size < opened.size)
      return { changed: `it shrank from ${opened.size} to ${byHandle.size} bytes`, grew: false };
    if (byHandle.size === opened.size && byHandle.mtime !== opened.mtime)
      return { changed: 'it was rewritten in place', grew: false };
    if (byPath === null) return { changed: 'it was moved away or deleted', grew: false };
    if (sameFile(byHandle, byPath)) {
      if (tail.length > 0 && !(await pathHasTail(sftp, remotePath, tail, opened.size)))
        return { changed: 'its name now points at another file', grew: false };
      return { changed: null, grew: byHandle.size > opened.size };
    }
    if (attempt === 2) return { changed: 'its name now points at another file', grew: false };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads [position, position + buffer.length) of an open remote file; fewer bytes only at its end. */
export async function readRemote(sftp: SFTPWrapper, handle: Buffer, buffer: Buffer, position: number) {
  let filled = 0;
  while (filled < buffer.length) {
    const bytes = await sftpRead(sftp, handle, buffer, filled, buffer.length - filled, position + filled);
    if (bytes === 0) break;
    filled += bytes;
  }
  return filled;
}

/** True if `tail`, which ends at byte `end` of our copy, is what the remote file holds there. */
export async function remoteHasTail(sftp: SFTPWrapper, handle: Buffer, tail: Buffer, end: number): Promise<boolean> {
  const remote = Buffer.alloc(tail.length);
  const got = await readRemote(sftp, handle, remote, end - tail.length);
  return got === tail.length && remote.equals(tail);
}

/** Like `remoteHasTail` for whatever file the path names now (it may have been replaced). */
export async function pathHasTail(sftp: SFTPWrapper, remotePath: string, tail: Buffer, end: number) {
  const handle = await sftpOpen(sftp, remotePath).catch(() => null);
  if (handle === null) return false;
  try {
    return await remoteHasTail(sftp, handle, tail, end);
  } catch {
    return false;
  } finally {
    await sftpCloseQuietly(sftp, handle);
  }
}

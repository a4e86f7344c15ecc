import path from 'node:path/posix';
import type { FileEntryWithStats, SFTPWrapper } from 'ssh2';
import { sftpRealpath, sftpStat } from './sftp-calls';
import { unsafeNameReason } from './safe-name';

export interface RemoteFile {
  /** Names from the root down to the file, each checked to be one safe path segment. */
  segments: string[];
  /** Where to read it: for a symlink inside the tree, its resolved target. */
  readPath: string;
  size: number;
  mtime: number;
}

export interface Skipped {
  remotePath: string;
  reason: string;
}

const readdir = (sftp: SFTPWrapper, dir: string) =>
  new Promise<FileEntryWithStats[]>((resolve, reject) =>
    sftp.readdir(dir, (err, list) => (err ? reject(err) : resolve(list))),
  );

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/**
 * Lists the regular files below `root` on the server. Folders are entered only
 * as real folders, never through a symlink; a symlink to a file is kept only if
 * its target resolves inside the tree, and is then read at that target so it
 * cannot be re-pointed between the check and the copy.
 */
export async function listRemoteTree(
  sftp: SFTPWrapper,
  root: string,
  platform?: NodeJS.Platform,
): Promise<{ files: RemoteFile[]; skipped: Skipped[] }> {
  const realRoot = await sftpRealpath(sftp, root);
  const inside = (target: string) => target === realRoot || target.startsWith(`${realRoot}/`.replace('//', '/'));
  const files: RemoteFile[] = [];
  const skipped: Skipped[] = [];
  const pending: string[][] = [[]];
  for (let segments = pending.pop(); segments; segments = pending.pop()) {
    const dir = path.join(realRoot, ...segments);
    const entries = await readdir(sftp, dir);
    entries.sort((a, b) => (a.filename < b.filename ? -1 : 1));
    for (const entry of entries) {
      if (entry.filename === '.' || entry.filename === '..') continue;
      const remotePath = `${dir}/${entry.filename}`;
      const reason = unsafeNameReason(entry.filename, platform);
      if (reason !== null) {
        skipped.push({ remotePath, reason });
        continue;
      }
      const here = [...segments, entry.filename];
      const type = entry.attrs.mode & S_IFMT;
      if (type === S_IFDIR) pending.push(here);
      else if (type === S_IFREG)
        files.push({ segments: here, readPath: remotePath, size: entry.attrs.size, mtime: entry.attrs.mtime });
      else if (type === S_IFLNK) {
        const target = await sftpRealpath(sftp, remotePath).catch(() => null);
        const stats = target === null ? null : await sftpStat(sftp, target).catch(() => null);
        if (target === null || stats === null) skipped.push({ remotePath, reason: 'the symlink is broken' });
        else if (!inside(target))
          skipped.push({ remotePath, reason: `the symlink points outside the folder (${target})` });
        else if (!stats.isFile())
          skipped.push({ remotePath, reason: 'the symlink points to a folder, which is not followed' });
        else files.push({ segments: here, readPath: target, size: stats.size, mtime: stats.mtime });
      } else skipped.push({ remotePath, reason: 'it is not a regular file (device, socket or pipe)' });
    }
  }
  return { files, skipped };
}

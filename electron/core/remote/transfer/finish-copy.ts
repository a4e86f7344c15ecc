import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { ensureRoom, type FreeSpace } from './disk-space';
import { closePart, completePart, openPart, partPathOf, readTail, stillPrefix, type OpenPart } from './part-file';
import { checkUnchanged, pathHasTail, remoteHasTail } from './remote-identity';
import { sftpFstat } from './sftp-calls';
import { remoteChangedError } from './transfer-errors';
import { untilSettledOrAborted, verifySha256, type RemoteSha256 } from './verify';

/** One copy of `remotePath` (open as `handle`, as it was when `opened`) into `part`. */
export interface CopyInProgress {
  sftp: SFTPWrapper;
  handle: Buffer;
  remotePath: string;
  opened: Stats;
  part: OpenPart;
  partPath: string;
  localPath: string;
}

/**
 * Opens `<localPath>.part` for a copy of the remote file open as `handle`:
 * resumed if what it holds is still the start of that file, emptied if not,
 * after checking there is room for the bytes still to come.
 */
export async function startCopy(
  sftp: SFTPWrapper,
  handle: Buffer,
  opened: Stats,
  remotePath: string,
  localPath: string,
  freeSpace?: FreeSpace,
): Promise<CopyInProgress> {
  const total = opened.size;
  const partPath = partPathOf(localPath);
  const already = await fs.stat(partPath).then(
    (stats) => (stats.size <= total ? stats.size : 0),
    () => 0,
  );
  await ensureRoom(path.dirname(localPath), path.basename(localPath), total - already, freeSpace);
  const part = await openPart(partPath, total, (tail, end) => remoteHasTail(sftp, handle, tail, end));
  return { sftp, handle, remotePath, opened, part, partPath, localPath };
}

/**
 * The file ended before the size it had when opened: it was truncated. The
 * .part is kept only if it is still a prefix of what the file holds now.
 */
export async function endedEarly(copy: CopyInProgress, at: number): Promise<CasekitError> {
  const { sftp, handle, part, partPath, remotePath, opened } = copy;
  const size = (await sftpFstat(sftp, handle).catch(() => null))?.size ?? at;
  const keep = await stillPrefix(part.file, size, (tail, end) => remoteHasTail(sftp, handle, tail, end));
  await closePart(part.file, partPath, keep);
  return remoteChangedError(remotePath, `it shrank from ${opened.size} to ${size} bytes`);
}

/**
 * Once every byte is in the .part: checks that the file on the server is still
 * the one copied, compares checksums when the server can compute one, and only
 * then renames the .part into place with the remote times. A .part that cannot
 * serve a resume any more is deleted before the error is thrown.
 */
export async function finishCopy(
  copy: CopyInProgress,
  sha256: string,
  verify: { remoteSha256: RemoteSha256 | undefined; signal: AbortSignal },
): Promise<{ verified: 'sha256' | 'size'; grew: boolean }> {
  const { sftp, handle, part, partPath, remotePath, localPath, opened } = copy;
  const total = opened.size;
  const check = await checkUnchanged(sftp, handle, remotePath, opened, await readTail(part.file, total));
  if (check.changed !== null) {
    const keep = await stillPrefix(part.file, total, (tail, end) => pathHasTail(sftp, remotePath, tail, end));
    await closePart(part.file, partPath, keep);
    throw remoteChangedError(remotePath, check.changed);
  }
  const verified = await untilSettledOrAborted(
    part.file.stat().then(({ size }) => {
      if (size !== total)
        throw new CasekitError('TRANSFER_VERIFY_FAILED', `The copy of ${remotePath} has ${size} bytes, not ${total}.`);
      return verifySha256(remotePath, total, sha256, verify.remoteSha256);
    }),
    verify.signal,
  ).catch(async (err: unknown) => {
    if (err instanceof CasekitError && err.code === 'TRANSFER_VERIFY_FAILED')
      await closePart(part.file, partPath, false);
    throw err;
  });
  await completePart(part.file, partPath, localPath, opened);
  return { verified, grew: check.grew };
}

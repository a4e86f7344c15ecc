import { constants, promises as fs } from 'node:fs';
import { localError } from './transfer-errors';

/** Where an unfinished copy of `localPath` lives until it is verified. */
export const partPathOf = (localPath: string): string => `${localPath}.part`;

/** Bytes of the local tail compared with the server before resuming. */
export const TAIL_CHECK_BYTES = 64 * 1024;

export interface OpenPart {
  file: fs.FileHandle;
  /** Bytes already present: a prefix of the remote file, to resume after. */
  length: number;
}

/**
 * Compares the end of what we already have with the same bytes on the server:
 * a .part left by an older copy of a since-rotated file would otherwise be
 * glued to the new file's tail.
 */
export type TailCheck = (tail: Buffer, position: number) => Promise<boolean>;

// Never follow a symlink someone planted where our .part goes.
const OPEN_FLAGS = constants.O_RDWR | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/** Opens `partPath` for writing, keeping what it holds only if it can still be a prefix of `remoteSize` bytes. */
export async function openPart(partPath: string, remoteSize: number, tailMatches: TailCheck): Promise<OpenPart> {
  let file: fs.FileHandle;
  try {
    file = await fs.open(partPath, OPEN_FLAGS, 0o644);
  } catch (err) {
    throw localError(err, 'create', partPath);
  }
  let step = 'read the unfinished copy';
  try {
    let { size: length } = await file.stat();
    const tail = length > 0 && length <= remoteSize ? await readTail(file, length) : null;
    // A failure to reach the server here is not a reason to throw away what we have.
    step = '';
    const resumable = tail !== null && (await tailMatches(tail, length));
    step = 'reset the unfinished copy';
    if (!resumable && length > 0) {
      await file.truncate(0);
      length = 0;
    }
    return { file, length };
  } catch (err) {
    await file.close();
    throw step === '' ? err : localError(err, step, partPath);
  }
}

/** The last bytes (up to TAIL_CHECK_BYTES) of the first `length` bytes of the .part. */
export async function readTail(file: fs.FileHandle, length: number): Promise<Buffer> {
  const size = Math.min(TAIL_CHECK_BYTES, length);
  const tail = Buffer.alloc(size);
  await file.read(tail, 0, size, length - size);
  return tail;
}

/** Writes `chunks` at `position`, all of them: writev may stop short. */
export async function writeAll(file: fs.FileHandle, chunks: Buffer[], position: number): Promise<number> {
  let pending = chunks;
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await file.writev(pending, at);
    at += bytesWritten;
    pending = dropBytes(pending, bytesWritten);
  }
  return at - position;
}

function dropBytes(chunks: Buffer[], count: number): Buffer[] {
  let left = count;
  const rest: Buffer[] = [];
  for (const chunk of chunks) {
    if (left >= chunk.length) left -= chunk.length;
    else {
      rest.push(left > 0 ? chunk.subarray(left) : chunk);
      left = 0;
    }
  }
  return rest;
}

/**
 * Makes a verified .part the real file: flushed to disk first, so that after a
 * power cut the name never points at a file whose bytes never reached the disk.
 */
export async function completePart(
  file: fs.FileHandle,
  partPath: string,
  localPath: string,
  times: { atime: number; mtime: number },
): Promise<void> {
  try {
    await file.sync();
    await file.close();
    await fs.utimes(partPath, times.atime, times.mtime);
    await fs.rename(partPath, localPath);
  } catch (err) {
    throw localError(err, 'finish', localPath);
  }
}

/** Closes the .part, and deletes it when what it holds is no use for a resume. */
export async function closePart(file: fs.FileHandle, partPath: string, keep: boolean): Promise<void> {
  await file.close().catch(() => undefined);
  if (!keep) await fs.rm(partPath, { force: true }).catch(() => undefined);
}

/**
 * Whether the .part, of which at most the first `length` bytes count, is still
 * a prefix of the remote file (as `matches` compares its tail), so worth keeping.
 */
export async function stillPrefix(
  file: fs.FileHandle,
  length: number,
  matches: (tail: Buffer, end: number) => Promise<boolean>,
): Promise<boolean> {
  try {
    const { size } = await file.stat();
    const end = Math.min(size, length);
    if (end === 0) return false;
    if (end < size) await file.truncate(end);
    return await matches(await readTail(file, end), end);
  } catch {
    return false;
  }
}

/** Hashes the first `length` bytes of `file` into `hash`: the part left by an earlier attempt. */
export async function hashPrefix(file: fs.FileHandle, length: number, update: (bytes: Buffer) => void): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(length, 4 << 20));
  for (let position = 0; position < length;) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, length - position), position);
    if (bytesRead === 0) throw new Error(`the file is shorter than ${length} bytes`);
    update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

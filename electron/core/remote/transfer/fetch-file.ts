import type { SFTPWrapper, Stats } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { readInOrder, RemoteEndedEarly } from './chunk-reader';
import type { FreeSpace } from './disk-space';
import { endedEarly, finishCopy, startCopy } from './finish-copy';
import { closePart } from './part-file';
import { createPartSink } from './part-sink';
import { ProgressMeter, type ProgressListener } from './progress-meter';
import type { RemoteSha256 } from './verify';
import {
  coalesceWrites,
  disableNagle,
  maxReadLength,
  sftpCloseQuietly,
  sftpFstat,
  sftpOpen,
  sftpSessionToRead,
  watchSession,
  type SftpTarget,
} from './sftp-calls';
import { cancelledError, connectionLostError, remoteError } from './transfer-errors';

export interface FetchFileOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Read requests in flight at once (default 32). */
  concurrency?: number;
  /** Bytes per read request (default: the most the server answers in one piece, 261,120 for OpenSSH). */
  chunkSize?: number;
  /** 'sha256' (default): also compare with the server's checksum when `remoteSha256` can give one. */
  verify?: 'sha256' | 'size';
  /** How to hash the first `bytes` bytes of the file on the server (e.g. `head -c N | sha256sum` over exec); null if it cannot. */
  remoteSha256?: RemoteSha256;
  /** Free bytes in a local folder; the real file system's by default. */
  freeSpace?: FreeSpace;
}

export interface FetchFileResult {
  /** Size of the copy: the size the remote file had when it was opened. */
  bytes: number;
  /** SHA-256 of the whole local copy, resumed part included. */
  sha256: string;
  /** Bytes that were already in `<localPath>.part` from an earlier attempt. */
  resumedFrom: number;
  verified: 'sha256' | 'size';
  /** The remote file grew while we copied (a log being written): the copy is the size it had when opened. */
  grewDuringCopy: boolean;
}

// 32 requests of 255 KiB (8 MB) keep ssh2's 2 MiB channel window full with room
// to spare; 64 measured no faster on loopback, held twice the buffers, and left
// twice as much queued on the server after a cancel.
const DEFAULT_CONCURRENCY = 32;

/**
 * Copies one remote file into `localPath` through `<localPath>.part`, which is
 * renamed only once the copy is complete and verified. A .part left by a
 * cancelled or broken attempt is resumed. Rejects with a CasekitError.
 */
export async function fetchFile(
  target: SftpTarget,
  remotePath: string,
  localPath: string,
  options: FetchFileOptions = {},
): Promise<FetchFileResult> {
  if (options.signal?.aborted) throw cancelledError(remotePath);
  const { sftp, owned } = await sftpSessionToRead(target, remotePath);
  disableNagle(target, sftp);
  const stopCoalescing = coalesceWrites(target, sftp);
  try {
    return await fetchOpenFile(sftp, remotePath, localPath, options);
  } finally {
    stopCoalescing();
    if (owned) sftp.end();
  }
}

async function fetchOpenFile(
  sftp: SFTPWrapper,
  remotePath: string,
  localPath: string,
  options: FetchFileOptions,
): Promise<FetchFileResult> {
  const session = watchSession(sftp);
  const signals = options.signal ? [options.signal, session.signal] : [session.signal];
  const signal = AbortSignal.any(signals);
  let handle: Buffer | undefined;
  try {
    handle = await sftpOpen(sftp, remotePath);
    const opened = await sftpFstat(sftp, handle);
    if (!opened.isFile())
      throw new CasekitError('IO_ERROR', `${remotePath} is not a regular file on the server, so it was not copied.`);
    return await copyToPart(sftp, handle, opened, remotePath, localPath, { ...options, signal });
  } catch (err) {
    if (options.signal?.aborted) throw cancelledError(remotePath);
    if (session.signal.aborted) throw connectionLostError(remotePath, err);
    throw remoteError(err, 'read', remotePath);
  } finally {
    session.stop();
    // Not awaited: after a cancel the server answers the close only after every queued read.
    if (handle) void sftpCloseQuietly(sftp, handle);
  }
}

async function copyToPart(
  sftp: SFTPWrapper,
  handle: Buffer,
  opened: Stats,
  remotePath: string,
  localPath: string,
  options: FetchFileOptions & { signal: AbortSignal },
): Promise<FetchFileResult> {
  const total = opened.size;
  const copy = await startCopy(sftp, handle, opened, remotePath, localPath, options.freeSpace);
  const { part, partPath } = copy;
  const sink = createPartSink(part.file, partPath, part.length, total - part.length);
  const meter = new ProgressMeter(total, part.length, options.onProgress);
  try {
    await sink.start();
    meter.flush();
    const chunkSize = Math.min(options.chunkSize ?? Infinity, maxReadLength(sftp));
    const plan = { start: part.length, end: total, chunkSize, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY };
    await readInOrder(sftp, handle, { ...plan, signal: options.signal }, async (chunks, position) => {
      const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      const reusable = await sink.write(chunks, position);
      meter.add(bytes);
      return reusable;
    }).catch(async (err: unknown) => {
      throw err instanceof RemoteEndedEarly ? await endedEarly(copy, err.at) : err;
    });
    const sha256 = await sink.digest();
    const remoteSha256 = options.verify === 'size' ? undefined : options.remoteSha256;
    const { verified, grew } = await finishCopy(copy, sha256, { remoteSha256, signal: options.signal });
    meter.flush();
    return { bytes: total, sha256, resumedFrom: part.length, verified, grewDuringCopy: grew };
  } catch (err) {
    // Whatever is in the .part is a prefix of the file (or was deleted above): keep it for a resume.
    await closePart(part.file, partPath, true);
    throw err;
  } finally {
    meter.stop();
    sink.close();
  }
}

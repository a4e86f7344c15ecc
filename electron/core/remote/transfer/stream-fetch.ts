import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Client, SFTPWrapper } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import type { FetchFileOptions, FetchFileResult } from './fetch-file';
import { endedEarly, finishCopy, startCopy } from './finish-copy';
import { closePart } from './part-file';
import { PartWriter } from './part-writer';
import { ProgressMeter } from './progress-meter';
import { execVia, headCommand, sha256Over, shellQuote, type RemoteExec } from './remote-shell';
import { InlineSink } from './part-sink';
import { sftpCloseQuietly, sftpFstat, sftpOpen, sftpSession, watchSession } from './sftp-calls';
import { cancelledError, connectionLostError, isConnectionGone, remoteError } from './transfer-errors';

export type Compressor = 'gzip' | 'zstd';

export interface CompressedFetchOptions extends Pick<
  FetchFileOptions,
  'signal' | 'onProgress' | 'verify' | 'remoteSha256' | 'freeSpace'
> {
  compressor?: Compressor;
  /** How to run commands on the server (default: this client's exec); also hashes there unless `remoteSha256` is given. */
  exec?: RemoteExec;
  /** An SFTP session to stat the file with (default: a new one on the client). */
  sftp?: SFTPWrapper;
}

export interface CompressedFetchResult extends FetchFileResult {
  /** Compressed bytes that crossed the link. */
  wireBytes: number;
}

/** zstd streams can be decompressed only on Node versions that ship it (22.15+, 23.8+). */
export function localZstd(): (() => Transform) | null {
  const factory = (zlib as unknown as { createZstdDecompress?: unknown }).createZstdDecompress;
  return typeof factory === 'function' ? () => (factory as () => Transform)() : null;
}

const compressCommand = (compressor: Compressor) => (compressor === 'zstd' ? 'zstd -c -1 -q' : 'gzip -c -1');

/**
 * Copies a (text) file as a compressed stream: `gzip -c -1` (or zstd) runs on
 * the server over an exec channel and we decompress into `<localPath>.part`.
 * Only the size the file had when opened is sent (`head -c`), a .part from an
 * earlier attempt is resumed (`tail -c +N`), and the result is checked against
 * the server's sha256sum of the same bytes before it is renamed into place.
 */
export async function compressedFetch(
  client: Client,
  remotePath: string,
  localPath: string,
  options: CompressedFetchOptions = {},
): Promise<CompressedFetchResult> {
  if (options.signal?.aborted) throw cancelledError(remotePath);
  const compressor = options.compressor ?? 'gzip';
  const decompressor = compressor === 'zstd' ? localZstd() : () => zlib.createGunzip();
  if (!decompressor) throw new CasekitError('IO_ERROR', 'This version of Casekit cannot decompress zstd; use gzip.');
  const exec = options.exec ?? execVia(client);
  const session = options.sftp
    ? { sftp: options.sftp, owned: false }
    : await sftpSession(client).catch((err: unknown) => {
        throw remoteError(err, 'open an SFTP session to read', remotePath);
      });
  const { sftp } = session;
  const watch = watchSession(sftp);
  let handle: Buffer | undefined;
  try {
    handle = await sftpOpen(sftp, remotePath);
    const opened = await sftpFstat(sftp, handle);
    if (!opened.isFile())
      throw new CasekitError('IO_ERROR', `${remotePath} is not a regular file on the server, so it was not copied.`);
    const total = opened.size;
    const copy = await startCopy(sftp, handle, opened, remotePath, localPath, options.freeSpace);
    const { part, partPath } = copy;
    // The link is slow by definition here, so hashing on this thread costs nothing noticeable.
    const sink = new InlineSink(part.file, partPath, part.length);
    const meter = new ProgressMeter(total, part.length, options.onProgress);
    try {
      await sink.start();
      meter.flush();
      const { written, wireBytes } = await streamRange(exec, remotePath, part.length, total, compressor, {
        writer: new PartWriter(sink, part.length, (bytes) => meter.add(bytes)),
        decompress: decompressor(),
        signal: options.signal,
      });
      if (part.length + written < total) throw await endedEarly(copy, part.length + written);
      const sha256 = await sink.digest();
      const remoteSha256 = options.verify === 'size' ? undefined : (options.remoteSha256 ?? sha256Over(exec));
      const signal = options.signal ?? new AbortController().signal;
      const { verified, grew } = await finishCopy(copy, sha256, { remoteSha256, signal });
      meter.flush();
      const result = { bytes: total, sha256, resumedFrom: part.length, verified, grewDuringCopy: grew };
      return { ...result, wireBytes };
    } catch (err) {
      // Whatever is in the .part is a prefix of the file (or was deleted above): keep it for a resume.
      await closePart(part.file, partPath, true);
      throw err;
    } finally {
      meter.stop();
    }
  } catch (err) {
    if (options.signal?.aborted) throw cancelledError(remotePath);
    if (watch.signal.aborted || isConnectionGone(err)) throw connectionLostError(remotePath, err);
    throw remoteError(err, 'read', remotePath);
  } finally {
    watch.stop();
    if (handle) void sftpCloseQuietly(sftp, handle);
    if (session.owned) sftp.end();
  }
}

interface StreamSinks {
  writer: PartWriter;
  decompress: Transform;
  signal: AbortSignal | undefined;
}

/** Streams bytes [from, to) of the file compressed, and decompresses them into the writer. */
async function streamRange(
  exec: RemoteExec,
  remotePath: string,
  from: number,
  to: number,
  compressor: Compressor,
  { writer, decompress, signal }: StreamSinks,
): Promise<{ written: number; wireBytes: number }> {
  const source =
    from === 0
      ? headCommand(remotePath, to)
      : `tail -c +${from + 1} -- ${shellQuote(remotePath)} | head -c ${to - from}`;
  const channel = await exec(`${source} | ${compressCommand(compressor)}`);
  let stderr = '';
  let exitCode: number | null = null;
  let wireBytes = 0;
  channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  channel.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
  channel.on('exit', (code: number | null) => (exitCode = code));
  const closed = new Promise<void>((resolve) => channel.once('close', resolve));
  await pipeline(channel, decompress, writer, signal ? { signal } : {});
  await closed;
  if (exitCode !== 0 || stderr.trim() !== '') throw commandError(remotePath, stderr, exitCode);
  return { written: writer.written, wireBytes };
}

function commandError(remotePath: string, stderr: string, exitCode: number | null): CasekitError {
  const text = stderr.trim() || `exit code ${exitCode}`;
  if (/No such file/i.test(text)) return new CasekitError('NOT_FOUND', `${remotePath} does not exist on the server.`);
  if (/Permission denied/i.test(text))
    return new CasekitError('PERMISSION_DENIED', `The server refused to let this account read ${remotePath}.`);
  return new CasekitError('IO_ERROR', `The compressed copy of ${remotePath} failed on the server: ${text}`);
}

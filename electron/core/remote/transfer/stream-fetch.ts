import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import type { FetchFileOptions, FetchFileResult } from './fetch-file';
import { endedEarly, finishCopy, startCopy } from './finish-copy';
import { closePart } from './part-file';
import { PartWriter } from './part-writer';
import { ProgressMeter } from './progress-meter';
import {
  armCommand,
  armSha256,
  execVia,
  rangeCommand,
  rangeFromInputCommand,
  sha256Over,
  type ArmedCommand,
  type RemoteExec,
} from './remote-shell';
import type { RemoteSha256 } from './verify';
import { disableNagle, sftpCloseQuietly, sftpFstat, sftpOpen, sftpSessionToRead, watchSession } from './sftp-calls';
import { cancelledError, connectionLostError, isConnectionGone, remoteError } from './transfer-errors';

export type Compressor = 'gzip' | 'zstd';

export interface StreamFetchOptions extends Pick<
  FetchFileOptions,
  'signal' | 'onProgress' | 'verify' | 'remoteSha256' | 'freeSpace'
> {
  /** null (default): the bytes as they are, like scp; or compressed on the server for a slow link. */
  compressor?: Compressor | null;
  /** How to run commands on the server (default: this client's exec); also hashes there unless `remoteSha256` is given. */
  exec?: RemoteExec;
  /** An SFTP session to stat the file with (default: a new one on the client). */
  sftp?: SFTPWrapper;
}

export interface StreamFetchResult extends FetchFileResult {
  /** Bytes that crossed the link (compressed ones when compressed). */
  wireBytes: number;
}

/** zstd streams can be decompressed only on Node versions that ship it (22.15+, 23.8+). */
export function localZstd(): (() => Transform) | null {
  const factory = (zlib as unknown as { createZstdDecompress?: unknown }).createZstdDecompress;
  return typeof factory === 'function' ? () => (factory as () => Transform)() : null;
}

const compressCommand = (compressor: Compressor) => (compressor === 'zstd' ? 'zstd -c -1 -q' : 'gzip -c -1');

/**
 * Copies a file as one stream over an exec channel, like scp: the bytes up to
 * the size the file had when opened (from the .part's end when resuming),
 * compressed on the server by `gzip -c -1` or zstd for text on a slow link.
 * Per byte it costs the client half what SFTP does (no request per 255 KiB,
 * no reassembly of SFTP packets), which is what decides the speed on a fast
 * link. The server's checksum of the same bytes is computed while the bytes
 * flow, and the .part is renamed into place only once they match.
 */
export async function streamFetch(
  client: Client,
  remotePath: string,
  localPath: string,
  options: StreamFetchOptions = {},
): Promise<StreamFetchResult> {
  if (options.signal?.aborted) throw cancelledError(remotePath);
  const compressor = options.compressor ?? null;
  const decompressor = compressor === null ? null : compressor === 'zstd' ? localZstd() : () => zlib.createGunzip();
  if (compressor !== null && !decompressor)
    throw new CasekitError('IO_ERROR', 'This version of Casekit cannot decompress zstd; use gzip.');
  disableNagle(client);
  const exec = options.exec ?? execVia(client);
  // With our own exec, the commands start now and wait for their range on their
  // input, so the server's shell and session start while SFTP gives the size.
  // Another exec (sudo, su) may need the input for a password: it starts them when the range is known.
  const ahead = options.exec === undefined;
  const stream = ahead
    ? armCommand(exec, withCompression(rangeFromInputCommand(remotePath), compressor))
    : deferred(exec, remotePath, compressor);
  const serverHash =
    options.verify === 'size' || options.remoteSha256 ? undefined : ahead ? armSha256(exec, remotePath) : undefined;
  let fired = false;
  const session = options.sftp ? { sftp: options.sftp, owned: false } : await sftpSessionToRead(client, remotePath);
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
    const meter = new ProgressMeter(total, part.length, options.onProgress);
    const writer = new PartWriter(part.file, partPath, part.length, (bytes) => meter.add(bytes));
    try {
      await writer.takeInPrefix();
      meter.flush();
      // Started now, so that the server hashes while it sends instead of after.
      const hashing =
        options.verify === 'size'
          ? undefined
          : early(serverHash?.hash ?? options.remoteSha256 ?? sha256Over(exec), remotePath, total);
      fired = true;
      const channel = stream.fire(part.length, total - part.length);
      const { written, wireBytes } = await streamRange(channel, remotePath, {
        writer,
        decompress: decompressor?.() ?? null,
        signal: options.signal,
      });
      if (part.length + written < total) throw await endedEarly(copy, part.length + written);
      const sha256 = writer.digest();
      const signal = options.signal ?? new AbortController().signal;
      const { verified, grew } = await finishCopy(copy, sha256, { remoteSha256: hashing, signal });
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
    if (!fired) {
      stream.abandon();
      serverHash?.abandon();
    }
    watch.stop();
    if (handle) void sftpCloseQuietly(sftp, handle);
    if (session.owned) sftp.end();
  }
}

const withCompression = (source: string, compressor: Compressor | null): string =>
  compressor === null ? source : `{ ${source}; } | ${compressCommand(compressor)}`;

/** The stream command, started only when fired: for an exec that may need the command's input itself. */
function deferred(exec: RemoteExec, remotePath: string, compressor: Compressor | null): ArmedCommand {
  return {
    fire: (from, count) => exec(withCompression(rangeCommand(remotePath, from, from + count), compressor)),
    abandon: () => undefined,
  };
}

/**
 * Starts `remoteSha256` for the first `bytes` bytes at once and gives a
 * RemoteSha256 that answers with that result. A failure is kept for when it
 * is asked for, so that a copy which stops first does not leave it unhandled.
 */
function early(remoteSha256: RemoteSha256, remotePath: string, bytes: number): RemoteSha256 {
  const started = remoteSha256({ remotePath, bytes });
  started.catch(() => undefined);
  return () => started;
}

interface StreamSinks {
  writer: PartWriter;
  decompress: Transform | null;
  signal: AbortSignal | undefined;
}

/** Takes the stream of the running command (compressed, then decompressed here, if asked) into the writer. */
async function streamRange(
  started: Promise<ClientChannel>,
  remotePath: string,
  { writer, decompress, signal }: StreamSinks,
): Promise<{ written: number; wireBytes: number }> {
  const channel = await started;
  let stderr = '';
  let exitCode: number | null = null;
  let wireBytes = 0;
  channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  channel.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
  channel.on('exit', (code: number | null) => (exitCode = code));
  const closed = new Promise<void>((resolve) => channel.once('close', resolve));
  const options = signal ? { signal } : {};
  await (decompress ? pipeline(channel, decompress, writer, options) : pipeline(channel, writer, options));
  await closed;
  if (exitCode !== 0 || stderr.trim() !== '') throw commandError(remotePath, stderr, exitCode);
  return { written: writer.written, wireBytes };
}

function commandError(remotePath: string, stderr: string, exitCode: number | null): CasekitError {
  const text = stderr.trim() || `exit code ${exitCode}`;
  if (/No such file/i.test(text)) return new CasekitError('NOT_FOUND', `${remotePath} does not exist on the server.`);
  if (/Permission denied/i.test(text))
    return new CasekitError('PERMISSION_DENIED', `The server refused to let this account read ${remotePath}.`);
  return new CasekitError('IO_ERROR', `Streaming ${remotePath} from the server failed: ${text}`);
}

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CasekitError } from '../../../shared/error-codes';
import type { ExecOptions, ExecResult } from '../../remote/exec';
import type { FetchFileResult } from '../../remote/transfer';
import { ensureRoom } from '../../remote/transfer/disk-space';
import { closePart, completePart, openPart, partPathOf, type OpenPart } from '../../remote/transfer/part-file';
import { PartWriter } from '../../remote/transfer/part-writer';
import { ProgressMeter } from '../../remote/transfer/progress-meter';
import { rangeCommand, shellQuote } from '../../remote/transfer/remote-shell';
import { cancelledError, remoteChangedError } from '../../remote/transfer/transfer-errors';
import type { HostFetchOptions } from '../collect-host';

/** Runs a shell command line as root (runAsRoot with the session's sudo password provider). */
export type RootRun = (commandLine: string, options: ExecOptions) => Promise<ExecResult>;

const SHORT_MS = 60_000;

/**
 * Copies a file the login may not read, as root: `dd`/`tail` of the bytes
 * still missing, streamed through sudo (which may need the password on its
 * input, so SFTP, which opens the file as the login, cannot serve). Bytes go
 * to `<local>.part` (resumed when its tail still matches the server's bytes),
 * then the size and a root `sha256sum` of the same bytes are compared before
 * the rename. A disk slower than the link holds the channel (and so the
 * server) back, rather than the difference piling up in memory.
 */
export async function rootStreamFetch(
  asRoot: RootRun,
  remotePath: string,
  localPath: string,
  options: HostFetchOptions = {},
): Promise<FetchFileResult> {
  const { signal } = options;
  if (signal?.aborted) throw cancelledError(remotePath);
  const { size, mtime } = await rootStat(asRoot, remotePath, signal);
  const partPath = partPathOf(localPath);
  const already = await fs.stat(partPath).then(
    (stats) => (stats.size <= size ? stats.size : 0),
    () => 0,
  );
  await ensureRoom(path.dirname(localPath), path.basename(localPath), size - already);
  const part = await openPart(partPath, size, (tail, end) => rootHasTail(asRoot, remotePath, tail, end, signal));
  let keep = true;
  const meter = new ProgressMeter(size, part.length, options.onProgress);
  try {
    const writer = new PartWriter(part.file, partPath, part.length, (bytes) => meter.add(bytes));
    await writer.takeInPrefix();
    meter.flush();
    const written = await streamAsRoot(asRoot, remotePath, part, size, writer, signal);
    if (part.length + written < size) {
      keep = false;
      throw remoteChangedError(remotePath, `it ended after ${part.length + written} of ${size} bytes`);
    }
    const sha256 = writer.digest();
    const server = await rootSha256(asRoot, remotePath, size, signal);
    if (server.sha256 !== sha256) {
      keep = false;
      throw new CasekitError(
        'TRANSFER_VERIFY_FAILED',
        `The copy of ${remotePath} does not match the server's checksum (ours ${sha256}, the server's ${server.sha256}); it was discarded. Copy it again.`,
      );
    }
    await completePart(part.file, partPath, localPath, { atime: mtime, mtime });
    meter.flush();
    return {
      bytes: size,
      sha256,
      resumedFrom: part.length,
      verified: 'sha256',
      grewDuringCopy: server.sizeNow > size,
    };
  } catch (err) {
    await closePart(part.file, partPath, keep);
    if (signal?.aborted) throw cancelledError(remotePath);
    throw err;
  } finally {
    meter.stop();
  }
}

async function rootStat(
  asRoot: RootRun,
  remotePath: string,
  signal: AbortSignal | undefined,
): Promise<{ size: number; mtime: number }> {
  const result = await asRoot(`LC_ALL=C stat -L -c '%s %Y %F' -- ${shellQuote(remotePath)}`, {
    signal,
    timeoutMs: SHORT_MS,
  });
  const said = result.stderr.toString('utf8').trim();
  if (result.exitCode !== 0) {
    if (/No such file/i.test(said)) throw new CasekitError('NOT_FOUND', `${remotePath} does not exist on the server.`);
    throw new CasekitError(
      'IO_ERROR',
      `Could not look at ${remotePath} on the server as root (${said || `exit status ${result.exitCode}`}).`,
    );
  }
  const match = /^(\d+) (\d+) (.*)$/.exec(result.stdout.toString('utf8').trim());
  if (!match) throw new CasekitError('IO_ERROR', `The server described ${remotePath} in a way Casekit cannot read.`);
  if (!/^regular (empty )?file$/.test(match[3] as string))
    throw new CasekitError('IO_ERROR', `${remotePath} is not a regular file on the server, so it was not copied.`);
  return { size: Number(match[1]), mtime: Number(match[2]) };
}

async function rootHasTail(
  asRoot: RootRun,
  remotePath: string,
  tail: Buffer,
  end: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const result = await asRoot(rangeCommand(remotePath, end - tail.length, end), {
    signal,
    timeoutMs: SHORT_MS,
    maxCollectBytes: tail.length + 1,
  });
  return result.exitCode === 0 && result.stdout.equals(tail);
}

async function streamAsRoot(
  asRoot: RootRun,
  remotePath: string,
  part: OpenPart,
  size: number,
  writer: PartWriter,
  signal: AbortSignal | undefined,
): Promise<number> {
  const source = new PassThrough({ highWaterMark: 1024 * 1024 });
  const sink = pipeline(source, writer);
  // The sink may fail (disk full) while the command runs; the failure is read after it.
  sink.catch(() => undefined);
  let result: ExecResult;
  try {
    result = await asRoot(rangeCommand(remotePath, part.length, size), {
      signal,
      // Past the PassThrough's mark, further output waits until the writer has taken it (or failed).
      onStdout: (chunk) =>
        source.write(chunk)
          ? undefined
          : new Promise<void>((resolve) => {
              source.once('drain', resolve);
              source.once('close', resolve);
            }),
      // The bytes go to the .part, not into memory; stderr is kept for the error message.
      maxCollectBytes: 64 * 1024,
      label: `reading ${remotePath} as root`,
    });
  } finally {
    source.end();
  }
  await sink;
  const said = result.stderr.toString('utf8').trim();
  if (result.exitCode !== 0 || said !== '') {
    if (/No such file/i.test(said)) throw new CasekitError('NOT_FOUND', `${remotePath} does not exist on the server.`);
    throw new CasekitError(
      'IO_ERROR',
      `Reading ${remotePath} as root failed: ${said || `exit status ${result.exitCode}`}.`,
    );
  }
  return writer.written;
}

async function rootSha256(
  asRoot: RootRun,
  remotePath: string,
  bytes: number,
  signal: AbortSignal | undefined,
): Promise<{ sha256: string; sizeNow: number }> {
  const hash = `{ ${rangeCommand(remotePath, 0, bytes)}; } | sha256sum; stat -L -c %s -- ${shellQuote(remotePath)}`;
  const result = await asRoot(hash, { signal, label: `sha256sum ${remotePath}` });
  const match = /^([0-9a-f]{64})\b[^\n]*\n(\d+)\s*$/.exec(result.stdout.toString('utf8'));
  const said = result.stderr.toString('utf8').trim();
  if (result.exitCode !== 0 || said !== '' || !match)
    throw new CasekitError(
      'IO_ERROR',
      `The server could not compute the checksum of ${remotePath} as root: ${said || `exit status ${result.exitCode}`}.`,
    );
  return { sha256: match[1] as string, sizeNow: Number(match[2]) };
}

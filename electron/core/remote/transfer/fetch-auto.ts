import { promises as fs } from 'node:fs';
import type { Client, SFTPWrapper } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { fetchFile, type FetchFileOptions, type FetchFileResult } from './fetch-file';
import { partPathOf } from './part-file';
import { execVia, serverCompressors, type RemoteExec } from './remote-shell';
import { sftpSessionToRead, sftpStat } from './sftp-calls';
import { localZstd, streamFetch } from './stream-fetch';
import { chooseTransferMode, estimateCompressionRatio, type TransferMode } from './transfer-mode';
import { remoteError } from './transfer-errors';

export interface AutoFetchOptions extends FetchFileOptions {
  /**
   * 'auto' (default): a plain stream for large files (SFTP for small ones, or
   * when the server cannot run commands), switching to a compressed stream if
   * the link turns out slow.
   */
  mode?: 'auto' | TransferMode;
  /** Files from this size on are streamed in 'auto' mode (default 8 MiB); smaller ones go by SFTP. */
  streamFrom?: number;
  exec?: RemoteExec;
  /**
   * The SFTP session for the plain copy (default: a new one, ended when the copy
   * stops, so that the server drops the reads still queued for it instead of
   * sending them down a slow link before the compressed stream can start).
   */
  sftp?: SFTPWrapper;
  /** How long plain SFTP runs before its speed decides (default 1 s). */
  probeMs?: number;
}

const SAMPLE_BYTES = 1024 * 1024;
// An exec costs a round trip or more (the server forks a shell, PAM opens a
// session): below this size SFTP, on the session already open, finishes first.
const STREAM_FROM = 8 * 1024 * 1024;
// Errors after which SFTP would fail the same way, or must not be tried.
const FINAL_CODES = new Set(['CANCELLED', 'CONNECTION_LOST', 'LOCAL_DISK_FULL', 'REMOTE_FILE_CHANGED', 'NOT_FOUND']);

/**
 * Fetches a file the fastest way the link allows. The link is measured on the
 * first second of the real transfer, so nothing is read twice: if compression
 * would clearly win, the plain copy stops and the compressed stream resumes
 * after the bytes already in `.part`, with the ratio estimated from them. A
 * stream that cannot run (no shell, no `head`) is resumed by SFTP.
 */
export async function fetchAuto(
  client: Client,
  remotePath: string,
  localPath: string,
  options: AutoFetchOptions = {},
): Promise<FetchFileResult & { mode: TransferMode }> {
  const exec = options.exec ?? execVia(client);
  const target = options.sftp ?? client;
  const choice = options.mode ?? 'auto';
  const localHasZstd = localZstd() !== null;
  // Asked only when compression could matter: each question is an exec, and that costs a round trip or more.
  const codecs = async () => {
    const found = await serverCompressors(exec).catch(() => null);
    return { serverHasGzip: found?.gzip ?? false, serverHasZstd: found?.zstd ?? false, localHasZstd };
  };
  const viaCompression = async (mode: 'gzip' | 'zstd') => {
    const compressed = { ...options, compressor: mode, exec, sftp: undefined };
    const { wireBytes: _wire, ...result } = await streamFetch(client, remotePath, localPath, compressed);
    return { ...result, mode };
  };
  const sftpCopy = async (extra: Partial<FetchFileOptions> = {}) => ({
    ...(await fetchFile(target, remotePath, localPath, { ...options, ...extra })),
    mode: 'sftp' as const,
  });
  const streamCopy = async (extra: Partial<FetchFileOptions> = {}) => {
    const plainOptions = { ...options, ...extra, compressor: null, exec, sftp: options.sftp };
    const { wireBytes: _wire, ...result } = await streamFetch(client, remotePath, localPath, plainOptions);
    return { ...result, mode: 'stream' as const };
  };

  if (choice === 'sftp') return sftpCopy();
  if (choice === 'stream') return streamCopy();
  if (choice !== 'auto') {
    const mode = chooseTransferMode({
      ...(await codecs()),
      userChoice: choice,
      linkBytesPerSec: 0,
      compressionRatioEstimate: 1,
    });
    return mode === 'gzip' || mode === 'zstd' ? viaCompression(mode) : sftpCopy();
  }
  const size = await remoteSize(target, remotePath);
  const plain = size >= (options.streamFrom ?? STREAM_FROM) ? 'stream' : 'sftp';
  const copyPlain = async (extra: Partial<FetchFileOptions> = {}) => {
    if (plain === 'sftp') return sftpCopy(extra);
    return streamCopy(extra).catch((err: unknown) => {
      const final = !(err instanceof CasekitError) || FINAL_CODES.has(err.code);
      if (final || options.signal?.aborted || extra.signal?.aborted) throw err;
      // SFTP resumes after whatever the stream put in the .part.
      return sftpCopy(extra);
    });
  };

  const probe = new AbortController();
  let decision: Promise<TransferMode> | undefined;
  let since: { at: number; bytes: number } | undefined;
  const probeMs = options.probeMs ?? 1000;
  const decide = async (rate: number): Promise<TransferMode> => {
    // Even a perfect ratio with every codec would not make compression pay: no need to ask or look.
    const best = { serverHasGzip: true, serverHasZstd: true, localHasZstd };
    if (chooseTransferMode({ ...best, plain, linkBytesPerSec: rate, compressionRatioEstimate: 0 }) === plain)
      return plain;
    // The .part grows in order, so its start is already on disk while the copy goes on.
    const ratio = estimateCompressionRatio(await readSample(partPathOf(localPath)));
    const found = await codecs();
    const mode = chooseTransferMode({ ...found, plain, linkBytesPerSec: rate, compressionRatioEstimate: ratio });
    if (mode !== plain) probe.abort();
    return mode;
  };
  try {
    return await copyPlain({
      signal: options.signal ? AbortSignal.any([options.signal, probe.signal]) : probe.signal,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        const now = performance.now();
        since ??= { at: now, bytes: progress.bytesDone };
        if (decision || now - since.at < probeMs) return;
        decision = decide(((progress.bytesDone - since.bytes) * 1000) / (now - since.at)).catch(() => plain);
      },
    });
  } catch (err) {
    const switching = probe.signal.aborted && !options.signal?.aborted;
    if (!switching || !(err instanceof CasekitError) || err.code !== 'CANCELLED') throw err;
  }
  const mode = await (decision ?? plain);
  if (mode === 'gzip' || mode === 'zstd') return viaCompression(mode);
  return copyPlain();
}

/** The file's size now, to choose how to copy it (the copy itself takes the size it has when opened). */
async function remoteSize(target: Client | SFTPWrapper, remotePath: string): Promise<number> {
  const { sftp, owned } = await sftpSessionToRead(target, remotePath);
  try {
    return (await sftpStat(sftp, remotePath)).size;
  } catch (err) {
    throw remoteError(err, 'read', remotePath);
  } finally {
    if (owned) sftp.end();
  }
}

async function readSample(path: string): Promise<Buffer> {
  const file = await fs.open(path, 'r').catch(() => null);
  if (file === null) return Buffer.alloc(0);
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(sample, 0, SAMPLE_BYTES, 0);
    return sample.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

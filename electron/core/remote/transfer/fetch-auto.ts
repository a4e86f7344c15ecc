import { promises as fs } from 'node:fs';
import type { Client, SFTPWrapper } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { compressedFetch, localZstd } from './compressed-fetch';
import { fetchFile, type FetchFileOptions, type FetchFileResult } from './fetch-file';
import { partPathOf } from './part-file';
import { execVia, serverCompressors, type RemoteExec } from './remote-shell';
import { chooseTransferMode, estimateCompressionRatio, type TransferMode } from './transfer-mode';

export interface AutoFetchOptions extends FetchFileOptions {
  /** 'auto' (default): plain SFTP first, switching to a compressed stream if the link turns out slow. */
  mode?: 'auto' | TransferMode;
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

/**
 * Fetches a file the fastest way the link allows. The link is measured on the
 * first second of the real transfer, so nothing is read twice: if compression
 * would clearly win, the SFTP copy stops and the compressed stream resumes
 * after the bytes already in `.part`, with the ratio estimated from them.
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
  const found = choice === 'sftp' ? { gzip: false, zstd: false } : await serverCompressors(exec).catch(() => null);
  const codecs = {
    serverHasGzip: found?.gzip ?? false,
    serverHasZstd: found?.zstd ?? false,
    localHasZstd: localZstd() !== null,
  };
  const viaCompression = async (mode: Exclude<TransferMode, 'sftp'>) => {
    const compressed = { ...options, compressor: mode, exec, sftp: undefined };
    const { wireBytes: _wire, ...result } = await compressedFetch(client, remotePath, localPath, compressed);
    return { ...result, mode };
  };
  const plain = async (extra: Partial<FetchFileOptions> = {}) => ({
    ...(await fetchFile(target, remotePath, localPath, { ...options, ...extra })),
    mode: 'sftp' as const,
  });

  if (choice !== 'auto') {
    const mode = chooseTransferMode({ ...codecs, userChoice: choice, linkBytesPerSec: 0, compressionRatioEstimate: 1 });
    return mode === 'sftp' ? plain() : viaCompression(mode);
  }
  if (!codecs.serverHasGzip && !(codecs.serverHasZstd && codecs.localHasZstd)) return plain();

  const probe = new AbortController();
  let decision: Promise<TransferMode> | undefined;
  let since: { at: number; bytes: number } | undefined;
  const probeMs = options.probeMs ?? 1000;
  const decide = async (rate: number): Promise<TransferMode> => {
    // Even a perfect ratio would not make compression pay: no need to look at the data.
    if (chooseTransferMode({ ...codecs, linkBytesPerSec: rate, compressionRatioEstimate: 0 }) === 'sftp') return 'sftp';
    // The .part grows in order, so its start is already on disk while the copy goes on.
    const ratio = estimateCompressionRatio(await readSample(partPathOf(localPath)));
    const mode = chooseTransferMode({ ...codecs, linkBytesPerSec: rate, compressionRatioEstimate: ratio });
    if (mode !== 'sftp') probe.abort();
    return mode;
  };
  try {
    return await plain({
      signal: options.signal ? AbortSignal.any([options.signal, probe.signal]) : probe.signal,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        const now = performance.now();
        since ??= { at: now, bytes: progress.bytesDone };
        if (decision || now - since.at < probeMs) return;
        decision = decide(((progress.bytesDone - since.bytes) * 1000) / (now - since.at)).catch(() => 'sftp' as const);
      },
    });
  } catch (err) {
    const switching = probe.signal.aborted && !options.signal?.aborted;
    if (!switching || !(err instanceof CasekitError) || err.code !== 'CANCELLED') throw err;
  }
  const mode = await (decision ?? 'sftp');
  return mode === 'sftp' ? plain() : viaCompression(mode);
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

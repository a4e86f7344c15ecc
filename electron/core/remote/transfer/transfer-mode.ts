import zlib from 'node:zlib';

/** How a file is copied: SFTP reads, one plain exec stream (like scp), or a stream compressed on the server. */
export type TransferMode = 'sftp' | 'stream' | 'gzip' | 'zstd';

export interface ModeInputs {
  /** Plain SFTP throughput measured on this link, bytes per second. */
  linkBytesPerSec: number;
  /** Compressed size / original size expected for this file (about 0.1 for logs, 1 for archives). */
  compressionRatioEstimate: number;
  serverHasGzip: boolean;
  serverHasZstd?: boolean;
  /** Whether this Node can decompress zstd (see `localZstd`). */
  localHasZstd?: boolean;
  /** 'auto' (default) decides by the model; a named mode is taken when it is possible. */
  userChoice?: 'auto' | TransferMode;
  /** The uncompressed way in use: what is chosen when compression does not pay (default 'sftp'). */
  plain?: 'sftp' | 'stream';
  /** Override the codec speeds of the model, bytes of uncompressed data per second. */
  speeds?: Partial<Record<'gzip' | 'zstd', { compress: number; decompress: number }>>;
}

/**
 * Rough, deliberately pessimistic speeds: `gzip -1` on a production server that
 * is busy with mail, one core; Node's zlib and zstd on the desktop.
 */
export const CODEC_SPEEDS = {
  gzip: { compress: 40e6, decompress: 250e6 },
  zstd: { compress: 250e6, decompress: 700e6 },
} as const;

// Compression must win by this much: the model is rough, and plain SFTP resumes and verifies more cheaply.
const REQUIRED_GAIN = 1.25;

/**
 * The plain copy (SFTP or a plain stream), or a compressed stream when it would be clearly faster. Per byte
 * of the file, plain costs 1/link seconds; compressed costs r/link on the wire
 * plus compressing and decompressing, counted as if they did not overlap with
 * the transfer. So compression wins only when the wire time it saves exceeds
 * what the compression costs, which never happens on a fast (e.g. local) link.
 */
export function chooseTransferMode(inputs: ModeInputs): TransferMode {
  const zstdPossible = Boolean(inputs.serverHasZstd && inputs.localHasZstd);
  const choice = inputs.userChoice ?? 'auto';
  const plain = inputs.plain ?? 'sftp';
  if (choice === 'sftp' || choice === 'stream') return choice;
  if (choice === 'zstd') return zstdPossible ? 'zstd' : inputs.serverHasGzip ? 'gzip' : plain;
  if (choice === 'gzip') return inputs.serverHasGzip ? 'gzip' : plain;

  const link = inputs.linkBytesPerSec;
  const ratio = Math.min(1, Math.max(0, inputs.compressionRatioEstimate));
  if (!(link > 0)) return plain;
  const plainSeconds = 1 / link;
  const candidates: ('gzip' | 'zstd')[] = [
    ...(zstdPossible ? ['zstd' as const] : []),
    ...(inputs.serverHasGzip ? ['gzip' as const] : []),
  ];
  let best: TransferMode = plain;
  let bestSeconds = plainSeconds / REQUIRED_GAIN;
  for (const codec of candidates) {
    const speed = inputs.speeds?.[codec] ?? CODEC_SPEEDS[codec];
    const seconds = ratio / link + 1 / speed.compress + 1 / speed.decompress;
    if (seconds < bestSeconds) {
      best = codec;
      bestSeconds = seconds;
    }
  }
  return best;
}

/** Compressed size / size of a sample of the file at gzip's fastest level: what `gzip -1` would roughly achieve. */
export function estimateCompressionRatio(sample: Buffer): number {
  if (sample.length === 0) return 1;
  return zlib.deflateRawSync(sample, { level: 1 }).length / sample.length;
}

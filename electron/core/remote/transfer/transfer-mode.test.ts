import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chooseTransferMode, estimateCompressionRatio, type ModeInputs } from './transfer-mode';

const MBps = 1e6;
const logs: ModeInputs = { linkBytesPerSec: 0, compressionRatioEstimate: 0.1, serverHasGzip: true };

describe('chooseTransferMode', () => {
  it('keeps plain SFTP on loopback and LAN speeds', () => {
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 300 * MBps })).toBe('sftp');
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 100 * MBps })).toBe('sftp');
  });

  it('compresses text on a slow link', () => {
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 2 * MBps })).toBe('gzip');
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 10 * MBps })).toBe('gzip');
  });

  it('never compresses what does not compress', () => {
    expect(chooseTransferMode({ ...logs, compressionRatioEstimate: 1, linkBytesPerSec: 1 * MBps })).toBe('sftp');
    expect(chooseTransferMode({ ...logs, compressionRatioEstimate: 0.9, linkBytesPerSec: 5 * MBps })).toBe('sftp');
  });

  it('compresses only when the wire time saved exceeds the compression cost', () => {
    // gzip costs 1/40 MB/s + 1/250 MB/s per byte; with ratio 0.1 it wins below ~24 MB/s.
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 20 * MBps })).toBe('gzip');
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 30 * MBps })).toBe('sftp');
    const slowServer = { gzip: { compress: 5 * MBps, decompress: 250 * MBps } };
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 10 * MBps, speeds: slowServer })).toBe('sftp');
  });

  it('prefers zstd only when both ends have it, and where gzip would not pay', () => {
    const both = { ...logs, serverHasZstd: true, localHasZstd: true };
    expect(chooseTransferMode({ ...both, linkBytesPerSec: 60 * MBps })).toBe('zstd');
    expect(chooseTransferMode({ ...both, localHasZstd: false, linkBytesPerSec: 60 * MBps })).toBe('sftp');
    expect(chooseTransferMode({ ...both, localHasZstd: false, linkBytesPerSec: 5 * MBps })).toBe('gzip');
    expect(chooseTransferMode({ ...both, linkBytesPerSec: 500 * MBps })).toBe('sftp');
  });

  it('needs gzip on the server', () => {
    expect(chooseTransferMode({ ...logs, serverHasGzip: false, linkBytesPerSec: 1 * MBps })).toBe('sftp');
  });

  it('follows the user’s choice when it is possible', () => {
    const fast = { ...logs, linkBytesPerSec: 1000 * MBps };
    expect(chooseTransferMode({ ...fast, userChoice: 'gzip' })).toBe('gzip');
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 1 * MBps, userChoice: 'sftp' })).toBe('sftp');
    expect(chooseTransferMode({ ...fast, userChoice: 'zstd', serverHasZstd: true, localHasZstd: true })).toBe('zstd');
    expect(chooseTransferMode({ ...fast, userChoice: 'zstd', serverHasZstd: true, localHasZstd: false })).toBe('gzip');
    expect(chooseTransferMode({ ...fast, userChoice: 'gzip', serverHasGzip: false })).toBe('sftp');
  });

  it('answers with the plain way in use, SFTP or a plain stream, when compression does not pay', () => {
    expect(chooseTransferMode({ ...logs, plain: 'stream', linkBytesPerSec: 300 * MBps })).toBe('stream');
    expect(chooseTransferMode({ ...logs, plain: 'stream', linkBytesPerSec: 2 * MBps })).toBe('gzip');
    expect(
      chooseTransferMode({ ...logs, plain: 'stream', compressionRatioEstimate: 1, linkBytesPerSec: 1 * MBps }),
    ).toBe('stream');
    expect(chooseTransferMode({ ...logs, userChoice: 'stream', linkBytesPerSec: 1 * MBps })).toBe('stream');
  });

  it('keeps plain SFTP when the link speed is unknown', () => {
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: 0 })).toBe('sftp');
    expect(chooseTransferMode({ ...logs, linkBytesPerSec: Number.NaN })).toBe('sftp');
  });
});

describe('estimateCompressionRatio', () => {
  it('tells text from random bytes', () => {
    const text = Buffer.from('2025-03-01 10:00:00,000 INFO  [qtp-1] mailbox - SearchRequest elapsed=12\n'.repeat(5000));
    expect(estimateCompressionRatio(text)).toBeLessThan(0.1);
    expect(estimateCompressionRatio(randomBytes(256 * 1024))).toBeGreaterThan(0.99);
    expect(estimateCompressionRatio(Buffer.alloc(0))).toBe(1);
  });
});

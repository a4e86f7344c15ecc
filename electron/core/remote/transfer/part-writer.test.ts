import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PartWriter } from './part-writer';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'part-writer-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Cuts `data` into pieces of the given sizes, over and over, like SSH packets of varying size. */
function pieces(data: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

async function writeThrough(file: string, data: Buffer[], present = 0) {
  const handle = await fs.open(file, present > 0 ? 'r+' : 'w');
  const reported: number[] = [];
  const writer = new PartWriter(handle, file, present, (bytes) => reported.push(bytes));
  try {
    await writer.takeInPrefix();
    await pipeline(Readable.from(data), writer);
    return { digest: writer.digest(), written: writer.written, reported };
  } finally {
    await handle.close();
  }
}

describe('PartWriter', () => {
  it('puts pieces of any size on disk in order, hashing exactly what it wrote', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 12345);
    const file = path.join(dir, 'copy.part');
    const result = await writeThrough(file, pieces(data, [1, 32768, 7, 100_000, 261_120, 261_121, 5000]));
    expect((await fs.readFile(file)).equals(data)).toBe(true);
    expect(result.digest).toBe(sha256(data));
    expect(result.written).toBe(data.length);
    expect(result.reported.reduce((a, b) => a + b, 0)).toBe(data.length);
    // Whole 255 KiB writes, then the rest: the sizes the page cache takes best.
    expect(result.reported.slice(0, -1).every((bytes) => bytes === 255 * 1024)).toBe(true);
  });

  it('waits for the disk when a single piece is bigger than all its buffers', async () => {
    const data = randomBytes(5 * 1024 * 1024);
    const file = path.join(dir, 'big.part');
    const result = await writeThrough(file, [data]);
    expect((await fs.readFile(file)).equals(data)).toBe(true);
    expect(result.digest).toBe(sha256(data));
  });

  it('continues a resumed .part and hashes the whole file, prefix included', async () => {
    const data = randomBytes(1024 * 1024 + 3);
    const file = path.join(dir, 'resumed.part');
    const present = 300_001;
    await fs.writeFile(file, data.subarray(0, present));
    const result = await writeThrough(file, pieces(data.subarray(present), [32768]), present);
    expect((await fs.readFile(file)).equals(data)).toBe(true);
    expect(result.digest).toBe(sha256(data));
    expect(result.written).toBe(data.length - present);
  });

  it('fails the stream with a local error when the disk refuses a write', async () => {
    const file = path.join(dir, 'readonly.part');
    await fs.writeFile(file, '');
    const handle = await fs.open(file, 'r');
    try {
      const writer = new PartWriter(handle, file, 0, () => undefined);
      const failed = pipeline(Readable.from([randomBytes(600 * 1024)]), writer);
      await expect(failed).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining(file) });
    } finally {
      await handle.close();
    }
  });
});

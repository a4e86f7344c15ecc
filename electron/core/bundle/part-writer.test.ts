import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartWriter } from './part-writer';

let dir: string;
let run = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-parts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Bytes that differ at every position, so a part put back in the wrong place shows. */
function bytes(size: number, seed: number): Buffer {
  const data = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  return data;
}

/** Feeds `data` in chunks of the given sizes (cycled), as an archive stream arrives. */
async function split(data: Buffer, partSize: number, chunks: number[]) {
  const out = await mkdtemp(path.join(dir, `run-${run++}-`));
  const pieces: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = Math.max(1, chunks[i % chunks.length] ?? 1);
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  const writer = new PartWriter(out, partSize, (index) => `p${String(index).padStart(6, '0')}`);
  await pipeline(Readable.from(pieces, { objectMode: false }), writer);
  const names = (await readdir(out)).sort();
  const files = await Promise.all(names.map((name) => readFile(path.join(out, name))));
  return { writer, names, files };
}

describe('PartWriter', () => {
  it('puts any stream back together byte for byte, in parts no larger than the limit, all full but the last', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: -2, max: 6 }),
        fc.integer({ min: -1, max: 1 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 }),
        fc.integer(),
        async (partSize, multiple, offset, chunks, seed) => {
          // sizes around multiples of the limit: exactly k parts, one byte more or less
          const size = Math.max(0, Math.max(0, multiple) * partSize + offset);
          const data = bytes(size, seed);
          const { writer, names, files } = await split(data, partSize, chunks);
          expect(Buffer.concat(files).equals(data)).toBe(true);
          expect(files.length).toBe(Math.ceil(size / partSize));
          for (const file of files.slice(0, -1)) expect(file.length).toBe(partSize);
          for (const file of files) expect(file.length).toBeGreaterThan(0);
          expect(writer.parts.map((part) => part.file)).toEqual(names);
          expect(writer.parts.map((part) => part.sha256)).toEqual(files.map(sha));
          expect(writer.parts.map((part) => part.size)).toEqual(files.map((file) => file.length));
          expect(writer.sha256).toBe(sha(data));
          expect(writer.bytes).toBe(size);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('writes exactly-the-limit data as one part, and one byte more as two', async () => {
    const data = bytes(1000, 7);
    expect((await split(data, 1000, [333])).files.map((file) => file.length)).toEqual([1000]);
    expect((await split(bytes(1001, 7), 1000, [4096])).files.map((file) => file.length)).toEqual([1000, 1]);
    expect((await split(bytes(999, 7), 1000, [1])).files.map((file) => file.length)).toEqual([999]);
  });

  it('cuts a large stream into many parts', async () => {
    const data = bytes(3 * 1024 * 1024 + 17, 3);
    const { files, writer } = await split(data, 64 * 1024, [65536 + 13, 7, 200_000]);
    expect(files).toHaveLength(49);
    expect(Buffer.concat(files).equals(data)).toBe(true);
    expect(writer.sha256).toBe(sha(data));
  });

  it('never overwrites a file that is already there', async () => {
    const out = await mkdtemp(path.join(dir, 'taken-'));
    await pipeline(Readable.from([Buffer.from('x')]), new PartWriter(out, 10, () => 'same'));
    const second = pipeline(Readable.from([Buffer.from('y')]), new PartWriter(out, 10, () => 'same'));
    await expect(second).rejects.toThrow(/EEXIST/);
    expect(await readFile(path.join(out, 'same'), 'utf8')).toBe('x');
  });
});

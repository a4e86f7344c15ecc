import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkPool, FileSource } from './file-source';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A TCP server on 127.0.0.1 that reads slowly (pausing now and then), so the sending socket queues. */
function slowSink(): Promise<{ port: number; received: Promise<Buffer>; close: () => void }> {
  return new Promise((resolve) => {
    let done: (data: Buffer) => void = () => undefined;
    const received = new Promise<Buffer>((settle) => (done = settle));
    const server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      // Reads nothing at first: the kernel's buffers fill and the sender's socket queues writes.
      socket.pause();
      setTimeout(() => socket.resume(), 300);
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (chunks.length % 7 === 0) {
          socket.pause();
          setTimeout(() => socket.resume(), 2);
        }
      });
      socket.on('end', () => done(Buffer.concat(chunks)));
    });
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as net.AddressInfo).port, received, close: () => server.close() }),
    );
  });
}

describe('FileSource', () => {
  let dir: string;
  let file: string;
  let data: Buffer;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-file-source-'));
    file = path.join(dir, 'part');
    data = randomBytes(16 * 1024 * 1024 + 12_345);
    writeFileSync(file, data);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Limit -1: every read counts as slow, so all but the first go through the thread pool.
  it.each([
    [0, undefined],
    [1, undefined],
    [3 * 1024 * 1024 + 7, undefined],
    [0, -1],
    [5, -1],
  ])(
    'sends the file from byte %i byte-identical through a socket that queues, reusing buffers (inline read limit %s)',
    async (start, inlineReadLimitMs) => {
      const pool = new ChunkPool(64 * 1024, 2);
      const sink = await slowSink();
      try {
        const socket = net.connect(sink.port, '127.0.0.1');
        await new Promise((resolve) => socket.once('connect', resolve));
        let reported = 0;
        const source = new FileSource(
          file,
          start,
          pool,
          () => socket,
          (bytes) => (reported = bytes),
          { inlineReadLimitMs },
        );
        await pipeline(source, socket);
        const received = await sink.received;
        expect(received.length).toBe(data.length - start);
        expect(sha(received)).toBe(sha(data.subarray(start)));
        expect(source.bytesRead).toBe(data.length - start);
        expect(reported).toBe(data.length - start);
        // About 250 reads of 64 KiB: most of them into the two kept buffers.
        expect(pool.allocations).toBeLessThan(100);
      } finally {
        sink.close();
      }
    },
  );

  it('fails with the reason when the file cannot be opened', async () => {
    const source = new FileSource(
      path.join(dir, 'missing'),
      0,
      new ChunkPool(1024, 1),
      () => undefined,
      () => undefined,
    );
    await expect(pipeline(source, new (await import('node:stream')).PassThrough())).rejects.toThrow(/ENOENT/);
  });
});

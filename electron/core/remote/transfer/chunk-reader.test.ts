import type { SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { readInOrder, RemoteEndedEarly } from './chunk-reader';

type ReadCallback = (err: Error | undefined, bytesRead: number) => void;

/**
 * An SFTP session serving `file` from memory, answering in a shuffled order,
 * at most `maxReply` bytes per reply, and counting the reads in flight.
 */
function fakeSftp(file: Buffer, options: { maxReply?: number } = {}) {
  const queue: (() => void)[] = [];
  const stats = { inFlight: 0, maxInFlight: 0, reads: 0 };
  const flush = () => {
    while (queue.length > 0) {
      const index = Math.floor(Math.random() * queue.length);
      queue.splice(index, 1)[0]!();
    }
  };
  const sftp = {
    read(_handle: Buffer, buffer: Buffer, offset: number, length: number, position: number, cb: ReadCallback) {
      stats.reads += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      queue.push(() => {
        stats.inFlight -= 1;
        const bytes = Math.max(0, Math.min(length, options.maxReply ?? length, file.length - position));
        if (bytes > 0) file.copy(buffer, offset, position, position + bytes);
        cb(undefined, bytes);
      });
      setImmediate(flush);
    },
  };
  return { sftp: sftp as unknown as SFTPWrapper, stats };
}

const file = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) % 251));

async function collect(sftp: SFTPWrapper, plan: Partial<Parameters<typeof readInOrder>[2]> = {}) {
  const parts: Buffer[] = [];
  const positions: number[] = [];
  await readInOrder(
    sftp,
    Buffer.alloc(4),
    { start: 0, end: file.length, chunkSize: 4096, concurrency: 8, ...plan },
    async (chunks, position) => {
      positions.push(position);
      for (const chunk of chunks) parts.push(Buffer.from(chunk));
      return undefined;
    },
  );
  return { data: Buffer.concat(parts), positions };
}

describe('readInOrder', () => {
  it('hands the bytes over in file order although replies come back shuffled', async () => {
    const { sftp, stats } = fakeSftp(file);
    const { data, positions } = await collect(sftp);
    expect(data.equals(file)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(stats.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('asks again for the rest when the server answers short', async () => {
    const { sftp, stats } = fakeSftp(file, { maxReply: 1000 });
    const { data } = await collect(sftp);
    expect(data.equals(file)).toBe(true);
    expect(stats.reads).toBeGreaterThan(100);
  });

  it('resumes from a start offset', async () => {
    const { sftp } = fakeSftp(file);
    const { data } = await collect(sftp, { start: 12_345 });
    expect(data.equals(file.subarray(12_345))).toBe(true);
  });

  it('fails with RemoteEndedEarly when the file ends before the size it had', async () => {
    const { sftp } = fakeSftp(file.subarray(0, 50_000));
    const error = await collect(sftp).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RemoteEndedEarly);
    // Replies come back in any order: some read at or past the new end saw it first.
    expect((error as RemoteEndedEarly).at).toBeGreaterThanOrEqual(50_000);
    expect((error as RemoteEndedEarly).at).toBeLessThan(file.length);
  });

  it('stops issuing reads when the disk is slow instead of piling up data', async () => {
    const { sftp, stats } = fakeSftp(file);
    let release = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const done = readInOrder(
      sftp,
      Buffer.alloc(4),
      { start: 0, end: file.length, chunkSize: 1024, concurrency: 4 },
      () => (calls++ === 0 ? stalled : Promise.resolve()).then(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 4 in flight plus a pool of at most 4 more buffers waiting for the disk.
    expect(stats.reads).toBeLessThanOrEqual(8);
    release();
    await done;
    expect(stats.reads).toBe(Math.ceil(file.length / 1024));
  });

  it('rejects with the abort reason, and only once the sink is idle', async () => {
    const { sftp } = fakeSftp(file);
    const controller = new AbortController();
    let sinkBusy = false;
    const reading = readInOrder(
      sftp,
      Buffer.alloc(4),
      { start: 0, end: file.length, chunkSize: 1024, concurrency: 4, signal: controller.signal },
      async () => {
        sinkBusy = true;
        controller.abort(new Error('stop'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        sinkBusy = false;
        return undefined;
      },
    );
    await expect(reading).rejects.toThrow('stop');
    expect(sinkBusy).toBe(false);
  });
});

import type { SFTPWrapper } from 'ssh2';

export interface ReadPlan {
  /** First byte to read. */
  start: number;
  /** Byte after the last one to read: the size the file had when it was opened. */
  end: number;
  /** Bytes per request; at most what the server answers in one piece. */
  chunkSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
}

/**
 * Takes consecutive chunks in file order, `position` being the offset of the
 * first. Their buffers are reused once it settles, or the buffers it returns
 * instead (one per chunk; e.g. after a round trip to a worker thread).
 */
export type ChunkSink = (chunks: Buffer[], position: number) => Promise<Buffer[] | undefined>;

/** The file ended before the size it had when it was opened: a read at byte `at` found its end, so it has at most `at` bytes. */
export class RemoteEndedEarly extends Error {
  constructor(readonly at: number) {
    super(`the file ended at or before byte ${at}`);
  }
}

// Chunks handed to the sink at once: large sequential writes cost the disk less.
const MAX_BATCH = 16;

/**
 * Reads [start, end) of an open remote file with many requests in flight and
 * hands the bytes to `sink` strictly in order, one batch at a time, so the
 * local copy only ever grows as a valid prefix (a crash leaves no holes).
 *
 * Memory is bounded by a fixed pool of buffers: a read is only issued when a
 * buffer is free, so a slow disk slows the reads instead of filling memory.
 * When it rejects, no sink call is still running.
 */
export function readInOrder(sftp: SFTPWrapper, handle: Buffer, plan: ReadPlan, sink: ChunkSink): Promise<void> {
  const { start, end, chunkSize, concurrency, signal } = plan;
  return new Promise<void>((resolve, reject) => {
    let nextRead = start;
    let nextWrite = start;
    let inFlight = 0;
    let writing = false;
    let settled = false;
    let failure: { error: unknown } | undefined;
    const pool: Buffer[] = [];
    let allocated = 0;
    const maxBuffers = concurrency + Math.max(4, concurrency >> 1);
    const ready = new Map<number, { buffer: Buffer; length: number }>();

    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    const settle = () => {
      cleanup();
      if (failure) reject(failure.error);
      else resolve();
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      failure = { error };
      // Replies still on their way land in buffers nobody reads again; the pool is dropped.
      ready.clear();
      if (!writing) settle();
    };
    const onAbort = () => fail(signal?.reason);

    const takeBuffer = (): Buffer | undefined => {
      const reused = pool.pop();
      if (reused) return reused;
      if (allocated >= maxBuffers) return undefined;
      allocated += 1;
      return Buffer.allocUnsafeSlow(chunkSize);
    };

    const fill = (buffer: Buffer, position: number, length: number, filled: number): void => {
      try {
        sftp.read(handle, buffer, filled, length - filled, position + filled, (err, bytes) => {
          if (settled) return;
          if (err) return fail(err);
          if (bytes === 0) return fail(new RemoteEndedEarly(position + filled));
          // A server may answer with less than asked without being at the end: ask for the rest.
          if (filled + bytes < length) return fill(buffer, position, length, filled + bytes);
          inFlight -= 1;
          ready.set(position, { buffer, length });
          drain();
          pump();
        });
      } catch (err) {
        fail(err);
      }
    };

    const pump = () => {
      while (!settled && inFlight < concurrency && nextRead < end) {
        const buffer = takeBuffer();
        if (!buffer) return;
        const position = nextRead;
        const length = Math.min(chunkSize, end - position);
        nextRead += length;
        inFlight += 1;
        fill(buffer, position, length, 0);
      }
    };

    const drain = () => {
      if (writing || settled) return;
      const batch: { buffer: Buffer; length: number }[] = [];
      let position = nextWrite;
      for (let chunk = ready.get(position); chunk && batch.length < MAX_BATCH; chunk = ready.get(position)) {
        ready.delete(position);
        batch.push(chunk);
        position += chunk.length;
      }
      if (batch.length === 0) return;
      writing = true;
      const views = batch.map(({ buffer, length }) => (length === buffer.length ? buffer : buffer.subarray(0, length)));
      sink(views, nextWrite).then(
        (returned) => {
          writing = false;
          nextWrite = position;
          const reusable = returned && returned.length === batch.length ? returned : batch.map(({ buffer }) => buffer);
          pool.push(...reusable);
          if (settled) return settle();
          if (nextWrite === end) {
            settled = true;
            return settle();
          }
          drain();
          pump();
        },
        (err: unknown) => {
          writing = false;
          if (!settled) {
            settled = true;
            failure = { error: err };
          }
          settle();
        },
      );
    };

    if (signal?.aborted) return reject(signal.reason);
    if (start >= end) return resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}

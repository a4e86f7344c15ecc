import { readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * Read buffers kept for reuse across the files of a shipment. A fresh buffer
 * per read costs page faults and garbage collection that, on a fast link,
 * make the client slower than the server.
 */
export class ChunkPool {
  private readonly free: Buffer[] = [];
  private created = 0;
  /** Buffers allocated so far, kept or one-off. */
  allocations = 0;

  constructor(
    readonly chunkSize: number,
    private readonly keep: number,
  ) {}

  take(): { buffer: Buffer; pooled: boolean } {
    const buffer = this.free.pop();
    if (buffer) return { buffer, pooled: true };
    this.allocations += 1;
    if (this.created < this.keep) {
      this.created += 1;
      return { buffer: Buffer.allocUnsafeSlow(this.chunkSize), pooled: true };
    }
    // All kept buffers are still on their way out: a one-off one rather than waiting.
    return { buffer: Buffer.allocUnsafeSlow(this.chunkSize), pooled: false };
  }

  give(buffer: Buffer): void {
    this.free.push(buffer);
  }
}

/**
 * A bundle was usually just packed, so its pages are in the cache: a 512 KiB
 * read from there takes ~40 µs inline, against a thread-pool round trip that
 * measured 0.3 ms per chunk with the FTP server busy on the other core
 * (20 parts of 9.5 MiB: 165 against 260–320 ms). A read slower than this
 * waited for the disk, and the file's remaining reads go to the pool.
 */
const INLINE_READ_LIMIT_MS = 2;

/** What is known of the socket the file is piped into: bytes it took but has not finished writing. */
export interface SocketQueue {
  readonly writableLength: number;
}

/**
 * A file from an offset to its end, read into pooled buffers. A buffer is
 * reused only once every byte pushed up to its end has left both this
 * stream's queue and the socket's (bytes move through both in order, and a
 * socket counts a write until it has completed), so data on its way out is
 * never overwritten. Buffers still out when the stream closes go back to the
 * pool: the next file is only read after the socket finished this one, and a
 * socket that failed sends nothing more.
 */
export class FileSource extends Readable {
  bytesRead = 0;
  private handle: FileHandle | null = null;
  private position: number;
  private pushed = 0;
  private readonly out: { buffer: Buffer; end: number }[] = [];
  private readInline = true;
  private readonly inlineReadLimitMs: number;

  constructor(
    private readonly path: string,
    start: number,
    private readonly pool: ChunkPool,
    private readonly socket: () => SocketQueue | undefined,
    private readonly onBytes: (bytes: number) => void,
    options: { inlineReadLimitMs?: number } = {},
  ) {
    super({ highWaterMark: pool.chunkSize });
    this.position = start;
    this.inlineReadLimitMs = options.inlineReadLimitMs ?? INLINE_READ_LIMIT_MS;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, 'r').then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  private reclaim(): void {
    const socket = this.socket();
    if (socket === undefined) return;
    const released = this.pushed - this.readableLength - socket.writableLength;
    for (let first = this.out[0]; first !== undefined && first.end <= released; first = this.out[0]) {
      this.out.shift();
      this.pool.give(first.buffer);
    }
  }

  override _read(): void {
    this.reclaim();
    const { buffer, pooled } = this.pool.take();
    const handle = this.handle;
    if (handle === null) return void this.destroy(new Error(`${this.path} is not open`));
    if (this.readInline) {
      let bytesRead: number;
      const started = performance.now();
      try {
        bytesRead = readSync(handle.fd, buffer, 0, buffer.length, this.position);
      } catch (error) {
        if (pooled) this.pool.give(buffer);
        return void this.destroy(error as Error);
      }
      // A read that had to wait for the disk would block the event loop again: the rest goes through the thread pool.
      if (performance.now() - started > this.inlineReadLimitMs) this.readInline = false;
      return this.accept(buffer, pooled, bytesRead);
    }
    handle.read(buffer, 0, buffer.length, this.position).then(
      ({ bytesRead }) => this.accept(buffer, pooled, bytesRead),
      (error: Error) => {
        if (pooled) this.pool.give(buffer);
        this.destroy(error);
      },
    );
  }

  private accept(buffer: Buffer, pooled: boolean, bytesRead: number): void {
    if (bytesRead === 0) {
      if (pooled) this.pool.give(buffer);
      this.push(null);
      return;
    }
    this.position += bytesRead;
    this.bytesRead += bytesRead;
    this.pushed += bytesRead;
    if (pooled) this.out.push({ buffer, end: this.pushed });
    this.onBytes(this.bytesRead);
    this.push(buffer.subarray(0, bytesRead));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    for (const { buffer } of this.out.splice(0)) this.pool.give(buffer);
    const handle = this.handle;
    this.handle = null;
    if (handle === null) return callback(error);
    handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }
}

import { createHash } from 'node:crypto';
import { fdatasync, write as fsWrite, type promises as fs } from 'node:fs';
import { Writable } from 'node:stream';
import { hashPrefix } from './part-file';
import { localError } from './transfer-errors';

// Writes of 255 KiB: on the ext4 page cache here, 1 MiB writes cost five times
// the system time of 255 KiB ones (large-folio allocation), and smaller ones
// cost more system calls.
const WRITE_SIZE = 255 * 1024;
// One buffer on its way to the disk while the others fill: enough to keep the
// thread that decrypts the stream from ever waiting for the disk on a fast one.
const POOL_SIZE = 4;
// The finished .part is fsynced before it is renamed; asking the kernel to
// write back every 32 MiB as the copy goes, on a libuv thread, leaves that
// final fsync almost nothing to do (it took 0.9 s for 1 GiB at the end here,
// a third of the whole copy), and the disk works while the network does.
const FLUSH_EVERY = 32 * 1024 * 1024;

/**
 * A stream sink appending to a .part from `position` on: what an exec stream
 * (`head -c`, or a decompressor) gives, in the small pieces SSH delivers, is
 * gathered into 255 KiB buffers, hashed while it is still in the cache, and
 * written by libuv's threads, so the disk works in parallel with decryption.
 * One write at a time, in order: what is on disk is always a prefix of the
 * file, even if the process dies mid-copy. `onWritten` hears of every write
 * once it is on disk.
 */
export class PartWriter extends Writable {
  private readonly hash = createHash('sha256');
  private readonly free: Buffer[] = Array.from({ length: POOL_SIZE }, () => Buffer.allocUnsafeSlow(WRITE_SIZE));
  private current: Buffer | undefined;
  private filled = 0;
  /** Bytes on disk. */
  private position: number;
  private readonly start: number;
  /** Full buffers in file order, waiting for the one write in progress. */
  private readonly waiting: { buffer: Buffer; length: number }[] = [];
  private writing = false;
  private readonly idlers: (() => void)[] = [];
  private failure: Error | undefined;
  private unflushed = 0;
  private flushing = false;
  /** A write waiting for a free buffer: its remaining bytes and callback. */
  private stalled: { chunk: Buffer; callback: (error?: Error | null) => void } | undefined;

  constructor(
    private readonly file: fs.FileHandle,
    private readonly partPath: string,
    position: number,
    private readonly onWritten: (bytes: number) => void,
  ) {
    super({ highWaterMark: WRITE_SIZE });
    this.position = position;
    this.start = position;
  }

  /** Hashes the bytes the .part already holds (a resumed copy); call before piping into it. */
  async takeInPrefix(): Promise<void> {
    await hashPrefix(this.file, this.start, (bytes) => this.hash.update(bytes));
  }

  /** Bytes this writer has put on disk. */
  get written(): number {
    return this.position - this.start;
  }

  /** SHA-256 of the whole .part, once the stream has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    this.take(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.current && this.filled > 0) this.submit(this.current, this.filled);
    this.current = undefined;
    void this.idle().then(() => callback(this.failure ?? null));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Let a write in progress settle before the caller closes the file under it.
    void this.idle().then(() => callback(error));
  }

  private take(chunk: Buffer, callback: (error?: Error | null) => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      this.current ??= this.free.pop();
      if (!this.current) {
        // Every buffer is full or on its way to the disk: continue when one comes back.
        this.stalled = { chunk: chunk.subarray(offset), callback };
        return;
      }
      const copied = chunk.copy(this.current, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === WRITE_SIZE) {
        this.submit(this.current, WRITE_SIZE);
        this.current = undefined;
        this.filled = 0;
      }
    }
    callback();
  }

  private submit(buffer: Buffer, length: number): void {
    this.hash.update(length === buffer.length ? buffer : buffer.subarray(0, length));
    this.waiting.push({ buffer, length });
    if (!this.writing) this.writeNext();
  }

  /** Writes the oldest full buffer; the next starts only when it is done, so the file stays a prefix. */
  private writeNext(): void {
    const next = this.waiting.shift();
    if (!next || this.failure) {
      this.writing = false;
      this.settleIdle();
      return;
    }
    this.writing = true;
    const { buffer, length } = next;
    const afterWrite = (err: NodeJS.ErrnoException | null, done: number) => {
      if (err) {
        this.failure = localError(err, 'write', this.partPath);
        this.free.push(buffer, ...this.waiting.map((w) => w.buffer));
        this.waiting.length = 0;
      } else if (done < length) {
        return write(done);
      } else {
        this.position += length;
        this.onWritten(length);
        this.free.push(buffer);
        this.flushNowAndThen(length);
      }
      this.writeNext();
      this.resume();
    };
    const write = (from: number) =>
      fsWrite(this.file.fd, buffer, from, length - from, this.position + from, (err, written) =>
        afterWrite(err, from + written),
      );
    write(0);
  }

  /** Starts a write-back of what is on disk every FLUSH_EVERY bytes, one at a time, without waiting for it. */
  private flushNowAndThen(written: number): void {
    this.unflushed += written;
    if (this.flushing || this.unflushed < FLUSH_EVERY) return;
    this.flushing = true;
    this.unflushed = 0;
    // A failure here shows again in the final fsync, which the caller awaits.
    fdatasync(this.file.fd, () => (this.flushing = false));
  }

  /** Resolves once nothing is waiting or being written. */
  private idle(): Promise<void> {
    if (!this.writing && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private settleIdle(): void {
    for (const resolve of this.idlers.splice(0)) resolve();
  }

  private resume(): void {
    const stalled = this.stalled;
    if (!stalled) return;
    this.stalled = undefined;
    if (this.failure) return stalled.callback(this.failure);
    this.take(stalled.chunk, stalled.callback);
  }
}

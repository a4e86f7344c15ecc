import { Writable } from 'node:stream';
import type { PartSink } from './part-sink';

/**
 * A stream sink appending to a .part through `sink` from `position` on, in
 * order, so that what is on disk is always a prefix of the file. `onWritten`
 * hears of every batch once it is on disk.
 */
export class PartWriter extends Writable {
  private position: number;
  private readonly start: number;

  constructor(
    private readonly sink: PartSink,
    position: number,
    private readonly onWritten: (bytes: number) => void,
  ) {
    // A few MB in hand lets writev batch what zlib emits in 16 KiB pieces.
    super({ highWaterMark: 4 * 1024 * 1024 });
    this.position = position;
    this.start = position;
  }

  /** Bytes this writer has put on disk. */
  get written(): number {
    return this.position - this.start;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeChunks([chunk], callback);
  }

  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    this.writeChunks(
      chunks.map(({ chunk }) => chunk),
      callback,
    );
  }

  private writeChunks(chunks: Buffer[], callback: (error?: Error | null) => void): void {
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    this.sink.write(chunks, this.position).then(
      () => {
        this.position += bytes;
        this.onWritten(bytes);
        callback();
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }
}

import { createHash, type Hash } from 'node:crypto';
import { promises as fs, type promises } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

export interface WrittenPart {
  /** The file name the part was written under (in the writer's folder). */
  file: string;
  size: number;
  sha256: string;
}

interface OpenPart {
  handle: promises.FileHandle;
  file: string;
  hash: Hash;
  size: number;
  /** Pieces not written yet: flushed together with one writev. */
  pending: Buffer[];
}

/** Writes every byte of `buffers` (writev may write less than asked on some systems). */
async function writeFully(handle: promises.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    let skip = bytesWritten;
    const left: Buffer[] = [];
    for (const buffer of rest) {
      if (skip >= buffer.length) skip -= buffer.length;
      else {
        left.push(buffer.subarray(skip));
        skip = 0;
      }
    }
    rest = left;
  }
}

/**
 * The end of the packing pipeline: cuts the archive stream into files of at
 * most `partSize` bytes as it arrives, hashing each part and the whole stream
 * on the way, so the bundle is never on disk twice. A part is only opened
 * when a byte is there to go into it: no empty last part.
 */
export class PartWriter extends Writable {
  private readonly written: WrittenPart[] = [];
  private readonly whole = createHash('sha256');
  private current: OpenPart | null = null;
  private total = 0;
  private wholeSha256: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly partSize: number,
    /** The name of part `index` (1-based) in `dir`. */
    private readonly fileName: (index: number) => string,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    if (!Number.isSafeInteger(partSize) || partSize < 1)
      throw new RangeError(`part size ${partSize} is not a byte count`);
  }

  /** The parts written, in order; complete once the stream finished. */
  get parts(): readonly WrittenPart[] {
    return this.written;
  }

  get bytes(): number {
    return this.total;
  }

  /** The checksum of all parts put together; known once the stream finished. */
  get sha256(): string {
    if (this.wholeSha256 === null) throw new Error('the part writer has not finished');
    return this.wholeSha256;
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.take(chunks.map(({ chunk }) => chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closePart().then(() => {
      this.wholeSha256 = this.whole.digest('hex');
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const part = this.current;
    this.current = null;
    if (part === null) return callback(error);
    part.handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async take(chunks: Buffer[]): Promise<void> {
    for (const chunk of chunks) {
      this.whole.update(chunk);
      this.total += chunk.length;
      let rest = chunk;
      while (rest.length > 0) {
        const part = this.current ?? (await this.openPart());
        const piece = rest.subarray(0, this.partSize - part.size);
        part.hash.update(piece);
        part.pending.push(piece);
        part.size += piece.length;
        rest = rest.subarray(piece.length);
        if (part.size === this.partSize) await this.closePart();
      }
    }
    if (this.current !== null) await this.flush(this.current);
  }

  private async openPart(): Promise<OpenPart> {
    const file = this.fileName(this.written.length + 1);
    // 'wx': a part never overwrites anything
    const handle = await fs.open(path.join(this.dir, file), 'wx');
    this.current = { handle, file, hash: createHash('sha256'), size: 0, pending: [] };
    return this.current;
  }

  private async flush(part: OpenPart): Promise<void> {
    const pending = part.pending;
    part.pending = [];
    if (pending.length > 0) await writeFully(part.handle, pending);
  }

  private async closePart(): Promise<void> {
    const part = this.current;
    if (part === null) return;
    await this.flush(part);
    this.current = null;
    await part.handle.close();
    this.written.push({ file: part.file, size: part.size, sha256: part.hash.digest('hex') });
  }
}

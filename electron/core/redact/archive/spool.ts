import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Temporary files for what must be whole on disk before it can be used: a
 * tar member's redacted bytes (a tar header states the size first) and a zip
 * nested in another archive (zip is read from its central directory, at the end).
 * They live in a private folder of the run, not in the output, and go away
 * as soon as they are used.
 */
export class Spool {
  constructor(readonly dir: string) {}

  /** Writes `input` to a new temporary file; the caller removes it with `release`. */
  async write(input: Readable, signal?: AbortSignal): Promise<{ file: string; size: number }> {
    const file = path.join(this.dir, `spool-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(input, createWriteStream(file, { mode: 0o600 }), { signal });
      const { size } = await fs.stat(file);
      return { file, size };
    } catch (error) {
      await this.release(file);
      throw error;
    }
  }

  async release(file: string): Promise<void> {
    await fs.rm(file, { force: true });
  }
}

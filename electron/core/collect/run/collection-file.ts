import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { collectionSchema, type Collection } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { DIR_MODE, FILE_MODE, readJsonDocument } from '../../common/json-document';
import { ioError } from '../../common/error-text';

export const COLLECTION_FILE = 'collection.json';

const CURRENT_VERSION = 1;
// readJsonDocument hands the schema the data without its schemaVersion.
const bodySchema = collectionSchema.omit({ schemaVersion: true });

/** The collection recorded in `outDir`, or null when none was started there. */
export async function readCollection(outDir: string): Promise<Collection | null> {
  const file = path.join(outDir, COLLECTION_FILE);
  const read = await readJsonDocument(file, {
    currentVersion: CURRENT_VERSION,
    schema: bodySchema,
    label: 'collection journal',
  });
  switch (read.status) {
    case 'missing':
      return null;
    case 'ok':
      return { schemaVersion: 1, ...read.data };
    case 'newer':
      throw new CasekitError(
        'INVALID_INPUT',
        `${file} was written by a newer Casekit (format ${read.version}). Collect into another folder, or update Casekit.`,
      );
    case 'corrupt':
      throw new CasekitError(
        'INVALID_INPUT',
        `${read.message} Casekit will not overwrite it: move it away (the files beside it stay usable) or collect into another folder.`,
      );
  }
}

/** Writes at most every this many ms while items change; a crash loses at most that much of the record. */
const MIN_INTERVAL_MS = 250;

/**
 * Keeps `collection.json` in step with the collection in memory: each write
 * replaces the file whole (temp file + rename), so a crash or a kill leaves
 * the previous or the next state, never half of one. Changes that come faster
 * than a few per second are folded into one write.
 */
export class CollectionJournal {
  private readonly file: string;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    readonly outDir: string,
    private readonly snapshot: () => Collection,
  ) {
    this.file = path.join(outDir, COLLECTION_FILE);
  }

  /** Records that something changed; the write follows soon. */
  touch(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastWriteAt + MIN_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write(false);
    }, wait);
  }

  /** Writes the current state now (synced to disk) and reports a write that failed since the last flush. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.write(true);
    const failure = this.failure;
    this.failure = null;
    if (failure !== null) throw ioError(`write the collection journal ${this.file}`, failure);
  }

  private write(sync: boolean): Promise<void> {
    // Serialised: renames must land in the order the states were taken.
    this.writing = this.writing.then(async () => {
      this.lastWriteAt = Date.now();
      const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`;
      try {
        await fs.mkdir(this.outDir, { recursive: true, mode: DIR_MODE });
        await writeFileAtomic(this.file, text, { mode: FILE_MODE, fsync: sync });
      } catch (error) {
        this.failure = error;
      }
    });
    return this.writing;
  }
}

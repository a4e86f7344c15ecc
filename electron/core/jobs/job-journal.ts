import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  jobIdSchema,
  jobKindSchema,
  jobStateSchema,
  jobSummarySchema,
  type JobSummary,
} from '../../shared/job-schemas';
import { errnoCode, errorMessage, ioError } from '../common/error-text';
import { readJsonDocument, writeJsonDocument } from '../common/json-document';
import { KeyedLock } from '../common/keyed-lock';
import { mapLimit } from '../common/map-limit';

export const JOB_SCHEMA_VERSION = 1;

/** Everything needed to show a job after a restart and to resume it from where it stopped. */
export const jobJournalEntrySchema = z.object({
  id: jobIdSchema,
  kind: jobKindSchema,
  caseId: z.string().nullable(),
  // JSON has no undefined: an absent params or checkpoint means there is none.
  params: z.unknown().default(null),
  state: jobStateSchema,
  checkpoint: z.unknown().default(null),
  progress: jobSummarySchema.shape.progress,
  error: jobSummarySchema.shape.error,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type JobJournalEntry = z.infer<typeof jobJournalEntrySchema>;

/** The part of a journal entry the API hands out (copied, so callers cannot change the record). */
export function toJobSummary(entry: JobJournalEntry): JobSummary {
  const { id, kind, caseId, state, createdAt, updatedAt, progress, error } = entry;
  return { id, kind, caseId, state, createdAt, updatedAt, progress: { ...progress }, error: error && { ...error } };
}

/** A journal file that could not be loaded; it is left as it is. */
export interface JournalProblem {
  file: string;
  message: string;
}

const JOURNAL_FILE = /^(job-[a-z0-9-]+)\.json$/;
const READ_CONCURRENCY = 16;
const SKIPPED =
  'Casekit left it untouched and will neither show nor resume that job; delete the file if you do not need it.';

/** One document per job: `<home>/jobs/<id>.json`. */
export class JobJournal {
  readonly dir: string;
  private readonly lock = new KeyedLock();

  constructor(opts: { home: string }) {
    this.dir = path.join(path.resolve(opts.home), 'jobs');
  }

  fileOf(id: string): string {
    return path.join(this.dir, `${jobIdSchema.parse(id)}.json`);
  }

  /**
   * Writes are queued per job: a checkpoint and a state change issued back to
   * back must reach the disk in that order, or the older one could win.
   */
  async write(entry: JobJournalEntry): Promise<void> {
    const snapshot = structuredClone(entry);
    await this.lock.run(entry.id, () => writeJsonDocument(this.fileOf(entry.id), JOB_SCHEMA_VERSION, snapshot));
  }

  async readAll(): Promise<{ entries: JobJournalEntry[]; problems: JournalProblem[] }> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return { entries: [], problems: [] };
      throw ioError(`list the job journals in ${this.dir}`, err);
    }
    // Temp files of interrupted writes ("job-….json.1234") and anything else foreign do not match and are skipped.
    const ids = names.flatMap((name) => {
      const id = JOURNAL_FILE.exec(name)?.[1];
      return id !== undefined && jobIdSchema.safeParse(id).success ? [id] : [];
    });
    const loaded = await mapLimit(ids.sort(), READ_CONCURRENCY, (id) => this.readOne(id));
    const entries: JobJournalEntry[] = [];
    const problems: JournalProblem[] = [];
    for (const item of loaded) {
      if ('entry' in item) entries.push(item.entry);
      else problems.push(item.problem);
    }
    return { entries, problems };
  }

  private async readOne(id: string): Promise<{ entry: JobJournalEntry } | { problem: JournalProblem }> {
    const file = this.fileOf(id);
    try {
      const result = await readJsonDocument(file, {
        currentVersion: JOB_SCHEMA_VERSION,
        schema: jobJournalEntrySchema,
        label: 'job journal',
      });
      switch (result.status) {
        case 'ok':
          if (result.data.id === id) return { entry: result.data };
          return {
            problem: { file, message: `The job journal ${file} names another job (${result.data.id}). ${SKIPPED}` },
          };
        case 'corrupt':
          return { problem: { file, message: `${result.message} ${SKIPPED}` } };
        case 'newer':
          return { problem: { file, message: newerMessage(file, result.version) } };
        case 'missing':
          return { problem: { file, message: `The job journal ${file} disappeared while Casekit was reading it.` } };
      }
    } catch (err) {
      return { problem: { file, message: errorMessage(err) } };
    }
  }
}

function newerMessage(file: string, version: number): string {
  return (
    `The job journal ${file} was written by a newer Casekit (format version ${version}; this Casekit ` +
    `understands version ${JOB_SCHEMA_VERSION}). It was left untouched; update Casekit to see or resume that job.`
  );
}

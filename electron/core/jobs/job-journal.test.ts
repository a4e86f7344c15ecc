import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome } from '../testing/temp-home';
import { JOB_SCHEMA_VERSION, JobJournal, toJobSummary, type JobJournalEntry } from './job-journal';
import { EMPTY_PROGRESS } from './progress-update';

let home: string;
let remove: () => Promise<void>;
let journal: JobJournal;

beforeEach(async () => {
  ({ home, remove } = await makeTempHome());
  journal = new JobJournal({ home });
});
afterEach(() => remove());

const entry = (id: string, extra: Partial<JobJournalEntry> = {}): JobJournalEntry => ({
  id,
  kind: 'collect',
  caseId: 'c-20250301-aaaaaaaa',
  params: { hosts: ['mx1'] },
  state: 'running',
  checkpoint: { done: 2 },
  progress: { ...EMPTY_PROGRESS, bytesDone: 20 },
  error: null,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  ...extra,
});

describe('JobJournal', () => {
  it('writes one versioned document per job and reads them all back', async () => {
    await journal.write(entry('job-20250301-aaaaaaaa'));
    await journal.write(entry('job-20250301-bbbbbbbb', { state: 'succeeded', checkpoint: null }));
    const onDisk = JSON.parse(await fs.readFile(path.join(home, 'jobs', 'job-20250301-aaaaaaaa.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(JOB_SCHEMA_VERSION);
    const { entries, problems } = await journal.readAll();
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      entry('job-20250301-aaaaaaaa'),
      entry('job-20250301-bbbbbbbb', { state: 'succeeded', checkpoint: null }),
    ]);
  });

  it('keeps writes to one job in call order', async () => {
    const id = 'job-20250301-aaaaaaaa';
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.write(entry(id, { checkpoint: { step: i } }))));
    const { entries } = await journal.readAll();
    expect(entries[0]?.checkpoint).toEqual({ step: 19 });
  });

  it('reads nothing when the jobs folder does not exist yet', async () => {
    expect(await journal.readAll()).toEqual({ entries: [], problems: [] });
  });

  it('skips foreign files and reports unreadable journals without touching them', async () => {
    await journal.write(entry('job-20250301-aaaaaaaa'));
    const dir = path.join(home, 'jobs');
    await fs.writeFile(path.join(dir, 'job-20250301-aaaaaaaa.json.123456'), 'temp file of an interrupted write');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'hello');
    await fs.writeFile(path.join(dir, 'job-20250301-broken01.json'), '{"schemaVersion": 1,');
    await fs.writeFile(path.join(dir, 'job-20250301-future01.json'), '{"schemaVersion": 4}');
    const copied = JSON.stringify({ schemaVersion: 1, ...entry('job-20250301-aaaaaaaa') });
    await fs.writeFile(path.join(dir, 'job-20250301-copied01.json'), copied);

    const { entries, problems } = await journal.readAll();
    expect(entries.map((e) => e.id)).toEqual(['job-20250301-aaaaaaaa']);
    expect(problems.map((p) => path.basename(p.file))).toEqual([
      'job-20250301-broken01.json',
      'job-20250301-copied01.json',
      'job-20250301-future01.json',
    ]);
    expect(problems[0]?.message).toMatch(/is not valid JSON.*left it untouched/);
    expect(problems[1]?.message).toContain('names another job (job-20250301-aaaaaaaa)');
    expect(problems[2]?.message).toContain('newer Casekit (format version 4;');
    expect(await fs.readFile(path.join(dir, 'job-20250301-broken01.json'), 'utf8')).toBe('{"schemaVersion": 1,');
  });

  it('reads a journal without params or checkpoint as null', async () => {
    const { params: _params, checkpoint: _checkpoint, ...rest } = entry('job-20250301-aaaaaaaa');
    await fs.mkdir(path.join(home, 'jobs'));
    await fs.writeFile(
      path.join(home, 'jobs', 'job-20250301-aaaaaaaa.json'),
      JSON.stringify({ schemaVersion: 1, ...rest }),
    );
    const { entries } = await journal.readAll();
    expect(entries[0]).toMatchObject({ params: null, checkpoint: null });
  });

  it('summarises an entry without its params and checkpoint', () => {
    const summary = toJobSummary(entry('job-20250301-aaaaaaaa'));
    expect(summary).not.toHaveProperty('params');
    expect(summary).not.toHaveProperty('checkpoint');
    expect(summary.progress.bytesDone).toBe(20);
  });
});

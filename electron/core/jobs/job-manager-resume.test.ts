import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../shared/job-schemas';
import { caught } from '../testing/caught';
import { deferred, untilAborted } from '../testing/deferred';
import { useJobManagerFixture } from '../testing/job-manager-fixture';
import { JobJournal, type JobJournalEntry } from './job-journal';
import type { JobContext } from './job-types';
import { EMPTY_PROGRESS } from './progress-update';

const fixture = useJobManagerFixture();
const { newManager, changes, journalOf } = fixture;

describe('JobManager journal and resume', () => {
  const crashedEntry = (extra: Partial<JobJournalEntry> = {}): JobJournalEntry => ({
    id: 'job-20250301-crashed1',
    kind: 'collect',
    caseId: 'c-20250301-aaaaaaaa',
    params: { items: 5 },
    state: 'running',
    checkpoint: { next: 3 },
    progress: { ...EMPTY_PROGRESS, itemsDone: 3, itemsTotal: 5, rate: 123 },
    error: null,
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:00.000Z',
    ...extra,
  });

  /** Works through `params.items`, checkpointing after each, continuing from a checkpoint if given. */
  function itemRunner(processed: number[], hold?: { after: number; reached: () => void }) {
    return async (ctx: JobContext): Promise<void> => {
      const { items } = ctx.params as { items: number };
      const start = (ctx.checkpoint as { next: number } | null)?.next ?? 0;
      for (let i = start; i < items; i++) {
        processed.push(i);
        ctx.progress({ itemsDone: i + 1, itemsTotal: items });
        await ctx.saveCheckpoint({ next: i + 1 });
        if (hold !== undefined && i + 1 === hold.after) {
          hold.reached();
          await untilAborted(ctx.signal);
        }
      }
    };
  }

  it('marks a job that was running at a crash as interrupted, then resumes it from its checkpoint', async () => {
    await new JobJournal({ home: fixture.home }).write(crashedEntry());
    const manager = newManager();
    await manager.init();
    expect(manager.get('job-20250301-crashed1')).toMatchObject({
      state: 'interrupted',
      progress: { rate: 0, itemsDone: 3 },
    });
    expect(await journalOf('job-20250301-crashed1')).toMatchObject({ state: 'interrupted', checkpoint: { next: 3 } });

    const processed: number[] = [];
    manager.registerKind('collect', itemRunner(processed));
    const resumed = await manager.resumeInterrupted();
    expect(resumed.map((j) => [j.id, j.state])).toEqual([['job-20250301-crashed1', 'running']]);
    const done = await manager.waitFor('job-20250301-crashed1');
    expect(done).toMatchObject({ state: 'succeeded', progress: { itemsDone: 5 } });
    expect(processed).toEqual([3, 4]);
    expect(await journalOf('job-20250301-crashed1')).toMatchObject({ state: 'succeeded', checkpoint: { next: 5 } });
    expect(changes('job-20250301-crashed1')).toEqual(['interrupted', 'running', 'succeeded']);
  });

  it('leaves jobs running at close interrupted, and the next instance carries on where they stopped', async () => {
    const first = newManager();
    const processedBefore: number[] = [];
    const reached = deferred();
    first.registerKind('collect', itemRunner(processedBefore, { after: 2, reached: reached.resolve }));
    const { id } = await first.start('collect', { caseId: null, params: { items: 4 } });
    await reached.promise;
    await first.close();
    await first.close(); // closing twice is harmless
    expect(first.get(id).state).toBe('interrupted');
    expect(await journalOf(id)).toMatchObject({ state: 'interrupted', checkpoint: { next: 2 } });
    expect(await caught(first.start('collect', { caseId: null, params: { items: 1 } }))).toMatchObject({
      code: 'CANCELLED',
    });
    expect(await first.resumeInterrupted()).toEqual([]);

    const second = newManager();
    await second.init();
    const processedAfter: number[] = [];
    second.registerKind('collect', itemRunner(processedAfter));
    await second.resumeInterrupted();
    expect((await second.waitFor(id)).state).toBe('succeeded');
    expect(processedBefore).toEqual([0, 1]);
    expect(processedAfter).toEqual([2, 3]);
  });

  it('does not resume a job whose kind has no runner, or that was cancelled while interrupted', async () => {
    const journal = new JobJournal({ home: fixture.home });
    await journal.write(crashedEntry());
    await journal.write(crashedEntry({ id: 'job-20250301-crashed2', kind: 'ship' }));
    const manager = newManager();
    await manager.init();
    expect(await manager.cancel('job-20250301-crashed1')).toMatchObject({ state: 'cancelled' });
    manager.registerKind('collect', itemRunner([]));
    expect(await manager.resumeInterrupted()).toEqual([]);
    expect(manager.get('job-20250301-crashed2').state).toBe('interrupted');
    expect(await journalOf('job-20250301-crashed1')).toMatchObject({ state: 'cancelled' });
  });

  it('keeps finished jobs as they were and leaves unreadable journals untouched', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const journal = new JobJournal({ home: fixture.home });
    const finished = crashedEntry({
      id: 'job-20250301-finished',
      state: 'failed',
      error: { code: 'IO_ERROR', message: 'x', retryable: true },
    });
    await journal.write(finished);
    const broken = path.join(fixture.home, 'jobs', 'job-20250301-broken01.json');
    await fs.writeFile(broken, '{"schemaVersion": 1, "state": "runn');
    const manager = newManager();
    await manager.init();
    const summaries: JobSummary[] = manager.list();
    expect(summaries.map((j) => [j.id, j.state])).toEqual([['job-20250301-finished', 'failed']]);
    expect(manager.problems).toEqual([{ file: broken, message: expect.stringContaining('is not valid JSON') }]);
    expect(await fs.readFile(broken, 'utf8')).toBe('{"schemaVersion": 1, "state": "runn');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { CasekitError } from '../../shared/error-codes';
import type { JobProgress } from '../../shared/job-schemas';
import { caught } from '../testing/caught';
import { deferred, untilAborted } from '../testing/deferred';
import { useJobManagerFixture } from '../testing/job-manager-fixture';
import type { JobContext } from './job-types';

const fixture = useJobManagerFixture();
const { newManager, changes, journalOf } = fixture;
const progressEvents = (id: string): JobProgress[] =>
  fixture.events.flatMap((e) => (e.event === 'jobProgress' && e.payload.jobId === id ? [e.payload] : []));

describe('JobManager.start', () => {
  it('returns a running job at once and finishes it in the background', async () => {
    const manager = newManager();
    const release = deferred();
    let seen: JobContext | null = null;
    manager.registerKind('collect', async (ctx) => {
      seen = ctx;
      await release.promise;
    });
    const started = await manager.start('collect', {
      caseId: 'c-20250301-aaaaaaaa',
      params: { hosts: ['mx1'], skip: undefined },
    });
    expect(started).toMatchObject({ kind: 'collect', caseId: 'c-20250301-aaaaaaaa', state: 'running', error: null });
    expect(started.id).toMatch(/^job-20250301-[a-z2-7]{8}$/);
    expect(await journalOf(started.id)).toMatchObject({
      schemaVersion: 1,
      state: 'running',
      params: { hosts: ['mx1'] },
    });
    expect(manager.get(started.id).state).toBe('running');

    release.resolve();
    const done = await manager.waitFor(started.id);
    expect(done.state).toBe('succeeded');
    expect(seen).toMatchObject({ jobId: started.id, checkpoint: null });
    // Params reach the runner as the journal holds them: a JSON copy.
    expect((seen as JobContext | null)?.params).toStrictEqual({ hosts: ['mx1'] });
    expect(changes(started.id)).toEqual(['running', 'succeeded']);
    expect(await journalOf(started.id)).toMatchObject({ state: 'succeeded', error: null });
  });

  it('refuses a kind without a runner, a second runner for a kind, and params JSON cannot hold', async () => {
    const manager = newManager();
    expect(await caught(manager.start('ship', { caseId: null, params: {} }))).toMatchObject({ code: 'INTERNAL' });
    manager.registerKind('ship', async () => undefined);
    expect(() => manager.registerKind('ship', async () => undefined)).toThrow(CasekitError);
    expect(await caught(manager.start('ship', { caseId: null, params: { size: 1n } }))).toMatchObject({
      code: 'INTERNAL',
    });
    expect(manager.list()).toEqual([]);
  });

  it('lists jobs newest first', async () => {
    const manager = newManager();
    manager.registerKind('pack', async () => undefined);
    const first = await manager.start('pack', { caseId: null, params: null });
    fixture.clock.advance(1000);
    const second = await manager.start('pack', { caseId: null, params: null });
    expect(manager.list().map((j) => j.id)).toEqual([second.id, first.id]);
    expect(await caught(manager.waitFor('job-20250301-unknown1'))).toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});

describe('JobManager progress', () => {
  it('throttles progress events and always sends the final state', async () => {
    const manager = newManager();
    manager.registerKind('collect', async (ctx) => {
      for (let i = 1; i <= 100; i++) {
        ctx.progress({ bytesDone: i * 100, bytesTotal: 10_000, itemsDone: i, itemsTotal: 100, current: `file ${i}` });
        fixture.clock.advance(10);
      }
    });
    const { id } = await manager.start('collect', { caseId: null, params: {} });
    await manager.waitFor(id);
    const sent = progressEvents(id);
    // One second of reports at 100 a second: 4 throttled events (t = 0, 250, 500, 750 ms) plus the final one.
    expect(sent.map((p) => p.bytesDone)).toEqual([100, 2600, 5100, 7600, 10_000]);
    expect(sent[1]?.rate).toBeCloseTo(10_000, 6);
    expect(sent[1]?.eta).toBeCloseTo(0.74, 6);
    expect(sent[4]).toMatchObject({ itemsDone: 100, itemsTotal: 100, current: 'file 100', eta: 0 });
    expect(manager.get(id).progress).toMatchObject({ bytesDone: 10_000, itemsDone: 100 });
  });

  it('fails a job whose runner reports impossible progress', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manager = newManager();
    manager.registerKind('collect', async (ctx) => {
      ctx.progress({ bytesDone: -5 });
    });
    const { id } = await manager.start('collect', { caseId: null, params: {} });
    const done = await manager.waitFor(id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('bytesDone') });
  });

  it('ignores progress and checkpoints a runner sends after it settled', async () => {
    const manager = newManager();
    let leaked: JobContext | null = null;
    manager.registerKind('collect', async (ctx) => {
      leaked = ctx;
    });
    const { id } = await manager.start('collect', { caseId: null, params: {} });
    await manager.waitFor(id);
    const before = await journalOf(id);
    const eventCount = fixture.events.length;
    const ctx = leaked as JobContext | null;
    ctx?.progress({ bytesDone: 99 });
    await ctx?.saveCheckpoint({ late: true });
    expect(fixture.events.length).toBe(eventCount);
    expect(await journalOf(id)).toEqual(before);
    expect(manager.get(id).progress.bytesDone).toBe(0);
  });
});

describe('JobManager.cancel', () => {
  it('aborts the runner, waits for it, and leaves the job cancelled', async () => {
    const manager = newManager();
    const running = deferred();
    let reason: unknown = null;
    manager.registerKind('pack', async (ctx) => {
      running.resolve();
      try {
        await untilAborted(ctx.signal);
      } catch (err) {
        reason = err;
        throw err;
      }
    });
    const { id } = await manager.start('pack', { caseId: null, params: {} });
    await running.promise;
    const cancelled = await manager.cancel(id);
    expect(cancelled).toMatchObject({ state: 'cancelled', error: null });
    expect(reason).toMatchObject({ code: 'CANCELLED' });
    expect(changes(id)).toEqual(['running', 'cancelled']);
    expect(await journalOf(id)).toMatchObject({ state: 'cancelled' });

    const again = await caught(manager.cancel(id));
    expect(again.code).toBe('JOB_FINISHED');
    expect(again.message).toContain('(cancelled)');
    expect(await caught(manager.cancel('job-20250301-unknown1'))).toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('counts a runner that returns quietly after the abort as cancelled, not succeeded', async () => {
    const manager = newManager();
    manager.registerKind('pack', async (ctx) => {
      await untilAborted(ctx.signal).catch(() => undefined);
    });
    const { id } = await manager.start('pack', { caseId: null, params: {} });
    expect((await manager.cancel(id)).state).toBe('cancelled');
  });

  it('refuses to cancel a job that already succeeded', async () => {
    const manager = newManager();
    manager.registerKind('pack', async () => undefined);
    const { id } = await manager.start('pack', { caseId: null, params: {} });
    await manager.waitFor(id);
    expect(await caught(manager.cancel(id))).toMatchObject({ code: 'JOB_FINISHED' });
  });
});

describe('JobManager failures', () => {
  it('keeps the code, message and retryable flag of a CasekitError', async () => {
    const manager = newManager();
    manager.registerKind('ship', async () => {
      throw new CasekitError('IO_ERROR', 'Could not write /x/pack.zip (ENOSPC). Free some space, then try again.');
    });
    const { id } = await manager.start('ship', { caseId: null, params: {} });
    const done = await manager.waitFor(id);
    expect(done).toMatchObject({
      state: 'failed',
      error: {
        code: 'IO_ERROR',
        message: 'Could not write /x/pack.zip (ENOSPC). Free some space, then try again.',
        retryable: true,
      },
    });
    expect((await journalOf(id)).error).toEqual(done.error);
  });

  it('turns any other error into INTERNAL with its message, logging the stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manager = newManager();
    manager.registerKind('redact', async () => {
      throw new TypeError('boom');
    });
    const { id } = await manager.start('redact', { caseId: null, params: {} });
    const done = await manager.waitFor(id);
    expect(done.error).toEqual({
      code: 'INTERNAL',
      message: `Unexpected error in the redact job ${id}: boom`,
      retryable: false,
    });
    expect(log).toHaveBeenCalled();
  });

  it('keeps running jobs when an event listener throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manager = newManager(() => {
      throw new Error('window gone');
    });
    manager.registerKind('pack', async (ctx) => ctx.progress({ bytesDone: 1 }));
    const { id } = await manager.start('pack', { caseId: null, params: {} });
    expect((await manager.waitFor(id)).state).toBe('succeeded');
  });
});

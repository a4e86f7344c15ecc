import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/api-contract';
import type { CaseRecord } from '../../shared/case-schemas';
import type { Result } from '../../shared/result';
import { deferred, untilAborted } from '../testing/deferred';
import { makeTempHome } from '../testing/temp-home';
import { createCore, type Core } from './create-core';

let root: string;
let remove: () => Promise<void>;
let home: string;
let core: Core;
let events: EventMessage[];

beforeEach(async () => {
  ({ home: root, remove } = await makeTempHome());
  home = path.join(root, 'data', 'Casekit');
  core = await createCore({ home, version: '1.2.3' });
  events = [];
  core.subscribe((msg) => events.push(msg));
});
afterEach(async () => {
  await core.close();
  await remove();
});

function data<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

const plant = async (id: string, content: string): Promise<string> => {
  const file = path.join(home, 'cases', id, 'case.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return file;
};

describe('createCore', () => {
  it('creates the data folder for the owner only and reports it in getAppInfo', async () => {
    expect((await fs.stat(home)).mode & 0o777).toBe(0o700);
    expect(core.home).toBe(home);
    expect(await core.dispatch('getAppInfo', {})).toEqual({
      ok: true,
      data: { name: 'Casekit', version: '1.2.3', dataDir: home, warnings: [] },
    });
  });

  it('runs the case lifecycle through dispatch and announces each change', async () => {
    const created = data<CaseRecord>(
      await core.dispatch('createCase', { title: 'Mail stuck in queue', caseNumber: '00012345' }),
    );
    expect(created).toMatchObject({ title: 'Mail stuck in queue', caseNumber: '00012345', vendor: 'zimbra' });

    const renamed = data<CaseRecord>(await core.dispatch('renameCase', { id: created.id, title: ' Queue stuck ' }));
    expect(renamed.title).toBe('Queue stuck');
    const numbered = data<CaseRecord>(await core.dispatch('setCaseNumber', { id: created.id, caseNumber: '00054321' }));
    expect(numbered.caseNumber).toBe('00054321');

    const listed = data<{ cases: CaseRecord[]; problems: unknown[] }>(await core.dispatch('listCases', {}));
    expect(listed).toEqual({ cases: [numbered], problems: [] });
    expect(data<CaseRecord>(await core.dispatch('getCase', { id: created.id }))).toEqual(numbered);

    expect(await core.dispatch('deleteCase', { id: created.id })).toEqual({ ok: true, data: { id: created.id } });
    expect(await core.dispatch('getCase', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    expect(events).toEqual(Array(4).fill({ event: 'casesChanged', payload: { caseId: created.id } }));
  });

  it('rejects a case number that is not 8 digits, changing nothing', async () => {
    const created = data<CaseRecord>(await core.dispatch('createCase', { title: 'x' }));
    const result = await core.dispatch('setCaseNumber', { id: created.id, caseNumber: '1234' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'Invalid input for setCaseNumber: caseNumber: A case number is exactly 8 digits, for example 00012345. Correct it and try again.',
        retryable: false,
      },
    });
    expect(data<CaseRecord>(await core.dispatch('getCase', { id: created.id })).caseNumber).toBeNull();
  });

  it.each([
    ['corrupt', '{"schemaVersion": 1, "id": ', 'CASE_CORRUPT', /is not valid JSON .*restore it from a backup/],
    [
      'newer',
      '{"schemaVersion": 2, "id": "c-20250301-target01"}',
      'CASE_FROM_NEWER_VERSION',
      /format version 2; this Casekit understands version 1.*update Casekit/,
    ],
  ])(
    'shows a %s case as a problem, refuses to touch it, and keeps its bytes',
    async (_label, content, code, message) => {
      const good = data<CaseRecord>(await core.dispatch('createCase', { title: 'good' }));
      const file = await plant('c-20250301-target01', content);
      const before = await fs.readFile(file);

      const listed = data<{ cases: CaseRecord[]; problems: { id: string; code: string; message: string }[] }>(
        await core.dispatch('listCases', {}),
      );
      expect(listed.cases.map((c) => c.id)).toEqual([good.id]);
      expect(listed.problems).toEqual([
        { id: 'c-20250301-target01', folder: path.dirname(file), code, message: expect.stringMatching(message) },
      ]);

      for (const [name, input] of [
        ['getCase', { id: 'c-20250301-target01' }],
        ['renameCase', { id: 'c-20250301-target01', title: 'overwrite?' }],
        ['setCaseNumber', { id: 'c-20250301-target01', caseNumber: '00000001' }],
        ['deleteCase', { id: 'c-20250301-target01' }],
      ] as const) {
        expect(await core.dispatch(name, input), name).toMatchObject({
          ok: false,
          error: { code, message: expect.stringContaining(file) },
        });
      }
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      expect(events).toEqual([{ event: 'casesChanged', payload: { caseId: good.id } }]);
    },
  );

  it('reads and updates settings', async () => {
    expect(await core.dispatch('getSettings', {})).toEqual({ ok: true, data: { language: null, theme: 'system' } });
    expect(await core.dispatch('updateSettings', { language: 'pl' })).toEqual({
      ok: true,
      data: { language: 'pl', theme: 'system' },
    });
    expect(await core.dispatch('updateSettings', { theme: 'neon' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await fs.writeFile(path.join(home, 'settings.json'), '{');
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: false, error: { code: 'SETTINGS_CORRUPT' } });
    expect(await core.dispatch('updateSettings', { theme: 'dark' })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_CORRUPT' },
    });
    expect(await fs.readFile(path.join(home, 'settings.json'), 'utf8')).toBe('{');
  });

  it('lists and cancels jobs, and close leaves a running one interrupted for the next start', async () => {
    const running = deferred();
    core.jobs.registerKind('redact', async (ctx) => {
      running.resolve();
      await untilAborted(ctx.signal);
    });
    const first = await core.jobs.start('redact', { caseId: null, params: {} });
    await running.promise;
    expect(
      data<{ id: string; state: string }[]>(await core.dispatch('listJobs', {})).map((j) => [j.id, j.state]),
    ).toEqual([[first.id, 'running']]);
    expect(await core.dispatch('cancelJob', { jobId: first.id })).toMatchObject({
      ok: true,
      data: { id: first.id, state: 'cancelled' },
    });
    expect(await core.dispatch('cancelJob', { jobId: first.id })).toMatchObject({
      ok: false,
      error: { code: 'JOB_FINISHED' },
    });
    expect(await core.dispatch('cancelJob', { jobId: 'job-20250301-unknown1' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_NOT_FOUND' },
    });
    expect(await core.dispatch('cancelJob', { jobId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(events.filter((e) => e.event === 'jobChanged').map((e) => e.payload)).toMatchObject([
      { id: first.id, state: 'running' },
      { id: first.id, state: 'cancelled' },
    ]);

    const second = await core.jobs.start('redact', { caseId: null, params: {} });
    await core.close();
    const next = await createCore({ home, version: '1.2.3' });
    try {
      expect(next.jobs.get(second.id).state).toBe('interrupted');
      expect(next.jobs.get(first.id).state).toBe('cancelled');
    } finally {
      await next.close();
    }
  });

  it('reports a data folder it cannot create as IO_ERROR', async () => {
    const blocker = path.join(root, 'blocker');
    await fs.writeFile(blocker, '');
    await expect(createCore({ home: path.join(blocker, 'home'), version: '1' })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringContaining('CASEKIT_HOME'),
    });
  });
});

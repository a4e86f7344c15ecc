import type { CasekitApi, EventName, EventPayload } from '../../../electron/shared/api-contract';
import type { CaseProblem, CaseRecord } from '../../../electron/shared/case-schemas';
import { fail, ok } from '../../../electron/shared/result';
import type { Settings } from '../../../electron/shared/settings-schemas';

type Listeners = { [E in EventName]: Set<(payload: EventPayload<E>) => void> };

/** Writable, so that a test can vi.spyOn() any call. */
export type FakeApi = { -readonly [K in keyof CasekitApi]: CasekitApi[K] };

export type FakeState = { cases?: CaseRecord[]; problems?: CaseProblem[]; settings?: Settings };

export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'case-000001',
    title: 'Mail queue stuck on mta1',
    vendor: 'zimbra',
    caseNumber: null,
    createdAt: '2025-03-04T08:15:00.000Z',
    updatedAt: '2025-03-04T09:30:00.000Z',
    ...overrides,
  };
}

/** An in-memory back end standing in for either bridge; tests spy on the calls they check. */
export function createFakeApi(state: FakeState = {}) {
  const cases = new Map((state.cases ?? []).map((record) => [record.id, record]));
  const problems = state.problems ?? [];
  let settings: Settings = state.settings ?? { language: null, theme: 'system' };
  let nextId = 100;
  const listeners: Listeners = { jobProgress: new Set(), jobChanged: new Set(), casesChanged: new Set() };
  const now = (): string => new Date('2025-03-05T10:00:00.000Z').toISOString();

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners[event]) listener(payload);
  }
  function change(id: string, patch: Partial<CaseRecord>) {
    const current = cases.get(id);
    if (current === undefined) return fail<CaseRecord>('NOT_FOUND', `No case ${id}.`);
    const next = { ...current, ...patch, updatedAt: now() };
    cases.set(id, next);
    return ok(next);
  }

  const api: FakeApi = {
    getAppInfo: async () => ok({ name: 'Casekit', version: '0.0.0-test', dataDir: '/tmp/casekit' }),
    listCases: async () => ok({ cases: [...cases.values()], problems }),
    createCase: async (input) => {
      const id = `case-${String(nextId++).padStart(6, '0')}`;
      const stamp = now();
      const record = caseRecord({
        id,
        title: input.title,
        caseNumber: input.caseNumber ?? null,
        createdAt: stamp,
        updatedAt: stamp,
      });
      cases.set(id, record);
      return ok(record);
    },
    getCase: async ({ id }) => {
      const record = cases.get(id);
      return record === undefined ? fail('NOT_FOUND', `No case ${id}.`) : ok(record);
    },
    renameCase: async ({ id, title }) => change(id, { title }),
    setCaseNumber: async ({ id, caseNumber }) => change(id, { caseNumber }),
    deleteCase: async ({ id }) => (cases.delete(id) ? ok({ id }) : fail('NOT_FOUND', `No case ${id}.`)),
    getSettings: async () => ok(settings),
    updateSettings: async (patch) => {
      settings = { ...settings, ...patch };
      return ok(settings);
    },
    listJobs: async () => ok([]),
    cancelJob: async ({ jobId }) => fail('JOB_NOT_FOUND', `No job ${jobId}.`),
    on: (event, listener) => {
      listeners[event].add(listener);
      return () => {
        listeners[event].delete(listener);
      };
    },
  };

  return { api, cases, emit };
}

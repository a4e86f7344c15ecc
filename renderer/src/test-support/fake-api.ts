import type { CallOutput, CasekitApi, EventName, EventPayload } from '../../../electron/shared/api-contract';
import type { CaseProblem, CaseRecord } from '../../../electron/shared/case-schemas';
import { fail, ok } from '../../../electron/shared/result';
import type { Settings } from '../../../electron/shared/settings-schemas';
import type { ConnectionTest, ServerRecord, ServerScope } from '../../../electron/shared/server-schemas';
import { createFakeCollectApi, type FakeCollectState } from './fake-collect-api';
import { createFakeShipApi, type FakeShipState } from './fake-ship-api';

type Listeners = { [E in EventName]: Set<(payload: EventPayload<E>) => void> };

/** Writable, so that a test can vi.spyOn() any call. */
export type FakeApi = { -readonly [K in keyof CasekitApi]: CasekitApi[K] };

export type FakeState = {
  cases?: CaseRecord[];
  problems?: CaseProblem[];
  settings?: Settings;
  /** Keyed by scope: 'global' or the case id. */
  servers?: Record<string, ServerRecord[]>;
  keychain?: { available: boolean; reason: string | null };
  appWarnings?: AppWarning[];
  ship?: FakeShipState;
  collect?: FakeCollectState;
};

export type AppWarning = CallOutput<'getAppInfo'>['warnings'][number];

export function serverRecord(overrides: Partial<ServerRecord> = {}): ServerRecord {
  return {
    id: 's-000000000001',
    label: 'Mailbox 1',
    host: 'mbx01.example.com',
    port: null,
    user: 'root',
    identityFile: null,
    jump: [],
    useSudo: false,
    legacyAlgorithms: false,
    createdAt: '2025-03-04T08:15:00.000Z',
    updatedAt: '2025-03-04T08:15:00.000Z',
    ...overrides,
  };
}

export function connectionTest(overrides: Partial<ConnectionTest> = {}): ConnectionTest {
  return {
    hostKey: {
      host: 'mbx01.example.com',
      port: 22,
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
    },
    authMethod: 'password',
    remoteUser: 'root',
    hostname: 'mbx01',
    isRoot: true,
    sudo: 'none',
    zimbraUser: true,
    sudoCheck: null,
    hops: [],
    durationMs: 812,
    warnings: [],
    ...overrides,
  };
}

const scopeKey = (scope: ServerScope): string => (scope.kind === 'global' ? 'global' : scope.caseId);

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
  const servers = new Map(Object.entries(state.servers ?? {}));
  const listOf = (scope: ServerScope): ServerRecord[] => servers.get(scopeKey(scope)) ?? [];
  const keychain = state.keychain ?? { available: true, reason: null };
  const listeners: Listeners = {
    jobProgress: new Set(),
    jobChanged: new Set(),
    casesChanged: new Set(),
    serversChanged: new Set(),
    prompt: new Set(),
    promptClosed: new Set(),
    collectionChanged: new Set(),
  };
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
    getAppInfo: async () =>
      ok({ name: 'Casekit', version: '0.0.0-test', dataDir: '/tmp/casekit', warnings: state.appWarnings ?? [] }),
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
    listServers: async ({ scope }) => ok(listOf(scope)),
    saveServer: async ({ scope, id, server }) => {
      const list = listOf(scope);
      const current = list.find((s) => s.id === id);
      if (id !== null && id !== undefined && current === undefined) return fail('NOT_FOUND', `No server ${id}.`);
      const record = serverRecord({
        label: '',
        port: null,
        user: null,
        identityFile: null,
        jump: [],
        useSudo: false,
        legacyAlgorithms: false,
        ...server,
        id: current?.id ?? `s-${String(nextId++).padStart(12, '0')}`,
        createdAt: current?.createdAt ?? now(),
        updatedAt: now(),
      });
      servers.set(scopeKey(scope), current ? list.map((s) => (s.id === id ? record : s)) : [...list, record]);
      emit('serversChanged', { scope });
      return ok(record);
    },
    deleteServer: async ({ scope, id }) => {
      const list = listOf(scope);
      if (!list.some((s) => s.id === id)) return fail('NOT_FOUND', `No server ${id}.`);
      servers.set(
        scopeKey(scope),
        list.filter((s) => s.id !== id),
      );
      emit('serversChanged', { scope });
      return ok({ id });
    },
    testConnection: async () => ok(connectionTest()),
    cancelConnectionTest: async ({ testId }) => ok({ testId, cancelled: false }),
    answerPrompt: async ({ id }) => ok({ id }),
    replaceHostKey: async () => ok(connectionTest().hostKey),
    getKeychainStatus: async () => ok(keychain),
    forgetServerSecrets: async () => ok({ forgotten: 0 }),
    ...createFakeShipApi(state.ship ?? {}, cases, emit),
    ...createFakeCollectApi(state.collect ?? {}, servers, emit),
    on: (event, listener) => {
      listeners[event].add(listener);
      return () => {
        listeners[event].delete(listener);
      };
    },
  };

  return { api, cases, servers, emit };
}

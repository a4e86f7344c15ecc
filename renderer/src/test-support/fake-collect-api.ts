import type { CallOutput, CasekitApi, EventName, EventPayload } from '../../../electron/shared/api-contract';
import type { collectCalls, StartCollectionInput } from '../../../electron/shared/collect-api-schemas';
import type { Collection } from '../../../electron/shared/collect-schemas';
import { fail, ok } from '../../../electron/shared/result';
import type { ServerRecord } from '../../../electron/shared/server-schemas';

type CollectCallName = keyof typeof collectCalls;

export type FakeCollectCalls = { -readonly [K in CollectCallName]: CasekitApi[K] };

/** What the Collect step's calls answer; tests change it or spy on the calls. */
export type FakeCollectState = {
  discovery?: CallOutput<'discoverServers'>;
  plan?: CallOutput<'planCollection'>;
  /** The case's current collection, and what it was started with. */
  collection?: Collection;
  request?: StartCollectionInput;
};

export const COLLECTION_DIR = '/home/u/.config/Casekit/cases/case-000001/collection';

/**
 * The Collect step on the fake back end. Jobs only start: a test drives them
 * with `emit('jobChanged' | 'jobProgress' | 'collectionChanged', …)` as the
 * real core would.
 */
export function createFakeCollectApi(
  state: FakeCollectState,
  servers: Map<string, ServerRecord[]>,
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): FakeCollectCalls {
  let nextJob = 1;
  return {
    discoverServers: async ({ serverId }) => ok(state.discovery ?? { serverId, servers: [] }),
    addDiscoveredServers: async ({ caseId, fromServerId, names }) => {
      const list = servers.get(caseId) ?? [];
      const from = list.find((server) => server.id === fromServerId);
      if (from === undefined) return fail('NOT_FOUND', `No server ${fromServerId}.`);
      const added = names.map((name, index) => ({
        ...from,
        id: `s-added${String(index).padStart(7, '0')}`,
        label: '',
        host: name,
      }));
      servers.set(caseId, [...list, ...added]);
      emit('serversChanged', { scope: { kind: 'case', caseId } });
      return ok({ added, alreadySaved: [] });
    },
    planCollection: async () =>
      state.plan === undefined
        ? ok({
            collection: emptyCollection(),
            totals: { bytes: 0, seconds: 0, localFreeBytes: 1_000_000_000, fits: true },
          })
        : ok(state.plan),
    startCollection: async () => ok({ jobId: `job-collect-${String(nextJob++).padStart(6, '0')}` }),
    getCollection: async () =>
      ok({ collection: state.collection ?? null, dir: COLLECTION_DIR, request: parsedRequest(state.request) }),
  };
}

function emptyCollection(): Collection {
  return {
    schemaVersion: 1,
    case: null,
    vendor: 'zimbra',
    since: '2025-03-04T10:00:00.000Z',
    groups: ['zmdiaglog', 'logs', 'commands'],
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:00:00.000Z',
    hosts: [],
    items: [],
  };
}

/** As the contract's output has it: defaults filled in. */
function parsedRequest(request: StartCollectionInput | undefined): CallOutput<'getCollection'>['request'] {
  if (request === undefined) return null;
  return {
    consent: [],
    removeRemoteZmdiaglog: false,
    exclude: [],
    retryFailed: false,
    ...request,
  };
}

import { startCollectionInputSchema } from '../../shared/collect-api-schemas';
import type { Collection } from '../../shared/collect-schemas';
import { CasekitError } from '../../shared/error-codes';
import type { ServerRecord, ServerScope } from '../../shared/server-schemas';
import type { CaseStore } from '../cases/case-store';
import type { HostConnector } from '../collect/collect-host';
import { discoverInstallation } from '../collect/host/index';
import {
  checkedZmdiaglogArgs,
  collectionDirOf,
  collectJobParamsSchema,
  collectOptionsOf,
  HOST_CONCURRENCY,
  HOST_TIMEOUT_MS,
  type CollectJobParams,
  type CollectRequestInput,
} from '../collect/jobs/case-collection';
import { planCollection, readCollection } from '../collect/run/index';
import type { JobManager } from '../jobs/job-manager';
import type { ServerStore } from '../remote/servers/server-store';
import { DEFAULT_VENDOR_ID, type VendorProfile } from '../vendor/index';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';

export interface CollectHandlerDeps {
  cases: CaseStore;
  servers: ServerStore;
  jobs: JobManager;
  events: EventBus;
  /** Reaches the saved servers of one case (host keys and passwords through prompts). */
  connector: (caseId: string, serviceUser: string) => HostConnector;
  vendorProfile: () => Promise<VendorProfile>;
}

export type CollectHandlers = Pick<
  Handlers,
  'discoverServers' | 'addDiscoveredServers' | 'planCollection' | 'startCollection' | 'getCollection'
>;

const caseScope = (caseId: string): ServerScope => ({ kind: 'case', caseId });
const sameHost = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Only these targets' hosts and items: a case's collection also keeps the hosts of earlier runs. */
function onlyTargets(collection: Collection, targets: readonly string[]): Collection {
  const hosts = collection.hosts.filter((host) => targets.includes(host.target));
  const names = new Set(hosts.flatMap((host) => (host.host === null ? [] : [host.host])));
  return { ...collection, hosts, items: collection.items.filter((item) => names.has(item.host)) };
}

/** Discovery, the size plan, the collect job and the case's collection (the Collect step). */
export function createCollectHandlers(deps: CollectHandlerDeps): CollectHandlers {
  const { cases, servers, jobs, events, connector, vendorProfile } = deps;
  const outDirOf = (caseId: string): string => collectionDirOf(cases.folderOf(caseId));
  const collectJobsOf = (caseId: string) =>
    jobs.list().filter((job) => job.kind === 'collect' && job.caseId === caseId);

  /** One collection per case folder at a time: a plan or run beside a running job would mix their journals. */
  const refuseWhileRunning = (caseId: string, doing: string): void => {
    if (collectJobsOf(caseId).some((job) => job.state === 'running' || job.state === 'queued')) {
      throw new CasekitError(
        'INVALID_INPUT',
        `A collection of this case is running, so ${doing} would write into the same folder. Wait until it ends, or cancel it, then try again.`,
      );
    }
  };

  /** The case exists, and every server named is one of its own. */
  const caseServers = async (caseId: string, serverIds: readonly string[]): Promise<ServerRecord[]> => {
    await cases.get(caseId);
    return Promise.all(serverIds.map((id) => servers.get(caseScope(caseId), id)));
  };

  /** What planning and starting check first: the case and its servers, nothing running there, zmdiaglog's arguments. */
  const prepare = async (request: CollectRequestInput, doing: string) => {
    const record = await cases.get(request.caseId);
    await caseServers(request.caseId, request.serverIds);
    refuseWhileRunning(request.caseId, doing);
    const profile = (await vendorProfile()).collect;
    return { record, profile, outDir: outDirOf(request.caseId), zmdiaglogArgs: checkedZmdiaglogArgs(request, profile) };
  };

  return {
    discoverServers: async ({ caseId, serverId }) => {
      await caseServers(caseId, [serverId]);
      const profile = (await vendorProfile()).collect;
      // A call cannot be cancelled; the host's own timeouts and the prompts' bound how long it waits.
      const controller = new AbortController();
      const host = await connector(caseId, profile.serviceUser)(serverId, controller.signal);
      let found: Awaited<ReturnType<typeof discoverInstallation>>;
      try {
        found = await discoverInstallation(host, profile, controller.signal);
      } finally {
        controller.abort();
        await host.close();
      }
      const saved = await servers.list(caseScope(caseId));
      return {
        serverId,
        servers: found.servers.map((server) => ({
          name: server.name,
          services: server.services,
          error: server.error,
          savedServerId:
            (sameHost(server.name, host.hostname) ? serverId : null) ??
            saved.find((record) => sameHost(record.host, server.name))?.id ??
            null,
        })),
      };
    },

    addDiscoveredServers: async ({ caseId, fromServerId, names }) => {
      const [from] = await caseServers(caseId, [fromServerId]);
      if (from === undefined) throw new CasekitError('INTERNAL', 'The server asked vanished while it was read.');
      const scope = caseScope(caseId);
      const existing = await servers.list(scope);
      const added: ServerRecord[] = [];
      const alreadySaved: string[] = [];
      for (const name of names) {
        if ([...existing, ...added].some((record) => sameHost(record.host, name))) {
          alreadySaved.push(name);
          continue;
        }
        const { port, user, identityFile, jump, useSudo, legacyAlgorithms } = from;
        added.push(
          await servers.save(scope, null, {
            label: '',
            host: name,
            port,
            user,
            identityFile,
            jump,
            useSudo,
            legacyAlgorithms,
          }),
        );
      }
      if (added.length > 0) events.emit({ event: 'serversChanged', payload: { scope } });
      return { added, alreadySaved };
    },

    planCollection: async (request) => {
      const { caseId, serverIds } = request;
      const { record, profile, outDir, zmdiaglogArgs } = await prepare(request, 'planning');
      const controller = new AbortController();
      try {
        const plan = await planCollection(
          {
            targets: serverIds,
            connect: connector(caseId, profile.serviceUser),
            profile,
            vendor: DEFAULT_VENDOR_ID,
            options: collectOptionsOf(request, zmdiaglogArgs, profile),
            outDir,
            caseNumber: record.caseNumber,
            concurrency: HOST_CONCURRENCY,
            hostTimeoutMs: HOST_TIMEOUT_MS,
          },
          { signal: controller.signal },
        );
        return { collection: onlyTargets(plan.collection, serverIds), totals: plan.totals };
      } finally {
        controller.abort();
      }
    },

    startCollection: async (request) => {
      const { caseId } = request;
      const { record, outDir, zmdiaglogArgs } = await prepare(request, 'starting another');
      const params: CollectJobParams = { caseId, outDir, caseNumber: record.caseNumber, request, zmdiaglogArgs };
      const job = await jobs.start('collect', { caseId, params });
      return { jobId: job.id };
    },

    getCollection: async ({ caseId }) => {
      await cases.get(caseId);
      const dir = outDirOf(caseId);
      // The newest collect job's params say what the collection was last started with.
      const latest = collectJobsOf(caseId)[0];
      const params = latest === undefined ? null : collectJobParamsSchema.safeParse(jobs.paramsOf(latest.id));
      return {
        collection: await readCollection(dir),
        dir,
        request: params?.success === true ? startCollectionInputSchema.parse(params.data.request) : null,
      };
    },
  };
}

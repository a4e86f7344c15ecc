import type { CollectionChanged } from '../../../shared/collect-api-schemas';
import type { Collection } from '../../../shared/collect-schemas';
import { CasekitError, ERROR_CODES, type ErrorCode } from '../../../shared/error-codes';
import type { JobContext, JobRunner } from '../../jobs/job-types';
import { DEFAULT_VENDOR_ID, type VendorProfile } from '../../vendor/index';
import type { HostConnector } from '../collect-host';
import { runCollection } from '../run/index';
import { collectJobParamsSchema, collectOptionsOf, HOST_CONCURRENCY, HOST_TIMEOUT_MS } from './case-collection';
import { CollectionReporter } from './collection-reporter';

export interface CollectJobDeps {
  /** Reaches the saved servers of one case. */
  connector: (caseId: string, serviceUser: string) => HostConnector;
  /** Read when a run starts, so a profile fixed on disk counts from the next one. */
  vendorProfile: () => Promise<VendorProfile>;
  /** A `collectionChanged` event, already throttled. */
  onChanged: (payload: CollectionChanged) => void;
  /** Hosts at once and the time allowed per host; tests shorten them. */
  concurrency?: number;
  hostTimeoutMs?: number;
}

const MAX_NAMED = 3;

const codeOf = (code: string | null | undefined): ErrorCode =>
  code !== null && code !== undefined && Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'IO_ERROR';

/**
 * What failed in this run's hosts, as one error: how many hosts and items,
 * the first few with their reasons, and what to do. Null when nothing failed
 * (items skipped for want of consent are not failures).
 */
export function collectionFailure(collection: Collection, targets: readonly string[]): CasekitError | null {
  const hosts = collection.hosts.filter((host) => targets.includes(host.target));
  const names = new Set(hosts.flatMap((host) => (host.host === null ? [] : [host.host])));
  const items = collection.items.filter((item) => names.has(item.host));
  const failedHosts = hosts.filter((host) => host.error !== null);
  const failedItems = items.filter((item) => item.status === 'failed');
  if (failedHosts.length === 0 && failedItems.length === 0) return null;
  const parts: string[] = [];
  if (failedHosts.length > 0) {
    const named = failedHosts
      .slice(0, MAX_NAMED)
      .map((host) => `${host.host ?? host.target}: ${host.error?.message ?? host.status}`);
    parts.push(`${failedHosts.length} of ${hosts.length} servers could not be collected from (${named.join('; ')})`);
  }
  if (failedItems.length > 0) {
    const named = failedItems
      .slice(0, MAX_NAMED)
      .map((item) => `${item.host}: ${item.remotePath ?? item.command ?? item.id}: ${item.reason ?? 'failed'}`);
    parts.push(`${failedItems.length} of ${items.length} items failed (${named.join('; ')})`);
  }
  const ok = items.filter((item) => item.status === 'ok').length;
  return new CasekitError(
    codeOf(failedHosts[0]?.error?.code ?? failedItems[0]?.errorCode),
    `${parts.join(', and ')}. ${ok > 0 ? `The ${ok} items collected are kept. ` : ''}` +
      'Retry the failed items once the cause is fixed: what was collected is not fetched again.',
    { retryable: true },
  );
}

/**
 * The `collect` job: runs the case's collection over its saved servers with
 * the engine, reporting bytes and items (the job manager adds rate and time
 * left) and pushing the collection as it changes. Its journal is the
 * collection's own `collection.json`: after a restart the job runs again with
 * the same params and the engine skips every item whose copy is intact.
 * Failed hosts or items fail the job with their reasons; what arrived stays.
 *
 * Runs in the process of the core. `casekit serve` starts Node with
 * NODE_HEAP_FLAGS (bin/casekit.mjs); Electron's main process cannot take them
 * (common/heap-flags.ts), so in the desktop app long copies cost more CPU in
 * garbage collection until collection moves to a utilityProcess started with them.
 */
export function collectJobRunner(deps: CollectJobDeps): JobRunner {
  return async (ctx: JobContext) => {
    const params = collectJobParamsSchema.parse(ctx.params);
    const { request } = params;
    const profile = (await deps.vendorProfile()).collect;
    const reporter = new CollectionReporter(params.caseId, ctx.jobId, deps.onChanged);
    ctx.progress({ bytesDone: 0, itemsDone: 0, current: null });
    let collection: Collection;
    try {
      collection = await runCollection(
        {
          targets: request.serverIds,
          connect: deps.connector(params.caseId, profile.serviceUser),
          profile,
          vendor: DEFAULT_VENDOR_ID,
          options: collectOptionsOf(request, params.zmdiaglogArgs, profile),
          outDir: params.outDir,
          caseNumber: params.caseNumber,
          concurrency: deps.concurrency ?? HOST_CONCURRENCY,
          hostTimeoutMs: deps.hostTimeoutMs ?? HOST_TIMEOUT_MS,
          exclude: new Set(request.exclude),
          retryFailed: request.retryFailed,
        },
        {
          signal: ctx.signal,
          onUpdate: (update) => reporter.update(update),
          onProgress: (progress) => {
            reporter.progress(progress);
            ctx.progress({
              bytesDone: progress.bytesDone,
              bytesTotal: progress.bytesTotal,
              itemsDone: progress.itemsDone,
              itemsTotal: progress.itemsTotal,
              current: progress.current,
            });
          },
        },
      );
    } finally {
      reporter.finish();
    }
    const failure = collectionFailure(collection, request.serverIds);
    if (failure !== null) throw failure;
  };
}

import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import type { CollectHost } from '../collect-host';
import type { HostPlanner } from '../collect-types';
import type { CollectionState } from './collection-state';
import type { RunRequest } from './collection-types';
import type { HostGuard } from './host-guard';
import { mergeHostItems } from './merge-items';

export interface OpenedHost {
  host: CollectHost;
  items: CollectItem[];
}

/**
 * Connects to one target and lists what it has, merged with what the
 * journal already holds for it; records the host's name and its items.
 * Whoever calls it closes the host (also when this throws after connecting:
 * `onConnected` hands it over first).
 */
export async function openAndPlanHost(
  target: string,
  request: RunRequest,
  planner: HostPlanner,
  state: CollectionState,
  guard: HostGuard,
  onConnected: (host: CollectHost) => void,
): Promise<OpenedHost> {
  state.updateHost(target, { status: 'connecting', error: null });
  const host = await guard.settle(request.connect(target, guard.signal));
  onConnected(host);
  guard.watch(host);
  const hostname = host.hostname;
  const twin = state.targetNamed(hostname, target);
  if (twin !== null) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${target} and ${twin} are the same server (both call themselves ${hostname}); collecting it twice would mix their files. Name it once.`,
    );
  }
  state.updateHost(target, { host: hostname, status: 'running' });
  const planned = await guard.settle(planner(host, request.profile, request.options, guard.signal));
  const items = await guard.settle(
    mergeHostItems({
      planned,
      earlier: state.itemsOf(hostname),
      outDir: request.outDir,
      exclude: request.exclude,
      retryFailed: request.retryFailed,
      signal: guard.signal,
    }),
  );
  state.replaceItems(hostname, items);
  return { host, items };
}

/** Closes a host without letting a failing close hide what happened before. */
export async function closeQuietly(host: CollectHost | null): Promise<void> {
  if (host === null) return;
  try {
    await host.close();
  } catch {
    // The connection is going away either way; its work is already recorded.
  }
}

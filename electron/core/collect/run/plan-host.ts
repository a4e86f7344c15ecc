import type { CasekitError } from '../../../shared/error-codes';
import type { CollectHost } from '../collect-host';
import type { HostPlanner } from '../collect-types';
import type { CollectionState } from './collection-state';
import type { CollectionRequest } from './collection-types';
import { asCasekitError, HostGuard } from './host-guard';
import { closeQuietly, openAndPlanHost } from './open-host';

/** One host's part of a plan: connect, list, merge with the journal; a host that fails is recorded, not thrown. */
export async function planHost(
  request: CollectionRequest,
  planner: HostPlanner,
  state: CollectionState,
  signal: AbortSignal,
  target: string,
): Promise<void> {
  const guard = new HostGuard(target, signal, request.hostTimeoutMs);
  let host: CollectHost | null = null;
  let failure: CasekitError | null = null;
  try {
    await openAndPlanHost(target, request, planner, state, guard, (connected) => {
      host = connected;
    });
  } catch (error) {
    failure = guard.classify(error)?.error ?? asCasekitError(error);
  } finally {
    guard.dispose();
    await closeQuietly(host);
  }
  if (guard.stop?.cause === 'cancelled') {
    state.updateHost(target, { status: 'pending', error: null });
  } else if (failure !== null) {
    state.updateHost(target, { status: 'failed', error: { code: failure.code, message: failure.message } });
  } else {
    const hostname = state.host(target).host;
    const left = hostname === null ? [] : state.itemsOf(hostname).filter((item) => item.status === 'pending');
    state.updateHost(target, { status: left.length > 0 ? 'pending' : 'done', error: null });
  }
}

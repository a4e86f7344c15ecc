import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import type { CollectHost } from '../collect-host';
import type { HostPlanner, ItemRunner } from '../collect-types';
import type { CollectionState } from './collection-state';
import type { RunRequest } from './collection-types';
import { asCasekitError, HostGuard } from './host-guard';
import { closeQuietly, openAndPlanHost } from './open-host';
import type { ProgressTracker } from './progress-tracker';

// Longer than a round trip over the slowest link, shorter than most keepalive verdicts.
const CONNECTION_CHECK_MS = 15_000;

export interface RunContext {
  request: RunRequest;
  planner: HostPlanner;
  runner: ItemRunner;
  state: CollectionState;
  tracker: ProgressTracker;
  signal: AbortSignal;
}

/**
 * A host's items in two lanes that run side by side, each one item at a
 * time: what runs on the server (zmdiaglog, commands: mostly waiting for the
 * server) and what is copied from it (files: the link's bandwidth). Commands
 * then cost no time of their own while a large log is on its way, and the
 * server never has more than one command and one copy of ours at once.
 */
export function lanesOf(items: readonly CollectItem[]): CollectItem[][] {
  const runsOnServer = (item: CollectItem) => item.kind === 'zmdiaglog' || item.kind === 'command';
  const lanes = [items.filter(runsOnServer), items.filter((item) => !runsOnServer(item))];
  return lanes.filter((lane) => lane.length > 0);
}

/**
 * One host's part of a run: connect, re-list, run what is left (two lanes,
 * see lanesOf), and leave every item and the host with a status that says what
 * happened, whichever way it ended.
 */
export async function runHost(context: RunContext, target: string): Promise<void> {
  const { request, state } = context;
  const guard = new HostGuard(target, context.signal, request.hostTimeoutMs);
  let host: CollectHost | null = null;
  let queued: CollectItem[] | null = null;
  let failure: CasekitError | null = null;
  try {
    const opened = await openAndPlanHost(target, request, context.planner, state, guard, (open) => {
      host = open;
    });
    queued = opened.items.filter((item) => item.status === 'pending');
    context.tracker.schedule(queued);
    const connected = opened.host;
    await Promise.all(
      lanesOf(queued).map(async (lane) => {
        for (const item of lane) {
          if (guard.stop !== null) break;
          await runItem(context, guard, connected, item.id);
        }
      }),
    );
  } catch (error) {
    failure = guard.classify(error)?.error ?? asCasekitError(error);
  } finally {
    guard.dispose();
    await closeQuietly(host);
  }
  const cancelled = guard.stop?.cause === 'cancelled';
  settleHost(context, target, queued, cancelled ? null : (guard.stop?.error ?? failure), cancelled);
}

async function runItem(context: RunContext, guard: HostGuard, host: CollectHost, id: string): Promise<void> {
  const { request, state, tracker } = context;
  state.updateItem(id, { status: 'running', reason: null, errorCode: null });
  const item = state.item(id);
  tracker.start(item);
  try {
    const outcome = await guard.settle(
      context.runner(
        { ...item },
        {
          host,
          profile: request.profile,
          options: request.options,
          outDir: request.outDir,
          signal: guard.signal,
          onProgress: (progress) => tracker.update(id, progress),
        },
      ),
    );
    state.updateItem(id, {
      status: 'ok',
      localPath: outcome.localPath,
      size: outcome.size,
      sha256: outcome.sha256,
      exitCode: outcome.exitCode,
      reason: null,
      errorCode: null,
      finishedAt: new Date().toISOString(),
    });
    tracker.finish(id, outcome.size);
  } catch (error) {
    let stop = guard.classify(error);
    if (stop === null && error instanceof CasekitError && error.code === 'COMMAND_TIMEOUT') {
      await guard.checkConnection(host, request.connectionCheckMs ?? CONNECTION_CHECK_MS);
      stop = guard.stop;
    }
    if (stop?.cause === 'cancelled') {
      state.updateItem(id, { status: 'pending' });
      tracker.stop(id);
      return;
    }
    const recorded = stop?.error ?? asCasekitError(error);
    state.updateItem(id, {
      status: 'failed',
      reason: recorded.message,
      errorCode: recorded.code,
      finishedAt: new Date().toISOString(),
    });
    tracker.finish(id);
  }
}

/**
 * The host's final record. `error` (a failed connect or plan, a lost
 * connection, the time limit) fails what it left undone; a cancel leaves that
 * `pending` for the next run.
 */
function settleHost(
  context: RunContext,
  target: string,
  queued: CollectItem[] | null,
  error: CasekitError | null,
  cancelled: boolean,
): void {
  const { state, tracker } = context;
  const hostname = state.host(target).host;
  state.batch(() => {
    const mine = hostname === null ? [] : state.itemsOf(hostname);
    // Before its plan, everything not done of the host's earlier run is what this failure left undone.
    const undone = queued === null ? mine.filter((item) => item.status !== 'ok' && item.status !== 'skipped') : queued;
    for (const item of undone) {
      const current = state.item(item.id);
      if (current.status === 'running') {
        state.updateItem(item.id, { status: 'pending' });
        tracker.stop(item.id);
      }
      if (error !== null && (current.status === 'pending' || queued === null)) {
        state.updateItem(item.id, {
          status: 'failed',
          reason: error.message,
          errorCode: error.code,
          finishedAt: new Date().toISOString(),
        });
        tracker.finish(item.id, 0);
      }
    }
    const after = hostname === null ? [] : state.itemsOf(hostname);
    const anyOk = after.some((item) => item.status === 'ok');
    const anyFailed = after.some((item) => item.status === 'failed');
    const status =
      cancelled && (queued === null || after.some((item) => item.status === 'pending'))
        ? 'pending'
        : error !== null || anyFailed
          ? anyOk
            ? 'partial'
            : 'failed'
          : 'done';
    state.updateHost(target, {
      status,
      error: error === null ? null : { code: error.code, message: error.message },
    });
  });
}

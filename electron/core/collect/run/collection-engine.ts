import { promises as fs } from 'node:fs';
import type { Collection, CollectPlanTotals } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { DIR_MODE } from '../../common/json-document';
import { ioError } from '../../common/error-text';
import { mapLimit } from '../../common/map-limit';
import type { HostPlanner, ItemRunner } from '../collect-types';
import { readCollection } from './collection-file';
import { CollectionState } from './collection-state';
import type { CollectionRequest, PlanCallbacks, RunCallbacks, RunRequest } from './collection-types';
import { hostOperations } from './host-operations';
import { cancelledError } from './host-guard';
import { planHost } from './plan-host';
import { planTotals } from './plan-totals';
import { ProgressTracker } from './progress-tracker';
import { runHost } from './run-host';

/**
 * Lists what every target has (connecting to each, `concurrency` at once)
 * and records it in `outDir/collection.json`, keeping what an earlier run in
 * the same folder finished; the totals set what is left against free space.
 */
export async function planCollection(
  request: CollectionRequest,
  callbacks: PlanCallbacks,
): Promise<{ collection: Collection; totals: CollectPlanTotals }> {
  const { state, targets, planner } = await prepare(request, callbacks);
  await mapLimit(targets, request.concurrency, async (target) => {
    if (!callbacks.signal.aborted) await planHost(request, planner, state, callbacks.signal, target);
  });
  await state.journal.flush();
  if (callbacks.signal.aborted) throw cancelledError();
  const collection = state.snapshot();
  return { collection, totals: await planTotals(collection, targets, request.concurrency, request.outDir) };
}

/**
 * Collects from every target, `concurrency` hosts at once, each re-listed as
 * it starts and its items run one after another, recording each item's state
 * in `collection.json` as it changes. A re-run into the same folder resumes:
 * finished items whose copy is intact are not fetched again. Cancelling
 * leaves unfinished items `pending` and rejects with CANCELLED.
 */
export async function runCollection(request: RunRequest, callbacks: RunCallbacks): Promise<Collection> {
  const { state, targets, planner, runner } = await prepare(request, callbacks);
  const tracker = new ProgressTracker(callbacks.onProgress);
  const context = { request, planner, runner, state, tracker, signal: callbacks.signal };
  try {
    await mapLimit(targets, request.concurrency, async (target) => {
      if (!callbacks.signal.aborted) await runHost(context, target);
    });
  } finally {
    tracker.dispose();
    await state.journal.flush();
  }
  if (callbacks.signal.aborted) throw cancelledError();
  return state.snapshot();
}

async function prepare(
  request: CollectionRequest,
  callbacks: PlanCallbacks,
): Promise<{ state: CollectionState; targets: string[]; planner: HostPlanner; runner: ItemRunner }> {
  const targets = [...new Set(request.targets)];
  if (targets.length === 0) throw new CasekitError('INVALID_INPUT', 'Name at least one server to collect from.');
  if (!Number.isInteger(request.concurrency) || request.concurrency < 1) {
    throw new CasekitError('INVALID_INPUT', `${request.concurrency} hosts at once: use a whole number from 1 up.`);
  }
  if (!(request.hostTimeoutMs > 0)) {
    throw new CasekitError('INVALID_INPUT', 'The time allowed per host must be more than zero.');
  }
  if (callbacks.signal.aborted) throw cancelledError();
  try {
    await fs.mkdir(request.outDir, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    throw ioError(`create the collection folder ${request.outDir}`, error);
  }
  const state = new CollectionState(await readCollection(request.outDir), request, callbacks.onUpdate);
  state.batch(() => {
    for (const target of targets) state.updateHost(target, { status: 'pending', error: null });
    // A run that was killed left its items `running`: they were not finished.
    for (const item of state.snapshot().items) {
      if (item.status === 'running') state.updateItem(item.id, { status: 'pending' });
    }
  });
  await state.journal.flush();
  return { state, targets, ...hostOperations(request) };
}

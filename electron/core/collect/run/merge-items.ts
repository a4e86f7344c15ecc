import type { CollectItem } from '../../../shared/collect-schemas';
import { hasVerifiedCopy } from './local-copy';

/** The reason recorded for an item the user trimmed from the plan. */
export const LEFT_OUT_BY_USER = 'left out of the plan by the user';

export interface MergeInput {
  /** What the host has now, as its planner listed it. */
  planned: readonly CollectItem[];
  /** What the journal recorded for the same host in an earlier plan or run. */
  earlier: readonly CollectItem[];
  outDir: string;
  exclude?: ReadonlySet<string>;
  retryFailed?: boolean;
  signal?: AbortSignal;
}

/**
 * One host's items for this plan or run: the fresh plan, except that items
 * finished earlier whose copy is still intact stay `ok` (never fetched again),
 * trimmed items become `skipped`, and a retry keeps the earlier selection.
 */
export async function mergeHostItems(input: MergeInput): Promise<CollectItem[]> {
  const earlierById = new Map(input.earlier.map((item) => [item.id, item]));
  const plannedIds = new Set<string>();
  // A retry of a host that was planned before runs only what it listed; a host never planned is planned in full.
  const keepSelection = input.retryFailed === true && input.earlier.length > 0;
  const merged: CollectItem[] = [];
  for (const fresh of input.planned) {
    if (plannedIds.has(fresh.id)) continue;
    plannedIds.add(fresh.id);
    const before = earlierById.get(fresh.id);
    if (before !== undefined && (await hasVerifiedCopy(input.outDir, before, input.signal))) {
      merged.push(before);
    } else if (keepSelection && (before === undefined || before.status === 'skipped')) {
      if (before !== undefined) merged.push(before);
    } else {
      merged.push(leaveOut({ ...fresh }, input.exclude));
    }
  }
  // Finished items the server no longer lists (a log rotated away) are kept while their copy is intact.
  for (const before of input.earlier) {
    if (!plannedIds.has(before.id) && (await hasVerifiedCopy(input.outDir, before, input.signal))) {
      merged.push(before);
    }
  }
  return merged;
}

function leaveOut(item: CollectItem, exclude: ReadonlySet<string> | undefined): CollectItem {
  if (item.status !== 'pending' || exclude?.has(item.id) !== true) return item;
  return { ...item, status: 'skipped', reason: LEFT_OUT_BY_USER, errorCode: null };
}

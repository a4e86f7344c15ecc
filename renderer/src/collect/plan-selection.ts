import type { CollectItem, Collection } from './collect-types';

/** What the user may do with one item of a plan. */
export type ItemChoice =
  /** A memory image: fetched only with a tick for this very file. */
  | 'consent'
  /** To be collected unless the user trims it. */
  | 'trim'
  /** Already collected (an earlier run), or skipped for a reason of the server's: nothing to choose. */
  | 'fixed';

export function choiceOf(item: CollectItem): ItemChoice {
  if (item.status === 'ok') return 'fixed';
  if (item.needsConsent) return 'consent';
  return item.status === 'pending' ? 'trim' : 'fixed';
}

export type Selection = {
  /** Items the user unticked. */
  excluded: ReadonlySet<string>;
  /** Dumps the user ticked. */
  consent: ReadonlySet<string>;
};

export const EMPTY_SELECTION: Selection = { excluded: new Set(), consent: new Set() };

/** Whether the run will fetch this item, as the plan and the ticks stand. */
export function isSelected(item: CollectItem, selection: Selection): boolean {
  switch (choiceOf(item)) {
    case 'consent':
      return selection.consent.has(item.id);
    case 'trim':
      return !selection.excluded.has(item.id);
    case 'fixed':
      return false;
  }
}

export type SelectionTotals = {
  items: number;
  bytes: number;
  /** Hosts run in parallel: the longest host's estimate. */
  seconds: number;
  fits: boolean;
};

/** The plan's figures for what is ticked now: what the Plan's totals would say after the trim. */
export function selectionTotals(collection: Collection, selection: Selection, localFreeBytes: number): SelectionTotals {
  let items = 0;
  let bytes = 0;
  const perHost = new Map<string, number>();
  for (const item of collection.items) {
    if (!isSelected(item, selection)) continue;
    items += 1;
    bytes += item.size ?? 0;
    perHost.set(item.host, (perHost.get(item.host) ?? 0) + (item.estimatedSeconds ?? 0));
  }
  return { items, bytes, seconds: Math.max(0, ...perHost.values()), fits: bytes <= localFreeBytes };
}

/** The two id lists startCollection takes: trimmed items, and dumps consented to. */
export function selectionInput(collection: Collection, selection: Selection): { exclude: string[]; consent: string[] } {
  const exclude: string[] = [];
  const consent: string[] = [];
  for (const item of collection.items) {
    const choice = choiceOf(item);
    if (choice === 'trim' && selection.excluded.has(item.id)) exclude.push(item.id);
    if (choice === 'consent' && selection.consent.has(item.id)) consent.push(item.id);
  }
  return { exclude, consent };
}

/** One host's items, in the collection's order; items of a host the collection has no name for yet are none. */
export function itemsByHost(collection: Collection): Map<string, CollectItem[]> {
  const byHost = new Map<string, CollectItem[]>();
  for (const item of collection.items) {
    const list = byHost.get(item.host);
    if (list === undefined) byHost.set(item.host, [item]);
    else list.push(item);
  }
  return byHost;
}

import { useCallback, useState } from 'react';
import type { ItemLive } from '../../../electron/shared/collect-api-schemas';
import { useApi } from '../app/api-context';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import type { Collection } from './collect-types';

export type LiveItems = ReadonlyMap<string, ItemLive>;
const NONE: LiveItems = new Map();

/**
 * The case's current collection: read once, then kept up to date by the
 * `collectionChanged` events a running collect job sends, with how far each
 * running item is (`live`, empty when nothing runs).
 */
export function useCollection(caseId: string) {
  const api = useApi();
  const query = useCallback(() => api.getCollection({ caseId }), [api, caseId]);
  const { state, reload, replace } = useApiQuery(query);
  const [live, setLive] = useState<LiveItems>(NONE);

  useCasekitEvent('collectionChanged', (payload) => {
    if (payload.caseId !== caseId) return;
    // The folder and the request stay what the last read said; only the collection moves on.
    const known = state.status === 'ready' ? state.data : { dir: '', request: null };
    replace({ ...known, collection: payload.collection });
    setLive(new Map(payload.live.map((item) => [item.id, item])));
  });

  /** After the job ended: running items are gone, and the file on disk has the final word. */
  const settle = useCallback(async (): Promise<void> => {
    setLive(NONE);
    await reload();
  }, [reload]);

  const collection: Collection | null = state.status === 'ready' ? state.data.collection : null;
  return { state, collection, live, reload: settle };
}
